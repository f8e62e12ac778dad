// The load's SQL is built from the contract and the header alone: these tests need no database.
import { describe, expect, it } from 'vitest';
import { TABLES } from '../contract/tables.ts';
import { matchHeader } from './header.ts';
import { loadSql, type LoadSqlInput } from './load-sql.ts';
import { ordinalSegments } from './record-lines.ts';

const build = (table: keyof typeof TABLES, header: string[], extra: Partial<LoadSqlInput> = {}) =>
  loadSql({ table: TABLES[table], match: matchHeader(TABLES[table], header), header, format: 'csv', csvPath: '/d/x.csv', importId: 7, fileName: 'x.csv', ...extra });

describe('loadSql', () => {
  it('reads each contract column from the file column that carries it, by position', () => {
    const sql = build('units', ['单位名称', '备注', '单位代码']);
    // the key is the third file column (c2); the unknown column c1 is read as text but never used
    expect(sql.keysTable).toContain(`nullif(trim("c2"`);
    expect(sql.keysTable).not.toContain(`"c1"`);
    expect(sql.keysTable).toContain(`columns = {'c0': 'VARCHAR', 'c1': 'VARCHAR', 'c2': 'VARCHAR'}`);
    expect([...sql.present].sort()).toEqual(['unit_code', 'unit_name']);
  });

  it('fills a column the file lacks with NULL, or 0 where the contract says empty means 0', () => {
    const sql = build('accidents', ['事故编号', '事故时间', '管辖单位', '处理程序', '案件状态']);
    expect(sql.staging(false)).toContain('CAST(NULL AS DOUBLE) AS "loss"');
    expect(sql.staging(false)).toContain('CAST(0 AS BIGINT) AS "deaths"');
  });

  it('names its temporary tables after the table and the import, so files of one import never collide', () => {
    const a = build('units', ['单位代码', '单位名称']);
    const b = build('officers', ['警号', '姓名', '所属单位']);
    const all = (s: typeof a) => [...s.fastTemps, ...s.fastReaderTemps, ...s.carefulTemps, s.names.checked];
    expect(all(a).every((t) => t.endsWith('_units_7"'))).toBe(true);
    expect(all(a).filter((t) => all(b).includes(t))).toEqual([]);
    expect(new Set(all(a)).size).toBe(all(a).length);
  });

  it('checks required, typed and enumerated columns in the verdict of each row', () => {
    const sql = build('units', ['单位代码', '单位名称', '单位类型']);
    const staging = sql.staging(false);
    expect(staging).toContain('"v_unit_code" IS NOT NULL');
    expect(staging).toContain(`("v_kind" IS NULL OR "v_kind" IN ('县区大队', '直属大队', '支队部门'))`);
    expect(sql.valueRejects({ expr: () => 'L', joins: () => '', exprOfSeq: () => 'NULL' })).toContain('缺少必填项「单位代码」');
  });

  it('is never asked for a file without its key columns (the header check refuses it first)', () => {
    expect(() => build('units', ['辖区'])).toThrow(/unit_code/);
  });

  it('reads an XLSX sheet\'s row number from the leading __line column', () => {
    const sql = build('units', ['单位代码', '单位名称'], { format: 'xlsx' });
    expect(sql.staging(false)).toContain(`columns = {'__line': 'VARCHAR', 'c0': 'VARCHAR', 'c1': 'VARCHAR'}`);
    expect(sql.staging(false)).toContain('CAST(__line AS BIGINT) AS __xline');
  });

  it('numbers records with row_number() only when asked', () => {
    const sql = build('units', ['单位代码', '单位名称']);
    expect(sql.staging(false)).not.toContain('row_number()');
    expect(sql.staging(true)).toContain('row_number() OVER () - 1 AS __seq');
  });

  it('quotes the path and file name as SQL literals', () => {
    const sql = build('units', ['单位代码', '单位名称'], { csvPath: "/d/o'neil/units.csv", fileName: "it's.csv" });
    expect(sql.keysTable).toContain(`read_csv('/d/o''neil/units.csv'`);
    expect(sql.dupeRejects({ expr: () => 'L', joins: () => '', exprOfSeq: () => 'F' }, true)).toContain(`'it''s.csv'`);
  });

  it('joins composite keys on every key column', () => {
    const sql = build('vehicles', ['号牌号码', '号牌种类']);
    expect(sql.pkJoin('a', 'b')).toBe('a."plate" = b."plate" AND a."plate_type" = b."plate_type"');
  });
});

describe('ordinalSegments', () => {
  it('shifts record numbers past each record that produced no row', () => {
    // no refusals: record 0 is ordinal 2 (header = 1)
    expect(ordinalSegments([])).toEqual([[0, 2]]);
    // ordinal 3 refused: records 0 → 2, 1 → 4 (shift 3)
    expect(ordinalSegments([3])).toEqual([[0, 2], [1, 3]]);
    // two refusals in a row merge into one segment
    expect(ordinalSegments([3, 4])).toEqual([[0, 2], [1, 4]]);
    expect(ordinalSegments([3, 7])).toEqual([[0, 2], [1, 3], [4, 4]]);
  });
});
