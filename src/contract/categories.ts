// The sixteen warning categories of contract §3 as a person reads them: the Chinese name, what the
// category means (the contract's one-line definition, in Chinese), the RULES.md part that defines it
// and the settings group (src/rules/settings.ts) holding its figures; and the Chinese names of the
// other words of vocabulary.ts. The console, the exports, the bulletin and the CLI label everything
// from here.
import type { Category, EvidenceKind, ExtraCategory, Severity, SubjectKind } from './vocabulary.ts';

export interface CategoryInfo {
  readonly zh: string;
  /** RULES.md "Part N". */
  readonly part: number;
  readonly meaning: string;
  /** The group of settings.ts whose figures the rule uses; null when RULES.md fixes none. */
  readonly settings: string | null;
  /** The regulation and article the rule rests on, as RULES.md cites it; the detachment's own rules where it cites none. */
  readonly basis: string;
  /** What the regulation requires, in Chinese: the clause a finding breaks. */
  readonly required: string;
}

/** How users name the detachment's rules document (RULES.md, 执法监督预警规则): its title, never the file. */
export const RULES_TITLE = '《晋中市公安局交通警察支队执法监督预警规则》';
const ZH_NUM = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五', '十六'];
/** "第N部分" of the detachment's rules, in Chinese numerals. */
export const rulesPart = (part: number): string => `${RULES_TITLE}第${ZH_NUM[part] ?? part}部分`;

