// The data contract (shared/contract/README.md §2), declared once, as data.
// DDL (store/schema.ts), header matching and row validation (ingest/), and the table reference
// in docs/TABLES.md (contract/docs.ts) are all derived from this file. Change it here only.

export type ColumnType = 'text' | 'int' | 'number' | 'date' | 'timestamp' | 'bool';

/** The SQL type each column type is stored as (the database table of a contract table, docs/TABLES.md). */
export const SQL_TYPE: Record<ColumnType, string> = {
  text: 'VARCHAR', int: 'BIGINT', number: 'DOUBLE', date: 'DATE', timestamp: 'TIMESTAMP', bool: 'BOOLEAN',
};

/** A reference to another contract table: not enforced at import, counted as a data-quality note. */
export type Ref = 'units' | 'officers' | 'devices' | 'drivers';

export interface Column {
  readonly key: string;
  readonly zh: string;
  readonly type: ColumnType;
  readonly required?: boolean;
  readonly values?: readonly string[];
  readonly ref?: Ref;
  /** Empty means 0 (contract: "empty = 0"). */
  readonly emptyIsZero?: boolean;
  /** A shorter value is left-padded with zeros to this length (号牌种类 '2' is '02'). */
  readonly zeroPad?: number;
  readonly note?: string;
}

export interface Table {
  readonly key: TableKey;
  readonly zh: string;
  readonly primaryKey: readonly string[];
  readonly columns: readonly Column[];
}

export const TABLE_KEYS = [
  'units', 'officers', 'drivers', 'vehicles', 'codes', 'devices',
  'violations', 'accidents', 'business', 'videos', 'opinions',
] as const;
export type TableKey = (typeof TABLE_KEYS)[number];

/** A column; the literal key, type and attributes are kept so row types can be derived from the declaration. */
const t = <const K extends string, const T extends ColumnType, const E extends Partial<Column> = {}>(
  key: K, zh: string, type: T, extra?: E,
): { readonly key: K; readonly zh: string; readonly type: T } & E => ({ key, zh, type, ...(extra as E) });
const req = { required: true } as const;

export const DEVICE_KINDS = ['闯红灯', '超速', '区间测速', '违法停车', '不按导向车道', '压实线', '逆行', '违反禁令标志', '不礼让行人', '多功能'] as const;
export const CHANNELS_BUSINESS = ['窗口', '互联网', '自助机'] as const;

