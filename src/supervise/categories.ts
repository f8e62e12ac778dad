// The categories an item may carry: the contract's sixteen (§3) and the extra sources of items that do
// not come from an analysis run (documented in docs/API.md).
import { CATEGORIES } from '../rules/types.ts';

export const EXTRA_CATEGORIES = ['spot-check'] as const;

export const CATEGORY_ZH: Readonly<Record<string, string>> = {
  'point-trading': '买分卖分', 'case-shelving': '压案不办', 'favor-voiding': '人情案(违法作废)', 'liability-change': '人情案(认定变更)',
  'irregular-business': '违规办理业务', 'bodycam-missing': '执法无视频', 'bodycam-deletion': '视频违规删除', 'bodycam-late-upload': '视频超时上传',
  'device-unapproved': '设备未审核公告', 'device-calibration': '设备检定过期', 'device-complaints': '设备群众诟病多', 'device-volume': '设备抓拍量异常',
  'duplicate-penalty': '重复处罚', 'code-mismatch': '代码录入错误', blackspot: '事故多发点段', 'opinion-quota': '纳谏不足',
  'spot-check': '抽查不合格',
};

export const ALL_CATEGORIES: readonly string[] = [...CATEGORIES, ...EXTRA_CATEGORIES];