export const CATEGORY_INFO: Record<Category, CategoryInfo> = {
  'point-trading': {
    zh: '买分卖分', part: 1, settings: 'pointTrading', meaning: '驾驶证为其持有人并不驾驶的他人机动车接受处罚和记分',
    basis: '《道路交通安全违法行为记分管理办法》（公安部令第163号）',
    required: '不得代替实际机动车驾驶人接受处罚和记分，不得组织、中介买分卖分。',
  },
  'case-shelving': {
    zh: '压案不办', part: 2, settings: 'caseShelving', meaning: '一般程序事故超过法定期限未作出责任认定，且无经批准的理由',
    basis: '《道路交通事故处理程序规定》（公安部令第146号）第六十二条',
    required: '应当自现场调查之日起十日内（工作日）制作道路交通事故认定书；需要检验、鉴定的，自检验、鉴定结论确定之日起五日内制作；交通肇事逃逸的，自查获肇事人和车辆之日起十日内制作。',
  },
  'favor-voiding': {
    zh: '人情案(违法作废)', part: 3, settings: 'favorVoiding', meaning: '民警作废、撤销违法记录，理由不成立，指向说情照顾',
    basis: '《道路交通安全违法行为处理程序规定》（公安部令第157号）',
    required: '交通技术监控设备记录的违法行为只能依规定情形消除，撤销处罚决定须有同样有据可查的理由；无合法理由作废、撤销违法记录属说情照顾。',
  },
  'liability-change': {
    zh: '人情案(认定变更)', part: 4, settings: null, meaning: '事故责任认定在无复核决定的情况下被变更',
    basis: '《道路交通事故处理程序规定》（公安部令第146号）复核一章',
    required: '道路交通事故认定作出后，只能经复核程序、由上一级复核结论责令原办案单位重新调查、认定后变更。',
  },
  'irregular-business': {
    zh: '违规办理业务', part: 5, settings: 'irregularBusiness', meaning: '车驾管业务违反规定办理',
    basis: '《机动车登记规定》《机动车驾驶证申领和使用规定》《机动车查验工作规程》',
    required: '受理与审核岗位分离，受理人不得自行审核；窗口按办公时间受理；注册登记、转移登记办结前须查验机动车；机动车有未处理完毕的交通违法行为的，不得核发检验合格标志。',
  },
  'bodycam-missing': {
    zh: '执法无视频', part: 6, settings: 'bodycamMissing', meaning: '现场执法（现场处罚、事故处理）没有覆盖该时段的执法记录仪视频',
    basis: '《公安机关现场执法视音频记录工作规定》（公通字〔2016〕14号）第四条',
    required: '现场处置、当场处罚和交通事故现场处理，应当自到达现场至处置结束全过程视音频记录。',
  },
  'bodycam-deletion': {
    zh: '视频违规删除', part: 7, settings: 'bodycamDeletion', meaning: '执法记录仪视频在保存期限届满前被删除',
    basis: '《公安机关现场执法视音频记录工作规定》（公通字〔2016〕14号）第十三条',
    required: '执法视音频资料保存期限不少于六个月；作为证据使用的，永久保存。',
  },
  'bodycam-late-upload': {
    zh: '视频超时上传', part: 8, settings: 'bodycamLateUpload', meaning: '执法记录仪视频超过规定时限上传',
    basis: '《公安机关现场执法视音频记录工作规定》（公通字〔2016〕14号）及本省实施细则',
    required: '执法视音频资料应当在记录结束后二十四小时内上传至存储或管理系统。',
  },
  'device-unapproved': {
    zh: '设备未审核公告', part: 9, settings: null, meaning: '设备未经审核、未向社会公告即用于非现场处罚',
    basis: '《道路交通安全违法行为处理程序规定》（公安部令第157号）',
    required: '交通技术监控设备须经审核，固定设备的设置地点须向社会公布，方可将其记录用于处罚。',
  },
  'device-calibration': {
    zh: '设备检定过期', part: 10, settings: 'deviceCalibration', meaning: '测速设备检定有效期届满后仍用于处罚',
    basis: '《中华人民共和国计量法》、JJG 527《机动车超速自动监测系统》及《道路交通安全违法行为处理程序规定》（公安部令第157号）',
    required: '测速设备须定期检定，只有在检定合格的有效期内，其记录方可作为处罚证据。',
  },
  'device-complaints': {
    zh: '设备群众诟病多', part: 11, settings: 'deviceComplaints', meaning: '群众对该设备的投诉较多',
    basis: rulesPart(11),
    required: '设备在一个分析期内被群众投诉三次以上的，应当核查设备设置和运行是否合理。',
  },
  'device-volume': {
    zh: '设备抓拍量异常', part: 12, settings: 'deviceVolume', meaning: '设备抓拍处罚量远高于同类设备',
    basis: rulesPart(12),
    required: '设备抓拍处罚量远高于同类设备的，应当核查设置地点、标志标线和设备运行是否合理。',
  },
  'duplicate-penalty': {
    zh: '重复处罚', part: 13, settings: 'duplicatePenalty', meaning: '对同一连续违法行为重复处罚（后一条记录）',
    basis: '《中华人民共和国行政处罚法》第二十九条（一事不再罚）',
    required: '对当事人的同一个违法行为，不得给予两次以上罚款；同一次连续驾驶中连续超速、同一地点连续违法停车属同一违法行为。',
  },
  'code-mismatch': {
    zh: '代码录入错误', part: 14, settings: null, meaning: '违法代码、记分或罚款与代码表或设备类型不符',
    basis: '现行违法代码表（记分、罚款幅度、适用设备类型）',
    required: '违法代码须在代码表内，记分、罚款金额须与代码表一致，非现场记录的设备类型须为该代码适用的设备类型。',
  },
  blackspot: {
    zh: '事故多发点段', part: 15, settings: 'blackspot', meaning: '事故在一处聚集的点段',
    basis: '公安部事故多发点段排查（三起以上死亡事故集中于五百米路段）',
    required: '同一五百米路段内发生三起以上死亡事故，或事故密集聚集的点段，应当列为事故多发点段排查治理。',
  },
  'opinion-quota': {
    zh: '纳谏不足', part: 16, settings: null, meaning: '单位在一个季度内未听取群众意见建议',
    basis: '“开门评警、问计于民”工作要求',
    required: '每个单位每个季度至少通过座谈、走访、问卷或网上征集等方式听取并记录一次群众意见建议。',
  },
};

/** The Chinese name of every category an item may carry; the sixteen as the contract's table spells them. */
export const CATEGORY_ZH: Readonly<Record<Category | ExtraCategory, string>> = {
  ...(Object.fromEntries(Object.entries(CATEGORY_INFO).map(([c, info]) => [c, info.zh])) as Record<Category, string>),
  'spot-check': '抽查不合格',
};

/** A stored category's name; a category the code does not know is shown as it is stored. */
export const categoryZh = (c: string): string => (CATEGORY_ZH as Readonly<Record<string, string>>)[c] ?? c;

