// The three sections of 每日调度 and their Chinese names: pure, so that the console shows the same words as
// the report's HTML page and workbook.
export const DAILY_SECTIONS = ['missing', 'late', 'deleted'] as const;
export type DailySection = (typeof DAILY_SECTIONS)[number];
export const SECTION_LABELS: Readonly<Record<DailySection, string>> = { missing: '执法无视频', late: '视频超时上传', deleted: '视频违规删除' };