const DECLARED = {
  units: {
    key: 'units', zh: '单位', primaryKey: ['unit_code'],
    columns: [
      t('unit_code', '单位代码', 'text', req),
      t('unit_name', '单位名称', 'text', req),
      t('kind', '单位类型', 'text', { values: ['县区大队', '直属大队', '支队部门'] }),
      t('district', '辖区', 'text'),
    ],
  },
  officers: {
    key: 'officers', zh: '警员', primaryKey: ['officer_id'],
    columns: [
      t('officer_id', '警号', 'text', req),
      t('name', '姓名', 'text', req),
      t('unit_code', '所属单位', 'text', { ...req, ref: 'units' }),
      t('category', '人员类别', 'text', { values: ['民警', '辅警'] }),
      t('post', '岗位', 'text'),
      t('status', '在职状态', 'text', { values: ['在职', '离职', '调离'] }),
    ],
  },
  drivers: {
    key: 'drivers', zh: '驾驶人', primaryKey: ['license_no'],
    columns: [
      t('license_no', '驾驶证号', 'text', req),
      t('name', '姓名', 'text'),
      t('classes', '准驾车型', 'text'),
      t('first_issued_on', '初次领证日期', 'date'),
      t('issuer', '发证机关', 'text'),
      t('status', '驾驶证状态', 'text', { values: ['正常', '满分', '暂扣', '吊销', '注销', '逾期未换证'] }),
      t('phone', '联系电话', 'text'),
    ],
  },
  vehicles: {
    key: 'vehicles', zh: '机动车', primaryKey: ['plate', 'plate_type'],
    columns: [
      t('plate', '号牌号码', 'text', req),
      t('plate_type', '号牌种类', 'text', { ...req, zeroPad: 2 }),
      t('owner_name', '所有人', 'text'),
      t('owner_id', '所有人证件号码', 'text', req),
      t('usage', '使用性质', 'text', { values: ['非营运', '营运', '出租客运', '公路客运', '货运', '警用', '消防', '救护', '工程救险', '教练'] }),
      t('registered_on', '初次登记日期', 'date'),
      t('inspection_valid_until', '检验有效期止', 'date'),
      t('status', '机动车状态', 'text', { values: ['正常', '逾期未检验', '注销', '查封'] }),
    ],
  },
  codes: {
    key: 'codes', zh: '违法代码', primaryKey: ['code'],
    columns: [
      t('code', '违法代码', 'text', req),
      t('description', '违法行为', 'text', req),
      t('points', '记分', 'int', req),
      t('fine_min', '罚款下限', 'number'),
      t('fine_max', '罚款上限', 'number'),
      t('device_kinds', '适用设备类型', 'text', { note: '设备类型，以 ; 分隔；空 = 仅现场' }),
    ],
  },
  devices: {
    key: 'devices', zh: '交通技术监控设备', primaryKey: ['device_id'],
    columns: [
      t('device_id', '设备编号', 'text', req),
      t('name', '设备名称', 'text'),
      t('kind', '设备类型', 'text', { ...req, values: DEVICE_KINDS }),
      t('unit_code', '管理单位', 'text', { ...req, ref: 'units' }),
      t('road', '道路名称', 'text'),
      t('place', '安装地点', 'text'),
      t('lon', '经度', 'number'),
      t('lat', '纬度', 'number'),
      t('speed_limit', '限速值', 'number'),
      t('enabled_on', '启用日期', 'date'),
      t('review_status', '审核状态', 'text', { values: ['已审核', '未审核'] }),
      t('announced_on', '公告日期', 'date'),
      t('calibration_valid_until', '检定有效期至', 'date'),
      t('funding', '建设方式', 'text', { values: ['政府投资', '社会资金', '企业租赁'] }),
      t('external_platform', '外接平台', 'text'),
      t('status', '设备状态', 'text', { values: ['在用', '停用', '拆除'] }),
    ],
  },
  violations: {
    key: 'violations', zh: '交通违法', primaryKey: ['violation_id'],
    columns: [
      t('violation_id', '违法编号', 'text', req),
      t('plate', '号牌号码', 'text', req),
      t('plate_type', '号牌种类', 'text', { ...req, zeroPad: 2 }),
      t('occurred_at', '违法时间', 'timestamp', req),
      t('place', '违法地点', 'text'),
      t('road', '道路名称', 'text'),
      t('lon', '经度', 'number'),
      t('lat', '纬度', 'number'),
      t('code', '违法代码', 'text', req),
      t('fine', '罚款金额', 'number'),
      t('points', '违法记分', 'int'),
      t('source', '采集方式', 'text', { ...req, values: ['现场', '非现场'] }),
      t('device_id', '采集设备', 'text', { ref: 'devices' }),
      t('officer_id', '执勤民警', 'text', { ref: 'officers' }),
      t('entered_at', '录入时间', 'timestamp'),
      t('reviewer_id', '审核民警', 'text', { ref: 'officers' }),
      t('reviewed_at', '审核时间', 'timestamp'),
      t('status', '处理状态', 'text', { ...req, values: ['未处理', '已处理', '已作废', '已撤销'] }),
      t('processed_at', '处理时间', 'timestamp'),
      t('handler_id', '处理民警', 'text'),
      t('handling_unit', '处理单位', 'text', { ref: 'units' }),
      t('channel', '处理方式', 'text', { values: ['窗口', '互联网', '自助机', '现场'] }),
      t('license_no', '当事人驾驶证号', 'text'),
      t('voided_by', '作废人', 'text', { ref: 'officers' }),
      t('voided_at', '作废时间', 'timestamp'),
      t('void_reason', '作废原因', 'text'),
      t('decision_no', '决定书编号', 'text'),
    ],
  },
  accidents: {
    key: 'accidents', zh: '道路交通事故', primaryKey: ['accident_id'],
    columns: [
      t('accident_id', '事故编号', 'text', req),
      t('occurred_at', '事故时间', 'timestamp', req),
      t('place', '事故地点', 'text'),
      t('road', '道路名称', 'text'),
      t('km', '公里数', 'number'),
      t('lon', '经度', 'number'),
      t('lat', '纬度', 'number'),
      t('unit_code', '管辖单位', 'text', { ...req, ref: 'units' }),
      t('procedure', '处理程序', 'text', { ...req, values: ['简易程序', '一般程序'] }),
      t('deaths', '死亡人数', 'int', { emptyIsZero: true }),
      t('injuries', '受伤人数', 'int', { emptyIsZero: true }),
      t('loss', '直接财产损失', 'number'),
      t('form', '事故形态', 'text'),
      t('weather', '天气', 'text'),
      t('hit_and_run', '是否逃逸', 'bool'),
      t('officer_id', '主办民警', 'text', { ref: 'officers' }),
      t('assistant_id', '协办民警', 'text', { ref: 'officers' }),
      t('reported_at', '接警时间', 'timestamp'),
      t('scene_done_at', '勘查结束时间', 'timestamp'),
      t('appraisal', '是否检验鉴定', 'bool'),
      t('appraisal_done_at', '鉴定结论时间', 'timestamp'),
      t('extended', '延期审批', 'bool'),
      t('determined_at', '认定时间', 'timestamp'),
      t('liability_changes', '认定变更次数', 'int', { emptyIsZero: true }),
      t('change_reason', '变更原因', 'text'),
      t('closed_at', '结案时间', 'timestamp'),
      t('status', '案件状态', 'text', { ...req, values: ['已受理', '调查中', '已认定', '已结案', '已撤销'] }),
    ],
  },
  business: {
    key: 'business', zh: '车驾管业务', primaryKey: ['flow_id'],
    columns: [
      t('flow_id', '流水号', 'text', req),
      t('kind', '业务类型', 'text', {
        ...req, values: ['注册登记', '转移登记', '变更登记', '注销登记', '抵押登记', '补换领号牌', '补换领行驶证',
          '核发检验合格标志', '驾驶证换证', '驾驶证补证', '驾驶证审验', '满分学习考试', '驾驶人考试', '恢复驾驶资格'],
      }),
      t('plate', '号牌号码', 'text'),
      t('plate_type', '号牌种类', 'text', { zeroPad: 2 }),
      t('license_no', '驾驶证号', 'text'),
      t('unit_code', '办理单位', 'text', { ...req, ref: 'units' }),
      t('channel', '办理渠道', 'text', { values: CHANNELS_BUSINESS }),
      t('accepted_at', '受理时间', 'timestamp', req),
      t('acceptor_id', '受理人', 'text', { ref: 'officers' }),
      t('approver_id', '审核人', 'text', { ref: 'officers' }),
      t('inspector_id', '查验员', 'text', { ref: 'officers' }),
      t('inspected_at', '查验时间', 'timestamp'),
      t('completed_at', '办结时间', 'timestamp'),
      t('status', '业务状态', 'text', { ...req, values: ['办结', '退办', '受理中'] }),
    ],
  },
  videos: {
    key: 'videos', zh: '执法记录仪视频', primaryKey: ['video_id'],
    columns: [
      t('video_id', '视频编号', 'text', req),
      t('camera_id', '记录仪编号', 'text'),
      t('officer_id', '警号', 'text', { ...req, ref: 'officers' }),
      t('started_at', '开始时间', 'timestamp', req),
      t('ended_at', '结束时间', 'timestamp', req),
      t('uploaded_at', '上传时间', 'timestamp'),
      t('linked_id', '关联业务编号', 'text'),
      t('tag', '标注类型', 'text', { values: ['违法处理', '事故处理', '巡逻执勤', '考试查验', '其他'] }),
      t('status', '存储状态', 'text', { values: ['正常', '已删除'] }),
      t('deleted_at', '删除时间', 'timestamp'),
      t('deleted_by', '删除人', 'text', { ref: 'officers' }),
    ],
  },
  opinions: {
    key: 'opinions', zh: '意见建议与投诉', primaryKey: ['opinion_id'],
    columns: [
      t('opinion_id', '编号', 'text', req),
      t('received_on', '日期', 'date', req),
      t('unit_code', '征集单位', 'text', { ...req, ref: 'units' }),
      t('channel', '渠道', 'text', { values: ['座谈会', '走访', '问卷', '网络征集', '12345热线', '12123', '信访', '其他'] }),
      t('kind', '类型', 'text', { values: ['意见建议', '投诉'] }),
      t('device_id', '涉及设备', 'text', { ref: 'devices' }),
      t('officer_id', '涉及民警', 'text', { ref: 'officers' }),
      t('content', '内容', 'text'),
      t('outcome', '办理结果', 'text'),
    ],
  },
} as const satisfies Record<TableKey, Table>;

