import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile, cp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import ExcelJS from 'exceljs';
import { openStore, type Store } from '../src/store/db.ts';
import { importDataset } from '../src/ingest/import-dataset.ts';
import { TABLE_KEYS } from '../src/contract/tables.ts';

const SAMPLE = new URL('./fixtures/jinzhong-2021h1', import.meta.url).pathname;

let dir: string;
let store: Store;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'yanpan-test-'));
  store = await openStore(':memory:');
});
afterEach(async () => {
  store.close();
  await rm(dir, { recursive: true, force: true });
});

const UNITS_HEAD = '单位代码,单位名称,单位类型,辖区';
const VIOL_HEAD = '违法编号,号牌号码,号牌种类,违法时间,违法代码,罚款金额,违法记分,采集方式,处理状态,处理时间';

async function write(name: string, lines: string[], enc: 'utf8' | 'gb18030' | 'utf8bom' = 'utf8', eol = '\n') {
  const text = lines.join(eol) + eol;
  const buf = enc === 'gb18030' ? iconv.encode(text, 'gb18030') : Buffer.from((enc === 'utf8bom' ? '\uFEFF' : '') + text, 'utf8');
  await writeFile(join(dir, name), buf);
}

async function rejects() {
  return store.all<{ file: string; line: number; column_name: string; value: string | null; reason: string }>(
    'SELECT file, line, column_name, value, reason FROM rejects ORDER BY file, line');
}

async function dump(): Promise<string> {
  const parts: string[] = [];
  for (const t of TABLE_KEYS) parts.push(JSON.stringify(await store.all(`SELECT * FROM ${t} ORDER BY ALL`)));
  return parts.join('\n');
}

