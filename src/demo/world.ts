// The fixed geography and reference data of the Jinzhong demo: the 19 real units, towns, real roads,
// the violation code table (as in the sample export), and name pools.

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

export interface Town { county: string; unit: string | null; lon: number; lat: number; streets: string[]; region: string }
/** County seats; unit null = 榆次 (split among the 直属 brigades). region = the 6-digit ID-number prefix. */
export const TOWNS: Town[] = [
  { county: '榆次区', unit: null, lon: 112.752, lat: 37.697, streets: ['龙湖大街', '蕴华街', '迎宾街', '汇通路', '顺城街', '锦纶路', '中都路', '安宁街'], region: '140702' },
  { county: '太谷区', unit: U.taigu, lon: 112.551, lat: 37.421, streets: ['龙山路', '新建路', '中心街'], region: '140703' },
  { county: '祁县', unit: U.qixian, lon: 112.335, lat: 37.358, streets: ['昭馀路', '祁县东街', '丹枫路'], region: '140727' },
  { county: '平遥县', unit: U.pingyao, lon: 112.176, lat: 37.189, streets: ['顺城路', '中都路', '古陶路'], region: '140728' },
  { county: '介休市', unit: U.jiexiu, lon: 111.917, lat: 37.027, streets: ['北关街', '汾州路', '新华街'], region: '140781' },
  { county: '灵石县', unit: U.lingshi, lon: 111.778, lat: 36.847, streets: ['新建街', '翠峰路'], region: '140729' },
  { county: '寿阳县', unit: U.shouyang, lon: 113.176, lat: 37.891, streets: ['受禄路', '朝阳街', '府前街'], region: '140725' },
  { county: '昔阳县', unit: U.xiyang, lon: 113.706, lat: 37.612, streets: ['大寨路', '乐平路'], region: '140724' },
  { county: '和顺县', unit: U.heshun, lon: 113.569, lat: 37.329, streets: ['义兴路', '云龙街'], region: '140723' },
  { county: '左权县', unit: U.zuoquan, lon: 113.379, lat: 37.082, streets: ['辽阳路', '将军路'], region: '140722' },
  { county: '榆社县', unit: U.yushe, lon: 112.975, lat: 37.071, streets: ['箕城路', '迎宾路'], region: '140721' },
];

export interface Road { name: string; expressway: boolean; pts: [number, number][] }
export const ROADS: Road[] = [
  { name: 'G108', expressway: false, pts: [[112.70, 37.70], [112.55, 37.42], [112.33, 37.36], [112.17, 37.19], [111.92, 37.03], [111.77, 36.85], [111.62, 36.70]] },
  { name: 'G208', expressway: false, pts: [[112.78, 37.68], [112.60, 37.40], [112.80, 37.22], [112.97, 37.07], [113.05, 36.72]] },
  { name: 'G307', expressway: false, pts: [[112.58, 37.78], [112.76, 37.70], [113.18, 37.89], [113.55, 37.96], [113.90, 37.90]] },
  { name: 'S319', expressway: false, pts: [[112.18, 37.19], [112.55, 37.15], [112.97, 37.07], [113.38, 37.08], [113.70, 37.00]] },
  { name: 'S317', expressway: false, pts: [[113.71, 37.61], [113.57, 37.33], [113.38, 37.08], [113.30, 36.80]] },
  { name: '大运高速', expressway: true, pts: [[112.62, 37.62], [112.30, 37.38], [112.14, 37.21], [111.90, 37.05], [111.74, 36.86], [111.60, 36.68]] },
  { name: '太长高速', expressway: true, pts: [[112.82, 37.66], [112.62, 37.38], [112.88, 37.20], [113.00, 37.05], [113.15, 36.70]] },
  { name: '青银高速', expressway: true, pts: [[113.60, 37.95], [113.20, 37.86], [112.85, 37.72], [112.58, 37.45], [112.35, 37.40]] },
];

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

export const DEVICE_KIND_WEIGHTS: [string, number][] = [
  ['闯红灯', 30], ['超速', 12], ['区间测速', 4], ['违法停车', 12], ['不按导向车道', 8], ['压实线', 10],
  ['逆行', 5], ['违反禁令标志', 7], ['不礼让行人', 7], ['多功能', 5],
];

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
export const ONSITE_CODES: [string, number][] = [
  ['1240', 30], ['1223', 20], ['1042', 10], ['1101', 5], ['1711', 5], ['1625', 10], ['1345', 10], ['1301', 5], ['1373', 5],
];

export const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文'.split('');
export const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国海波宁鹏辉斌志文飞龙云雪梅晓东俊峰亮林晨宇浩然佳欣子涵雨婷思远嘉怡一鸣'.split('');
export const COMPANY_WORDS = ['晋中', '榆次', '太谷', '介休', '平遥', '灵石', '寿阳', '祁县'];
export const COMPANY_KIND = ['物流有限公司', '运输有限公司', '客运有限责任公司', '出租汽车有限公司', '建材有限公司', '煤业运销有限公司'];

export const ACCIDENT_FORMS = ['追尾', '刮擦', '正面相撞', '侧面相撞', '碾压', '撞固定物', '翻车', '其他'];
export const WEATHER: [string, number][] = [['晴', 70], ['阴', 15], ['雨', 10], ['雪', 3], ['雾', 2]];

/** Hourly rhythm of traffic enforcement (relative). */
export const HOUR_WEIGHTS = [0.25, 0.15, 0.1, 0.1, 0.15, 0.35, 0.8, 1.6, 2.2, 2.0, 1.8, 1.7, 1.4, 1.4, 1.6, 1.7, 1.8, 2.1, 2.2, 1.7, 1.3, 1.0, 0.7, 0.45];
/** Day of week (0 = Sunday). */
export const WEEKDAY_WEIGHTS = [0.75, 1.05, 1.05, 1.05, 1.05, 1.1, 0.8];

export const OTHER_PROVINCES: { issuer: string; region: string }[] = [
  { issuer: '冀A', region: '130102' }, { issuer: '豫D', region: '410402' }, { issuer: '陕A', region: '610102' },
  { issuer: '晋A', region: '140105' }, { issuer: '晋D', region: '140402' }, { issuer: '蒙A', region: '150102' }, { issuer: '鲁A', region: '370102' },
];
