// The sixteen warning categories of contract §3 as a person reads them: the Chinese name, what the
// category means (the contract's one-line definition, in Chinese), the RULES.md part that defines it
// and the settings group (src/rules/settings.ts) holding its figures. The console and the XLSX export
// label everything from here.
import type { Category, EvidenceKind, Severity, SubjectKind } from '../rules/types.ts';

export interface CategoryInfo {
  readonly zh: string;
  /** RULES.md "Part N". */
  readonly part: number;
  readonly meaning: string;
  /** The group of settings.ts whose figures the rule uses; null when RULES.md fixes none. */
  readonly settings: string | null;
}

export const CATEGORY_INFO: Record<Category, CategoryInfo> = {
  'point-trading': { zh: '买分卖分', part: 1, settings: 'pointTrading', meaning: '驾驶证为其持有人并不驾驶的他人机动车接受处罚和记分' },
  'case-shelving': { zh: '压案不办', part: 2, settings: 'caseShelving', meaning: '一般程序事故超过法定期限未作出责任认定，且无经批准的理由' },
  'favor-voiding': { zh: '人情案(违法作废)', part: 3, settings: 'favorVoiding', meaning: '民警作废、撤销违法记录，理由不成立，指向说情照顾' },
  'liability-change': { zh: '人情案(认定变更)', part: 4, settings: null, meaning: '事故责任认定在无复核决定的情况下被变更' },
  'irregular-business': { zh: '违规办理业务', part: 5, settings: 'irregularBusiness', meaning: '车驾管业务违反规定办理' },
  'bodycam-missing': { zh: '执法无视频', part: 6, settings: 'bodycamMissing', meaning: '现场执法（现场处罚、事故处理）没有覆盖该时段的执法记录仪视频' },
  'bodycam-deletion': { zh: '视频违规删除', part: 7, settings: 'bodycamDeletion', meaning: '执法记录仪视频在保存期限届满前被删除' },
  'bodycam-late-upload': { zh: '视频超时上传', part: 8, settings: 'bodycamLateUpload', meaning: '执法记录仪视频超过规定时限上传' },
  'device-unapproved': { zh: '设备未审核公告', part: 9, settings: null, meaning: '设备未经审核、未向社会公告即用于非现场处罚' },
  'device-calibration': { zh: '设备检定过期', part: 10, settings: 'deviceCalibration', meaning: '测速设备检定有效期届满后仍用于处罚' },
  'device-complaints': { zh: '设备群众诟病多', part: 11, settings: 'deviceComplaints', meaning: '群众对该设备的投诉较多' },
  'device-volume': { zh: '设备抓拍量异常', part: 12, settings: 'deviceVolume', meaning: '设备抓拍处罚量远高于同类设备' },
  'duplicate-penalty': { zh: '重复处罚', part: 13, settings: 'duplicatePenalty', meaning: '对同一连续违法行为重复处罚（后一条记录）' },
  'code-mismatch': { zh: '代码录入错误', part: 14, settings: null, meaning: '违法代码、记分或罚款与代码表或设备类型不符' },
  blackspot: { zh: '事故多发点段', part: 15, settings: 'blackspot', meaning: '事故在一处聚集的点段' },
  'opinion-quota': { zh: '纳谏不足', part: 16, settings: null, meaning: '单位在一个季度内未听取群众意见建议' },
};

export const SEVERITY_ZH: Record<Severity, string> = { high: '高', medium: '中', low: '低' };

export const EVIDENCE_KIND_ZH: Record<EvidenceKind, string> = {
  violation: '交通违法', accident: '道路交通事故', business: '车驾管业务', video: '执法记录仪视频', device: '监控设备',
  opinion: '意见建议与投诉', officer: '警员', license: '驾驶证', vehicle: '机动车', unit: '单位',
};

export const SUBJECT_KIND_ZH: Record<SubjectKind, string> = {
  license: '驾驶证', accident: '事故', officer: '警员', business: '业务流水', violation: '违法记录', video: '视频', device: '设备',
  location: '地点', 'unit-quarter': '单位季度',
};

export const categoryZh = (c: string): string => (CATEGORY_INFO as Record<string, CategoryInfo | undefined>)[c]?.zh ?? c;
