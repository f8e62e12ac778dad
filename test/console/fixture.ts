// A small detachment for the console's HTTP and browser tests: two brigades, a licence that took
// penalties for three owners' cars, a camera with complaints, accidents in three months, a black spot,
// and the supervision items those would raise (made with createItems, as another source would).
import type { Store } from '../../src/store/db.ts';
import { createItems, type NewItem } from '../../src/supervise/sync.ts';
import type { Fixture } from '../support/fixture.ts';

export const UNIT_A = '140700010100';
export const UNIT_B = '140700010200';
export const LICENCE = '140702198801012345';

export const DATA: Fixture = {
  units: [
    { unit_code: UNIT_A, unit_name: '太谷交警大队', kind: '县区大队', district: '太谷区' },
    { unit_code: UNIT_B, unit_name: '介休交警大队', kind: '县区大队', district: '介休市' },
  ],
  officers: [{ officer_id: '070001', name: '王明', unit_code: UNIT_A, category: '民警', post: '违法处理', status: '在职' }],
  drivers: [{ license_no: LICENCE, name: '张三', classes: 'C1', issuer: '晋K', status: '正常', phone: '13800000000' }],
  vehicles: ['晋K10001', '晋K10002', '晋K10003'].map((plate, n) => ({ plate, plate_type: '02', owner_name: `车主${n + 1}`, owner_id: `14070219700101000${n + 1}`, usage: '非营运', status: '正常' })),
  devices: [{ device_id: 'D1', name: '迎宾路口', kind: '闯红灯', unit_code: UNIT_B, road: '迎宾路', lon: 111.92, lat: 37.03, review_status: '已审核', status: '在用' }],
  violations: [
    ['V1', '晋K10001', '2021-05-03 09:00:00'], ['V2', '晋K10002', '2021-06-04 10:00:00'], ['V3', '晋K10003', '2021-06-05 11:00:00'],
  ].map(([id, plate, at]) => ({
    violation_id: id, plate, plate_type: '02', occurred_at: at, code: '1625', source: '非现场', device_id: 'D1', status: '已处理',
    processed_at: '2021-06-10 15:00:00', handler_id: '070001', handling_unit: UNIT_A, channel: '窗口', license_no: LICENCE, fine: 200, points: 6,
  })),
  accidents: [
    ...Array.from({ length: 4 }, (_, n) => ({ accident_id: `A6${n}`, occurred_at: `2021-06-1${n} 08:00:00`, unit_code: UNIT_A, procedure: '简易程序', deaths: n === 0 ? 1 : 0, injuries: 1, status: '已结案', lon: 112.55, lat: 37.42 })),
    ...Array.from({ length: 2 }, (_, n) => ({ accident_id: `A5${n}`, occurred_at: `2021-05-1${n} 08:00:00`, unit_code: UNIT_A, procedure: '简易程序', deaths: 0, injuries: 2, status: '已结案' })),
    { accident_id: 'A0', occurred_at: '2020-06-15 08:00:00', unit_code: UNIT_A, procedure: '简易程序', deaths: 0, injuries: 0, status: '已结案' },
    { accident_id: 'B6', occurred_at: '2021-06-20 08:00:00', unit_code: UNIT_B, procedure: '一般程序', deaths: 2, injuries: 3, status: '已结案' },
  ],
  opinions: [1, 2, 3].map((n) => ({ opinion_id: `O${n}`, received_on: `2021-06-0${n}`, unit_code: UNIT_B, channel: '12345热线', kind: '投诉', device_id: 'D1', content: '抓拍不合理' })),
};

export const ITEMS: NewItem[] = [
  { category: 'point-trading', subject: { kind: 'license', id: LICENCE }, unit: UNIT_A, severity: 'high', score: 0.93,
    title: `驾驶证${LICENCE}为3个车主的车辆接受处罚`, evidence: [{ kind: 'license', id: LICENCE }, { kind: 'violation', id: 'V1' }, { kind: 'violation', id: 'V2' }, { kind: 'violation', id: 'V3' }] },
  { category: 'device-complaints', subject: { kind: 'device', id: 'D1' }, unit: UNIT_B, severity: 'medium', score: 0.6,
    title: '设备D1（迎宾路口）本期被投诉3次', evidence: [{ kind: 'device', id: 'D1' }, { kind: 'opinion', id: 'O1' }, { kind: 'opinion', id: 'O2' }, { kind: 'opinion', id: 'O3' }] },
  { category: 'blackspot', subject: { kind: 'location', id: '112.55,37.42' }, unit: UNIT_A, severity: 'high', score: 0.8,
    title: '事故多发点段：4起事故', evidence: [0, 1, 2, 3].map((n) => ({ kind: 'accident', id: `A6${n}` })) },
  { category: 'opinion-quota', subject: { kind: 'unit-quarter', id: `${UNIT_B}/2021Q1` }, unit: UNIT_B, severity: 'low', score: 1,
    title: '介休交警大队2021年第一季度未听取群众意见', evidence: [{ kind: 'unit', id: UNIT_B }] },
];

export const keyOf = (i: NewItem): string => `${i.category}|${i.subject.kind}|${i.subject.id}`;

export async function addItems(store: Store): Promise<void> {
  await createItems(store, 'test', ITEMS, 'test');
}