/**
 * The standing conditions (contract §4, "Found again"): categories that describe a state which lasts
 * until someone ends it — an accident still without its liability determination, a camera still
 * unapproved or out of calibration. Such a finding is new after its item was closed when it is judged
 * as of a later day: the condition outlived the rectification. Any other finding is new only when its
 * evidence names a record the closed item's did not.
 */
export const STANDING_CATEGORIES: readonly Category[] = ['case-shelving', 'device-unapproved', 'device-calibration'];

export const SEVERITY_ZH: Record<Severity, string> = { high: '高', medium: '中', low: '低' };
export const severityZh = (s: string): string => (SEVERITY_ZH as Readonly<Record<string, string>>)[s] ?? s;

export const EVIDENCE_KIND_ZH: Record<EvidenceKind, string> = {
  violation: '交通违法', accident: '道路交通事故', business: '车驾管业务', video: '执法记录仪视频', device: '监控设备',
  opinion: '意见建议与投诉', officer: '警员', license: '驾驶证', vehicle: '机动车', unit: '单位',
};

export const SUBJECT_KIND_ZH: Record<SubjectKind, string> = {
  license: '驾驶证', accident: '事故', officer: '警员', business: '业务流水', violation: '违法记录', video: '视频', device: '设备',
  location: '地点', 'unit-quarter': '单位季度',
};

/** A stored evidence or subject kind's name (an evidence kind's when it is both); unknown kinds as they are. */
export const kindZh = (k: string): string =>
  (EVIDENCE_KIND_ZH as Readonly<Record<string, string>>)[k] ?? (SUBJECT_KIND_ZH as Readonly<Record<string, string>>)[k] ?? k;


/** The figures of src/rules/settings.ts as a supervisor reads them (预警详情 → 执行的参数), by "group.key". */
export const SETTING_ZH: Readonly<Record<string, string>> = {
  'pointTrading.highOwners': '高等级：为其他车主接受处罚的车主数（个）',
  'pointTrading.mediumOwners': '中等级：车主数（个，另需可疑情形）',
  'pointTrading.localIssuer': '本地发证机关代码',
  'pointTrading.localPlatePrefix': '本地号牌前缀',
  'pointTrading.sittingHours': '视为一次集中处理的时长（小时）',
  'pointTrading.nearFullPoints': '接近满分的记分（分）',
  'caseShelving.sceneWorkingDays': '勘查结束后认定期限（工作日）',
  'caseShelving.appraisalWorkingDays': '鉴定结论后认定期限（工作日）',
  'caseShelving.extensionDays': '经批准延期（日）',
  'caseShelving.highOverdueDays': '超期多少日为高等级',
  'favorVoiding.minUngrounded': '无正当理由作废（条）',
  'favorVoiding.repeatMinUngrounded': '或无正当理由作废（条）…',
  'favorVoiding.repeatSameVehicle': '…其中同一车辆（条）',
  'favorVoiding.emergencyUsages': '执行紧急任务可作废的使用性质',
  'favorVoiding.emergencyGround': '“执行紧急任务”理由（正则）',
  'favorVoiding.groundPatterns': '其他正当理由（正则）',
  'favorVoiding.rejectedPattern': '理由不成立的表述（正则）',
  'irregularBusiness.nightStartHour': '夜间受理起（时）',
  'irregularBusiness.nightEndHour': '夜间受理止（时）',
  'irregularBusiness.violationLagHours': '违法录入系统所需时间（小时）',
  'bodycamMissing.ticketMinutes': '现场处罚时长（分钟）',
  'bodycamMissing.arrivalMinutes': '接警后到达（分钟）',
  'bodycamMissing.arrivalBeforeSceneEndMinutes': '或勘查结束前（分钟）',
  'bodycamMissing.slackMinutes': '前后宽限（分钟）',
  'bodycamDeletion.retentionMonths': '最短保存期（月）',
  'bodycamLateUpload.deadlineHours': '上传时限（小时）',
  'bodycamLateUpload.highHours': '超时多少小时为高等级',
  'deviceComplaints.minComplaints': '本期投诉（次）',
  'deviceComplaints.highComplaints': '高等级投诉（次）',
  'deviceVolume.minPeers': '同类设备少于此数则与全部设备比较',
  'deviceVolume.ratio': '抓拍量为中位数的倍数',
  'deviceVolume.highRatio': '高等级倍数',
  'duplicatePenalty.parkingMinutes': '违停抓拍视为同一行为（分钟）',
  'duplicatePenalty.speedingMinutes': '超速抓拍视为同一行为（分钟）',
  'duplicatePenalty.speedingCodes': '超速违法代码',
  'duplicatePenalty.speedKinds': '测速设备类型',
  'duplicatePenalty.parkingKind': '违停设备类型',
  'deviceCalibration.speedKinds': '需检定的设备类型',
  'blackspot.fatalRadiusM': '死亡事故相互距离（米）',
  'blackspot.fatalMin': '死亡事故（起）',
  'blackspot.densityRadiusM': '事故聚集半径（米）',
  'blackspot.densityMin': '聚集事故（起）',
  'blackspot.mergeRadiusM': '合并半径（米）',
  'blackspot.locationRadiusM': '定位半径（米）',
};