describe('yanpan import', () => {
  it('reads the shared sample with every row loaded and none rejected', async () => {
    const r = await importDataset(store, SAMPLE);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.report.files).toHaveLength(11);
    for (const f of r.report.files) expect(f.rejected, f.file).toBe(0);
    const [{ n }] = await store.all<{ n: number }>('SELECT count(*) AS n FROM violations');
    expect(n).toBe(8983);
    // GB18030 file decoded into proper Chinese text
    const [u] = await store.all<{ unit_name: string }>("SELECT unit_name FROM units WHERE unit_code = '140700011700'");
    expect(u.unit_name).toBe('晋中公安交警支队法制科');
    // XLSX Excel dates arrive as dates
    const [d] = await store.all<{ t: string }>("SELECT typeof(enabled_on) AS t FROM devices LIMIT 1");
    expect(d.t).toBe('DATE');
  });

  it('detects GB18030 and UTF-8 with BOM without being told, with CRLF line ends', async () => {
    await write('units.csv', [UNITS_HEAD, '1407001,太谷交警大队,县区大队,太谷区'], 'gb18030', '\r\n');
    await write('officers.csv', ['警号,姓名,所属单位', '100001,王伟,1407001'], 'utf8bom', '\r\n');
    const r = await importDataset(store, dir);
    expect(r.ok && r.report.files.map((f) => f.encoding)).toEqual(['gb18030', 'utf-8']);
    expect(await store.all('SELECT unit_name, district FROM units')).toEqual([{ unit_name: '太谷交警大队', district: '太谷区' }]);
    expect(await store.all('SELECT officer_id, name FROM officers')).toEqual([{ officer_id: '100001', name: '王伟' }]);
  });

  it('matches English keys and Chinese names case-insensitively with blanks, and reports unknown columns once', async () => {
    await write('units.csv', ['  UNIT_CODE , Unit_Name ,备注,  辖区 ', 'U1,\t一大队\u3000,x, 榆次区\t']);
    const r = await importDataset(store, dir);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.report.files[0].unknownColumns).toEqual(['备注']);
    expect(await store.all('SELECT unit_code, unit_name, district FROM units')).toEqual([{ unit_code: 'U1', unit_name: '一大队', district: '榆次区' }]);
  });

  it('parses every time-stamp, date, boolean and number format of the contract', async () => {
    await write('accidents.csv', [
      '事故编号,事故时间,管辖单位,处理程序,是否逃逸,是否检验鉴定,延期审批,直接财产损失,死亡人数,案件状态',
      'A1,2021-03-01 08:05:09,U1,一般程序,是,Y,1,"12,345.5",,已受理',
      'A2,2021/03/02 08:05:09,U1,一般程序,否,N,0,0,1,已受理',
      'A3,2021-03-03 08:05,U1,一般程序,true,false,TRUE,7,2,已受理',
      'A4,2021-03-04T08:05:09,U1,一般程序,,,,,,已受理',
    ]);
    await write('drivers.csv', ['驾驶证号,初次领证日期', 'L1,2001-02-03', 'L2,2001/02/04', 'L3,20010205']);
    const r = await importDataset(store, dir);
    expect(r.ok).toBe(true);
    expect(await store.all('SELECT accident_id, occurred_at, hit_and_run, appraisal, extended, loss, deaths FROM accidents ORDER BY 1')).toEqual([
      { accident_id: 'A1', occurred_at: '2021-03-01 08:05:09', hit_and_run: true, appraisal: true, extended: true, loss: 12345.5, deaths: 0 },
      { accident_id: 'A2', occurred_at: '2021-03-02 08:05:09', hit_and_run: false, appraisal: false, extended: false, loss: 0, deaths: 1 },
      { accident_id: 'A3', occurred_at: '2021-03-03 08:05:00', hit_and_run: true, appraisal: false, extended: true, loss: 7, deaths: 2 },
      { accident_id: 'A4', occurred_at: '2021-03-04 08:05:09', hit_and_run: null, appraisal: null, extended: null, loss: null, deaths: 0 },
    ]);
    expect(await store.all('SELECT first_issued_on AS d FROM drivers ORDER BY 1')).toEqual([{ d: '2001-02-03' }, { d: '2001-02-04' }, { d: '2001-02-05' }]);
  });

  it('rejects bad rows with the file, physical line, column and reason, and loads the rest', async () => {
    await write('violations.csv', [
      VIOL_HEAD,
      'V1,晋K1,02,2021-01-01 10:00:00,1625,200,6,现场,已处理,',
      'V2,晋K2,02,2021-13-45 10:00:00,1625,200,6,现场,已处理,', // line 3: bad time
      'V3,晋K3,02,2021-01-01 10:00:00,1625,200,6,路边,已处理,', // line 4: not in enumeration
      'V4,,02,2021-01-01 10:00:00,1625,200,6,现场,已处理,', // line 5: missing required
      'V1,晋K9,02,2021-01-01 10:00:00,1625,200,6,现场,已处理,', // line 6: duplicate key
      'V5,晋K5,02,2021-01-01 10:00:00,1625,abc,6,现场,已处理,', // line 7: not a number
      'V6,晋K6,02,2021-01-01 10:00:00,1625,200,6.5,现场,已处理,', // line 8: not an integer
    ]);
    const r = await importDataset(store, dir);
    expect(r.ok && r.report.files[0]).toMatchObject({ rows: 7, loaded: 1, rejected: 6 });
    const rej = await rejects();
    expect(rej.map((x) => [x.line, x.column_name])).toEqual([
      [3, 'occurred_at'], [4, 'source'], [5, 'plate'], [6, 'violation_id'], [7, 'fine'], [8, 'points'],
    ]);
    expect(rej[0]).toMatchObject({ file: 'violations.csv', value: '2021-13-45 10:00:00', reason: '无法解析的时间' });
    expect(rej[3].reason).toContain('第 2 行');
    expect(await store.all('SELECT violation_id, plate FROM violations')).toEqual([{ violation_id: 'V1', plate: '晋K1' }]);
  });

  it('counts physical lines across quoted fields holding commas, quotes and newlines', async () => {
    await write('opinions.csv', [
      '编号,日期,征集单位,类型,内容',
      'O1,2021-01-05,U1,投诉,"多行\n内容,有逗号"',
      'O2,2021-01-06,U1,意见建议,"他说""好""\n第二行\n第三行"',
      'O3,2021-99-06,U1,投诉,x', // physical line 7
      'O4,2021-01-07,U1,投诉,y',
      'O5,2021-01-08,U1,其它,z', // line 9: not in enumeration
    ]);
    const r = await importDataset(store, dir);
    expect(r.ok).toBe(true);
    expect((await rejects()).map((x) => [x.line, x.column_name])).toEqual([[7, 'received_on'], [9, 'kind']]);
    expect(await store.all("SELECT content FROM opinions WHERE opinion_id = 'O2'")).toEqual([{ content: '他说"好"\n第二行\n第三行' }]);
  });

  it('skips empty lines but still counts them in the line numbers, with LF or CRLF line ends', async () => {
    for (const eol of ['\n', '\r\n']) {
      await write('units.csv', [UNITS_HEAD, 'U1,一,县区大队,x', '', 'U2,二,县区大队,y', 'U3,三,坏,z', '  ', '', 'U4,四,坏,z', 'U5,五,县区大队', '"U6","六\n行",坏,z', '', 'U7,七,坏,z', '', ''], 'utf8', eol);
      await store.run('DELETE FROM rejects');
      const r = await importDataset(store, dir);
      expect(r.ok && r.report.files[0]).toMatchObject({ rejected: 5 });
      expect((await rejects()).map((x) => [x.line, x.column_name])).toEqual([[5, 'kind'], [8, 'kind'], [9, 'district'], [10, 'kind'], [13, 'kind']]);
    }
  });

  it('keeps a row with the wrong number of fields as a reject with its physical line', async () => {
    await write('units.csv', [UNITS_HEAD, 'U1,一大队,县区大队,榆次区', 'U2,"二\n大队",县区大队', 'U3,三大队,县区大队,榆次区', 'U4,四大队,县区大队,榆次区,多余']);
    const r = await importDataset(store, dir);
    expect(r.ok && r.report.files[0]).toMatchObject({ loaded: 2, rejected: 2 });
    expect((await rejects()).map((x) => x.line)).toEqual([3, 6]);
    expect(await store.all('SELECT unit_code FROM units ORDER BY 1')).toEqual([{ unit_code: 'U1' }, { unit_code: 'U3' }]);
  });

  it('reads the first worksheet of an XLSX file with real Excel dates, reporting sheet rows', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('设备');
    ws.addRow(['设备编号', '设备类型', '管理单位', '启用日期', '公告日期', '限速值']);
    ws.addRow(['D1', '超速', 'U1', new Date(Date.UTC(2020, 4, 6)), new Date(Date.UTC(2020, 3, 1)), 80]);
    ws.addRow(['D2', '飞行', 'U1', new Date(Date.UTC(2020, 4, 6)), null, 60]);
    ws.addRow(['D3', '闯红灯', 'U1', '2020/05/07', '20200401', null]);
    wb.addWorksheet('其他').addRow(['ignored']);
    await wb.xlsx.writeFile(join(dir, 'devices.xlsx'));
    const r = await importDataset(store, dir);
    expect(r.ok && r.report.files[0]).toMatchObject({ format: 'xlsx', loaded: 2, rejected: 1 });
    expect(await store.all('SELECT device_id, enabled_on, announced_on, speed_limit FROM devices ORDER BY 1')).toEqual([
      { device_id: 'D1', enabled_on: '2020-05-06', announced_on: '2020-04-01', speed_limit: 80 },
      { device_id: 'D3', enabled_on: '2020-05-07', announced_on: '2020-04-01', speed_limit: null },
    ]);
    expect((await rejects()).map((x) => [x.line, x.column_name])).toEqual([[3, 'kind']]);
  });

  it('reads a large XLSX sheet without breaking Chinese characters at the reader\'s chunk boundaries', async () => {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: join(dir, 'business.xlsx'), useSharedStrings: false });
    const ws = wb.addWorksheet('业务');
    ws.addRow(['流水号', '业务类型', '办理单位', '办理渠道', '受理时间', '业务状态']).commit();
    const kinds = ['补换领行驶证', '驾驶证换证', '驾驶人考试', '核发检验合格标志'];
    for (let i = 0; i < 20000; i++) {
      ws.addRow([`B${i}`, kinds[i % 4], '晋中公安交警支队车辆管理所', i % 3 ? '窗口' : '互联网', new Date(Date.UTC(2021, 0, 1 + (i % 28), 9)), '办结']).commit();
    }
    await ws.commit();
    await wb.commit();
    const r = await importDataset(store, dir);
    expect(r.ok && r.report.files[0]).toMatchObject({ rows: 20000, loaded: 20000, rejected: 0 });
    expect(await store.all('SELECT kind, count(*) AS n FROM business GROUP BY kind ORDER BY kind')).toEqual(
      [...kinds].sort().map((kind) => ({ kind, n: 5000 })));
  });

  it('reads Excel date-times to the second, even when the stored fraction of a day falls just short', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('视频');
    ws.addRow(['视频编号', '警号', '开始时间', '结束时间', '上传时间']);
    // 10:00:00 stored as a fraction 1 ms short, as floating-point serials often are
    ws.addRow(['Z1', '100001', new Date(Date.UTC(2021, 2, 1, 9, 59, 59, 999)), new Date(Date.UTC(2021, 2, 1, 10, 30, 0)), 44256.5]);
    // a recording that starts at midnight: the cell holds a whole day and must still read as a time-stamp
    ws.addRow(['Z2', '100001', new Date(Date.UTC(2021, 2, 2)), new Date(Date.UTC(2021, 2, 2, 0, 20)), null]);
    await wb.xlsx.writeFile(join(dir, 'videos.xlsx'));
    const r = await importDataset(store, dir);
    expect(r.ok && r.report.files[0]).toMatchObject({ loaded: 2, rejected: 0 });
    expect(await store.all('SELECT started_at, ended_at, uploaded_at FROM videos ORDER BY video_id')).toEqual([
      { started_at: '2021-03-01 10:00:00', ended_at: '2021-03-01 10:30:00', uploaded_at: '2021-03-01 12:00:00' },
      { started_at: '2021-03-02 00:00:00', ended_at: '2021-03-02 00:20:00', uploaded_at: null },
    ]);
  });

  it('replaces a record by a later export with the same key, and a second import of the same folder changes nothing', async () => {
    await write('violations.csv', [VIOL_HEAD, 'V1,晋K1,02,2021-01-01 10:00:00,1625,200,6,现场,未处理,', 'V2,晋K2,02,2021-01-01 11:00:00,1625,200,6,现场,未处理,']);
    await importDataset(store, dir);
    const first = await dump();
    const again = await importDataset(store, dir);
    expect(again.ok && again.report.files[0]).toMatchObject({ loaded: 0, replaced: 2 });
    expect(await dump()).toBe(first);

    await write('violations.csv', [VIOL_HEAD, 'V2,晋K2,02,2021-01-01 11:00:00,1625,200,6,现场,已处理,2021-01-09 09:00:00']);
    const later = await importDataset(store, dir);
    expect(later.ok && later.report.files[0]).toMatchObject({ loaded: 0, replaced: 1 });
    expect(await store.all('SELECT violation_id, status, processed_at FROM violations ORDER BY 1')).toEqual([
      { violation_id: 'V1', status: '未处理', processed_at: null },
      { violation_id: 'V2', status: '已处理', processed_at: '2021-01-09 09:00:00' },
    ]);
  });

  it('keeps the earlier record of a key whose later export is refused, while replacing the others', async () => {
    await write('violations.csv', [VIOL_HEAD, 'V1,晋K1,02,2021-01-01 10:00:00,1625,200,6,现场,未处理,', 'V2,晋K2,02,2021-01-01 11:00:00,1625,200,6,现场,未处理,']);
    await importDataset(store, dir);
    await write('violations.csv', [VIOL_HEAD,
      'V1,晋K1,02,2021-01-01 10:00:00,1625,200,6,现场,已处理,2021-01-05 09:00:00',
      'V2,晋K2,02,2021-01-01 11:00:00,1625,200,6,现场,已办结,2021-01-05 09:00:00', // line 3: status not in the list
      'V3,晋K3,02,2021-01-02 11:00:00,1625,200,6,现场,未处理,']);
    const r = await importDataset(store, dir);
    expect(r.ok && r.report.files[0]).toMatchObject({ rows: 3, loaded: 1, replaced: 1, rejected: 1 });
    expect(await store.all('SELECT violation_id, status FROM violations ORDER BY 1')).toEqual([
      { violation_id: 'V1', status: '已处理' }, { violation_id: 'V2', status: '未处理' }, { violation_id: 'V3', status: '未处理' },
    ]);
    expect((await rejects()).filter((x) => x.reason.includes('取值')).map((x) => x.line)).toEqual([3]);
  });

  it('replaces vehicles by their composite key (plate, plate type)', async () => {
    await write('vehicles.csv', ['号牌号码,号牌种类,所有人证件号码', '晋K1,02,A', '晋K1,01,B']);
    await importDataset(store, dir);
    await write('vehicles.csv', ['号牌号码,号牌种类,所有人证件号码', '晋K1,2,C']);
    await importDataset(store, dir);
    expect(await store.all('SELECT plate_type, owner_id FROM vehicles ORDER BY 1')).toEqual([{ plate_type: '01', owner_id: 'B' }, { plate_type: '02', owner_id: 'C' }]);
  });

  it('leaves the database exactly as it was when a file of the import cannot be read', async () => {
    await cp(SAMPLE, join(dir, 'first'), { recursive: true });
    await importDataset(store, join(dir, 'first'));
    const before = await dump();
    const [{ n: importsBefore }] = await store.all<{ n: number }>('SELECT count(*) AS n FROM imports');
    const bad = join(dir, 'bad');
    await cp(SAMPLE, bad, { recursive: true });
    await writeFile(join(bad, 'violations.csv'), '违法编号,号牌号码\nV1,晋K1\n'); // lacks required columns
    await writeFile(join(bad, 'units.csv'), `${UNITS_HEAD}\nNEW,新单位,县区大队,x\n`);
    const r = await importDataset(store, bad);
    expect(r).toMatchObject({ ok: false, file: 'violations.csv' });
    if (!r.ok) expect(r.message).toContain('号牌种类');
    expect(await dump()).toBe(before);
    const [{ n: importsAfter }] = await store.all<{ n: number }>('SELECT count(*) AS n FROM imports');
    expect(importsAfter).toBe(importsBefore);
  });

  it('fails a file with no header, naming it', async () => {
    await writeFile(join(dir, 'units.csv'), '');
    const r = await importDataset(store, dir);
    expect(r).toMatchObject({ ok: false, file: 'units.csv' });
  });

  it('fails an XLSX file that is not a workbook, naming it', async () => {
    await writeFile(join(dir, 'devices.xlsx'), 'not a zip');
    const r = await importDataset(store, dir);
    expect(r).toMatchObject({ ok: false, file: 'devices.xlsx' });
  });

  it('notes references to unknown units as data quality, not rejects', async () => {
    await write('units.csv', [UNITS_HEAD, 'U1,一大队,县区大队,榆次区']);
    await write('officers.csv', ['警号,姓名,所属单位', '1,甲,U1', '2,乙,U9']);
    const r = await importDataset(store, dir);
    expect(r.ok && r.report.files[1]).toMatchObject({ loaded: 2, rejected: 0 });
    expect(r.ok && r.report.files[1].notes.join()).toContain('U9');
  });
});
