import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureStore } from '../../test/support/fixture.ts';
import { TABLE_KEYS, type TableKey } from '../contract/tables.ts';
import { ident, type Store } from '../store/db.ts';
import { inScope, recordCondition, recordUnitSql, scopeOf, unitCondition, type Scope } from './access.ts';

let store: Store;
beforeAll(async () => {
  store = await fixtureStore({
    units: [{ unit_code: 'U1', unit_name: '一' }, { unit_code: 'U2', unit_name: '二' }],
    officers: [{ officer_id: 'P1', name: '甲', unit_code: 'U1' }, { officer_id: 'P2', name: '乙', unit_code: 'U2' }],
    devices: [{ device_id: 'D2', kind: '闯红灯', unit_code: 'U2' }],
    drivers: [{ license_no: 'L1' }],
    violations: [
      { violation_id: 'handled-in-U1', plate: 'a', plate_type: '02', occurred_at: '2021-06-01 08:00:00', code: '1', source: '现场', status: '已处理', officer_id: 'P2', handling_unit: 'U1' },
      { violation_id: 'officer-P2', plate: 'a', plate_type: '02', occurred_at: '2021-06-01 08:00:00', code: '1', source: '现场', status: '未处理', officer_id: 'P2', handling_unit: ' ' },
      { violation_id: 'camera-D2', plate: 'a', plate_type: '02', occurred_at: '2021-06-01 08:00:00', code: '1', source: '非现场', status: '未处理', device_id: 'D2' },
      { violation_id: 'nobody', plate: 'a', plate_type: '02', occurred_at: '2021-06-01 08:00:00', code: '1', source: '非现场', status: '未处理' },
    ],
    videos: [
      { video_id: 'by-P1', officer_id: 'P1', started_at: '2021-06-01 08:00:00', ended_at: '2021-06-01 08:10:00' },
      { video_id: 'by-P2', officer_id: 'P2', started_at: '2021-06-01 08:00:00', ended_at: '2021-06-01 08:10:00' },
    ],
    accidents: [{ accident_id: 'A1', occurred_at: '2021-06-01 08:00:00', unit_code: 'U1', procedure: '简易程序', status: '已结案' }],
  });
});
afterAll(() => store.close());

const ID: Partial<Record<TableKey, string>> = { violations: 'violation_id', videos: 'video_id', accidents: 'accident_id', officers: 'officer_id', units: 'unit_code', drivers: 'license_no', devices: 'device_id' };
const U1: Scope = { all: false, unit: 'U1' };
const U2: Scope = { all: false, unit: 'U2' };
async function visible(scope: Scope, table: TableKey): Promise<string[]> {
  const c = recordCondition(scope, table, 'x');
  const rows = await store.all<{ id: string }>(`SELECT ${ident(ID[table]!)} AS id FROM ${ident(table)} x WHERE ${c.sql} ORDER BY 1`, c.params);
  return rows.map((r) => r.id);
}

describe('the scope of a user', () => {
  it('is the whole detachment for a supervisor or an admin and one unit for a brigade (none without one)', () => {
    expect(scopeOf({ username: 's', role: 'supervisor', unit: null })).toEqual({ all: true });
    expect(scopeOf({ username: 'a', role: 'admin', unit: null })).toEqual({ all: true });
    expect(scopeOf({ username: 'b', role: 'brigade', unit: 'U1' })).toEqual({ all: false, unit: 'U1' });
    const none = scopeOf({ username: 'b', role: 'brigade', unit: null });
    expect(inScope(none, 'U1')).toBe(false);
    expect(inScope(U1, 'U1') && !inScope(U1, 'U2') && inScope({ all: true }, 'U2')).toBe(true);
    expect(unitCondition({ all: true }, 'i.unit')).toEqual({ sql: 'true', params: {} });
    expect(unitCondition(U1, 'i.unit')).toEqual({ sql: 'i.unit = $scope_unit', params: { scope_unit: 'U1' } });
  });

  it("gives a record to the unit its unit column names, a video to its officer's, an unprocessed violation to its officer's, else its camera's", async () => {
    expect(await visible(U1, 'violations')).toEqual(['handled-in-U1']);
    expect(await visible(U2, 'violations')).toEqual(['camera-D2', 'officer-P2']);
    expect(await visible({ all: true }, 'violations')).toHaveLength(4);
    expect(await visible(U1, 'videos')).toEqual(['by-P1']);
    expect(await visible(U2, 'videos')).toEqual(['by-P2']);
    expect(await visible(U1, 'accidents')).toEqual(['A1']);
    expect(await visible(U2, 'officers')).toEqual(['P2']);
    expect(await visible(U2, 'devices')).toEqual(['D2']);
    expect(await visible(U1, 'units')).toEqual(['U1']);
    // A register of no unit (drivers, vehicles, codes) is nobody's own.
    expect(await visible(U1, 'drivers')).toEqual([]);
    expect(await visible({ all: true }, 'drivers')).toEqual(['L1']);
    expect(TABLE_KEYS.filter((t) => recordUnitSql(t, 'x') === null)).toEqual(['drivers', 'vehicles', 'codes']);
  });

  it('is asked in access.ts only: no query, report or route decides by the role itself', () => {
    const files = (dir: string): string[] => readdirSync(dir, { withFileTypes: true, recursive: true })
      .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')).map((e) => join(e.parentPath, e.name));
    const offenders = ['src/queries', 'src/report', 'src/web/server'].flatMap(files)
      .filter((f) => /role\s*[!=]==\s*'brigade'|'brigade'\s*[!=]==/.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