/**
 * The columns that prove each category's warning, by evidence table: the evidence tables of 预警详情 show
 * them first (RULES.md's "what counts" and "evidence" of each part), the rest of the record after them.
 */
export const EVIDENCE_LEAD: Readonly<Record<Category, Readonly<Record<string, readonly string[]>>>> = {
  'point-trading': { violations: ['license_no', 'plate', 'plate_type', 'processed_at', 'handler_id', 'points', 'status'], vehicles: ['plate', 'plate_type', 'owner_name', 'owner_id'], drivers: ['license_no', 'name', 'issuer', 'phone'] },
  'case-shelving': { accidents: ['accident_id', 'procedure', 'status', 'scene_done_at', 'appraisal', 'appraisal_done_at', 'extended', 'determined_at', 'hit_and_run', 'officer_id'] },
  'favor-voiding': { violations: ['violation_id', 'status', 'voided_by', 'voided_at', 'void_reason', 'plate', 'code', 'source'] },
  'liability-change': { accidents: ['accident_id', 'liability_changes', 'change_reason', 'determined_at', 'status', 'officer_id'] },
  'irregular-business': { business: ['flow_id', 'kind', 'channel', 'accepted_at', 'acceptor_id', 'approver_id', 'inspector_id', 'inspected_at', 'completed_at', 'status'] },
  'bodycam-missing': { violations: ['violation_id', 'occurred_at', 'officer_id', 'source'], accidents: ['accident_id', 'reported_at', 'scene_done_at', 'officer_id'], videos: ['video_id', 'officer_id', 'started_at', 'ended_at'] },
  'bodycam-deletion': { videos: ['video_id', 'started_at', 'deleted_at', 'deleted_by', 'linked_id', 'tag', 'status'] },
  'bodycam-late-upload': { videos: ['video_id', 'ended_at', 'uploaded_at', 'officer_id', 'status'] },
  'device-unapproved': { devices: ['device_id', 'review_status', 'announced_on', 'enabled_on', 'status'], violations: ['violation_id', 'device_id', 'occurred_at', 'status'] },
  'device-calibration': { devices: ['device_id', 'kind', 'calibration_valid_until', 'status'], violations: ['violation_id', 'device_id', 'occurred_at', 'status'] },
  'device-complaints': { opinions: ['opinion_id', 'kind', 'received_on', 'device_id', 'content'], devices: ['device_id', 'name', 'kind', 'place'] },
  'device-volume': { devices: ['device_id', 'name', 'kind', 'place', 'enabled_on'] },
  'duplicate-penalty': { violations: ['violation_id', 'plate', 'plate_type', 'occurred_at', 'device_id', 'code', 'place', 'status'] },
  'code-mismatch': { violations: ['violation_id', 'code', 'points', 'fine', 'source', 'device_id'], codes: ['code', 'points', 'fine_min', 'fine_max', 'device_kinds'] },
  blackspot: { accidents: ['accident_id', 'occurred_at', 'deaths', 'injuries', 'place', 'road', 'lon', 'lat'] },
  'opinion-quota': { opinions: ['opinion_id', 'kind', 'received_on', 'unit_code'] },
};