export const TABLES: Record<TableKey, Table> = DECLARED;

export const tableList = (): Table[] => TABLE_KEYS.map((k) => TABLES[k]);

// Row types derived from the declaration above, the way Drizzle derives them from a table: a column's key
// is a property, its type gives the value, `required` whether it may be missing. `V` says how each column
// type is spelled where the rows live (the database returns dates as 'YYYY-MM-DD' text; the demo keeps
// times as numbers until it writes them).

/** The value of each column type as the store returns it (see store/db.ts). */
export interface DbValues { text: string; int: number; number: number; date: string; timestamp: string; bool: boolean }
type ColumnOf<K extends TableKey> = (typeof DECLARED)[K]['columns'][number];
type Value<C, V> = C extends { type: infer T extends ColumnType } ? V[T & keyof V] : never;

/** A row of table K as read back: every column, null where it is not required (Drizzle's $inferSelect). */
export type RowOf<K extends TableKey, V = DbValues> = {
  [C in ColumnOf<K> as C['key']]: C extends { required: true } ? Value<C, V> : Value<C, V> | null;
};

/** A row of table K to write: the required columns, and any of the others (Drizzle's $inferInsert). */
export type NewRow<K extends TableKey, V = DbValues> = {
  [C in ColumnOf<K> as C extends { required: true } ? C['key'] : never]: Value<C, V>;
} & {
  [C in ColumnOf<K> as C extends { required: true } ? never : C['key']]?: Value<C, V> | null;
};

/** The primary key of each referenced table, for data-quality notes. */
export const REF_KEY: Record<Ref, string> = {
  units: 'unit_code', officers: 'officer_id', devices: 'device_id', drivers: 'license_no',
};
