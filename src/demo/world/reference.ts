// The fixed reference data of the Jinzhong demo: the 19 real units, the violation code table (as in the
// sample export) and what each camera kind captures, and the words accidents and opinions are made of.

export interface Unit { code: string; name: string; kind: string; district: string }

export const UNITS: Unit[] = [
  { code: '140700010100', name: '太谷交警大队', kind: '县区大队', district: '太谷区' },
  { code: '140700010200', name: '介休交警大队', kind: '县区大队', district: '介休市' },
  { code: '140700010300', name: '祁县交警大队', kind: '县区大队', district: '祁县' },
  { code: '140700010400', name: '平遥交警大队', kind: '县区大队', district: '平遥县' },
  { code: '140700010500', name: '灵石交警大队', kind: '县区大队', district: '灵石县' },
  { code: '140700010600', name: '寿阳交警大队', kind: '县区大队', district: '寿阳县' },
  { code: '140700010700', name: '昔阳交警大队', kind: '县区大队', district: '昔阳县' },
  { code: '140700010800', name: '和顺交警大队', kind: '县区大队', district: '和顺县' },
  { code: '140700010900', name: '左权交警大队', kind: '县区大队', district: '左权县' },
  { code: '140700011000', name: '榆社交警大队', kind: '县区大队', district: '榆社县' },
  { code: '140700011100', name: '晋中公安交警支队直属一大队', kind: '直属大队', district: '榆次区' },
  { code: '140700011200', name: '晋中公安交警支队直属二大队', kind: '直属大队', district: '榆次区' },
  { code: '140700011300', name: '晋中公安交警支队直属三大队', kind: '直属大队', district: '榆次区' },
  { code: '140700011400', name: '晋中公安交警支队高速公路大队', kind: '直属大队', district: '榆次区' },
  { code: '140700011500', name: '晋中公安交警支队事故处理大队', kind: '直属大队', district: '榆次区' },
  { code: '140700011600', name: '晋中公安交警支队车辆管理所', kind: '支队部门', district: '榆次区' },
  { code: '140700011700', name: '晋中公安交警支队法制科', kind: '支队部门', district: '榆次区' },
  { code: '140700011800', name: '晋中公安交警支队科技科', kind: '支队部门', district: '榆次区' },
  { code: '140700011900', name: '晋中公安交警支队秩序科', kind: '支队部门', district: '榆次区' },
];
export const U = {
  taigu: '140700010100', jiexiu: '140700010200', qixian: '140700010300', pingyao: '140700010400', lingshi: '140700010500',
  shouyang: '140700010600', xiyang: '140700010700', heshun: '140700010800', zuoquan: '140700010900', yushe: '140700011000',
  zs1: '140700011100', zs2: '140700011200', zs3: '140700011300', highway: '140700011400', accident: '140700011500',
  dmv: '140700011600', legal: '140700011700', tech: '140700011800', order: '140700011900',
} as const;

