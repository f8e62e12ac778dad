// 周边记录 of a violation: its linked video and the same vehicle's other tickets, newest first; a brigade user
// sees its own unit's rows and only counts the others. The vehicle is looked up first (one scan of the table).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureStore } from '../../test/support/fixture.ts';
import type { Store } from '../store/db.ts';
import { neighbours } from './neighbours.ts';

const v = (id: string, plate: string, plateType: string, at: string, unit: string) =>
  ({ violation_id: id, plate, plate_type: plateType, occurred_at: at, code: '1625', source: '现场', status: '已处理', handling_unit: unit });

let store: Store;
beforeAll(async () => {
  store = await fixtureStore({
    units: [{ unit_code: 'U1', unit_name: '甲大队' }, { unit_code: 'U2', unit_name: '乙大队' }],
    violations: [
      v('V1', '晋K1', '02', '2021-06-01 08:00:00', 'U1'), v('V2', '晋K1', '02', '2021-06-03 08:00:00', 'U1'),
      v('V3', '晋K1', '02', '2021-06-02 08:00:00', 'U2'), v('V4', '晋K1', '01', '2021-06-04 08:00:00', 'U1'),
      v('V5', '晋K2', '02', '2021-06-05 08:00:00', 'U1'),
    ],
    videos: [{ video_id: 'VID', officer_id: 'P1', started_at: '2021-06-01 08:00:00', ended_at: '2021-06-01 08:10:00', status: '正常', linked_id: 'V1' }],
  });
});
afterAll(() => store.close());

const ev = [{ kind: 'violation', id: 'V1' }];
const vehicle = '同一车辆的其他违法记录';

describe('a violation\'s neighbours', () => {
  it('are its video and the same plate and plate type\'s other tickets, newest first', async () => {
    const r = await neighbours(store, { all: true }, ev, 'violation', 'V1');
    expect(r.map((n) => [n.relation, n.total, n.others])).toEqual([['关联的执法记录仪视频', 1, 0], [vehicle, 2, 0]]);
    expect(r[1].rows.map((x) => x.violation_id)).toEqual(['V2', 'V3']);
  });

  it('for a brigade user: its own unit\'s rows, the others counted', async () => {
    const r = await neighbours(store, { all: false, unit: 'U1' }, ev, 'violation', 'V1');
    const same = r.find((n) => n.relation === vehicle)!;
    expect([same.total, same.others, same.rows.map((x) => x.violation_id)]).toEqual([1, 1, ['V2']]);
    const theirs = (await neighbours(store, { all: false, unit: 'U2' }, [{ kind: 'violation', id: 'V2' }], 'violation', 'V2')).find((n) => n.relation === vehicle)!;
    expect([theirs.total, theirs.others, theirs.rows.map((x) => x.violation_id)]).toEqual([1, 1, ['V3']]);
  });

  it('without another ticket of the vehicle (or no such record): no same-vehicle relation', async () => {
    expect((await neighbours(store, { all: true }, [{ kind: 'violation', id: 'NONE' }], 'violation', 'NONE')).map((n) => n.relation)).toEqual([]);
    expect((await neighbours(store, { all: true }, [{ kind: 'violation', id: 'V5' }], 'violation', 'V5')).map((n) => n.relation)).toEqual([]);
  });
});