export interface Code { code: string; description: string; points: number; fineMin: number; fineMax: number; kinds: string[] }
/** The code table of the sample export (shared/samples/jinzhong-2021h1/codes.csv). */
export const CODES: Code[] = [
  { code: '1625', description: '驾驶机动车违反道路交通信号灯通行的', points: 6, fineMin: 200, fineMax: 200, kinds: ['闯红灯', '多功能'] },
  { code: '1352', description: '驾驶机动车在城市道路以外超过规定时速10%未达20%的', points: 3, fineMin: 50, fineMax: 200, kinds: ['超速', '区间测速', '多功能'] },
  { code: '1636', description: '驾驶机动车超过规定时速20%以上未达到50%的', points: 6, fineMin: 200, fineMax: 200, kinds: ['超速', '区间测速', '多功能'] },
  { code: '1721', description: '驾驶机动车超过规定时速50%以上的', points: 12, fineMin: 1000, fineMax: 2000, kinds: ['超速', '区间测速'] },
  { code: '1039', description: '机动车违反规定停放、临时停车且驾驶人不在现场，妨碍其他车辆、行人通行的', points: 0, fineMin: 100, fineMax: 150, kinds: ['违法停车', '多功能'] },
  { code: '1344', description: '机动车不按导向车道行驶的', points: 2, fineMin: 100, fineMax: 100, kinds: ['不按导向车道', '多功能'] },
  { code: '1345', description: '机动车违反禁止标线指示的', points: 3, fineMin: 100, fineMax: 100, kinds: ['压实线', '多功能'] },
  { code: '1301', description: '机动车逆向行驶的', points: 3, fineMin: 200, fineMax: 200, kinds: ['逆行'] },
  { code: '1357', description: '驾驶机动车行经人行横道不按规定减速、停车、避让行人的', points: 3, fineMin: 100, fineMax: 150, kinds: ['不礼让行人'] },
  { code: '1373', description: '机动车违反禁令标志指示的', points: 3, fineMin: 100, fineMax: 150, kinds: ['违反禁令标志', '多功能'] },
  { code: '1240', description: '驾驶人未按规定使用安全带的', points: 2, fineMin: 50, fineMax: 50, kinds: [] },
  { code: '1223', description: '驾驶机动车时拨打接听手持电话的', points: 2, fineMin: 50, fineMax: 50, kinds: [] },
  { code: '1042', description: '机动车违反规定停放、临时停车，驾驶人虽在现场拒绝立即驶离的', points: 0, fineMin: 150, fineMax: 200, kinds: [] },
  { code: '1101', description: '驾驶与准驾车型不符的机动车的', points: 12, fineMin: 200, fineMax: 200, kinds: [] },
  { code: '1711', description: '饮酒后驾驶机动车的', points: 12, fineMin: 1000, fineMax: 2000, kinds: [] },
];
export const CODE = new Map(CODES.map((c) => [c.code, c]));

/** Codes a camera of this kind captures in normal operation, with their relative frequency. */
export const KIND_CODES: Record<string, [string, number][]> = {
  闯红灯: [['1625', 1]],
  超速: [['1352', 60], ['1636', 35], ['1721', 5]],
  区间测速: [['1352', 60], ['1636', 35], ['1721', 5]],
  违法停车: [['1039', 1]],
  不按导向车道: [['1344', 1]],
  压实线: [['1345', 1]],
  逆行: [['1301', 1]],
  违反禁令标志: [['1373', 1]],
  不礼让行人: [['1357', 1]],
  多功能: [['1625', 30], ['1352', 20], ['1344', 15], ['1345', 15], ['1373', 10], ['1039', 10]],
};
/** Codes officers write on the spot, with their relative frequency. */
export const ONSITE_CODES: [string, number][] = [
  ['1240', 30], ['1223', 20], ['1042', 10], ['1101', 5], ['1711', 5], ['1625', 10], ['1345', 10], ['1301', 5], ['1373', 5],
];

export const ACCIDENT_FORMS = ['追尾', '刮擦', '正面相撞', '侧面相撞', '碾压', '撞固定物', '翻车', '其他'];
export const WEATHER: [string, number][] = [['晴', 70], ['阴', 15], ['雨', 10], ['雪', 3], ['雾', 2]];

/** What opinions and complaints say. */
export const OPINION_TEXT = ['建议优化路口信号配时', '建议增设非机动车道隔离设施', '建议学校周边增加护学岗', '建议公布电子警察设置地点', '建议延长车管业务办理时间', '建议在夜间加强酒驾查处', '对交通秩序整治表示满意', '建议规范停车泊位设置'];
export const COMPLAINT_DEVICE = ['该路口抓拍设备设置不合理，标线不清', '限速标志被树木遮挡', '黄灯时间过短被抓拍', '设备误拍'];
export const COMPLAINT_OFFICER = ['执法态度生硬', '民警未出示证件', '处理事故拖延'];
