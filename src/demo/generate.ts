// The synthetic Jinzhong detachment: one file per contract table plus truth.json (the planted
// misconduct and the honest look-alikes). Deterministic for a seed: same options → same bytes.
//
//   import { generateDemo } from './src/demo/generate.ts';
//   const summary = await generateDemo({ dir: 'demo-data', scale: 0.02, seed: 1 });
import fs from 'node:fs';
import path from 'node:path';
import { TABLE_KEYS, type TableKey } from '../contract/tables.ts';
import { World, type Planted, type TruthEntry } from './world/world.ts';
import { buildOfficers, buildPopulation } from './world/population.ts';
import { buildDevices } from './world/devices.ts';
import { UNITS, CODES } from './world/reference.ts';
import { plantAll } from './plant/index.ts';
import { violationId, writeViolations } from './background/violations.ts';
import { AccidentGrid, backgroundAccidents } from './background/accidents.ts';
import { backgroundBusiness } from './background/business.ts';
import { backgroundPatrols } from './background/recordings.ts';
import { backgroundOpinions } from './background/opinions.ts';
import { expectedAccidents, historyAccidents } from './accident-season.ts';
import { openWriter, type DemoRow, type ExportedAs, type TableWriter, type WriterStyle } from './writer.ts';
import { dayOf, fmtDate, isoDay, monthStart, DAY } from './time.ts';
import type { Truth } from './truth.ts';

export type { Truth } from './truth.ts';

export interface DemoOptions {
  dir: string;
  /** 1 = a city-year (~3,000,000 violations over 12 months). Default 0.02. */
  scale?: number;
  seed?: number;
  /** YYYY-MM-DD, default 2021-01-01. */
  start?: string;
  /** Default 6. */
  months?: number;
  /** Months of closed accident history before the period, for the forecast (default 36; 0 = none). */
  historyMonths?: number;
  /** Tables written as GB18030 CSV. */
  gb18030?: TableKey[];
  /** Tables written as XLSX (sensible for small tables only). */
  xlsx?: TableKey[];
  /** Tables whose header uses the English keys. */
  englishHeaders?: TableKey[];
  /**
   * Write some tables the way the source systems export them (AS_EXPORTED): a Chinese file name, a title row and
   * a 合计 / 制表人 foot, Excel's 「Unicode 文本」. The same records: the import takes them all the same.
   */
  asExported?: boolean;
}

export interface DemoSummary {
  dir: string;
  period: { from: string; to: string; asOf: string };
  files: Record<TableKey, string>;
  rows: Record<TableKey, number>;
  planted: number;
  lookalikes: number;
  truthFile: string;
}

/** The format of each table (all allowed by the contract; varied as real exports are). */
const STYLES: Record<TableKey, WriterStyle> = {
  units: { ts: 'dash', date: 'dash', bool: ['是', '否'], bom: false, crlf: true },
  officers: { ts: 'dash', date: 'dash', bool: ['是', '否'], bom: true, crlf: true },
  drivers: { ts: 'dash', date: 'compact', bool: ['是', '否'], bom: false, crlf: true },
  vehicles: { ts: 'dash', date: 'slash', bool: ['是', '否'], bom: false, crlf: true },
  codes: { ts: 'dash', date: 'dash', bool: ['是', '否'], bom: false, crlf: true },
  devices: { ts: 'dash', date: 'dash', bool: ['是', '否'], bom: false, crlf: true },
  violations: { ts: 'dash', date: 'dash', bool: ['是', '否'], bom: false, crlf: true },
  accidents: { ts: 'slash', date: 'dash', bool: ['是', '否'], bom: false, crlf: true, thousands: ['loss'] },
  business: { ts: 'minute', date: 'dash', bool: ['是', '否'], bom: true, crlf: true },
  videos: { ts: 'iso', date: 'dash', bool: ['是', '否'], bom: false, crlf: false },
  opinions: { ts: 'dash', date: 'dash', bool: ['是', '否'], bom: false, crlf: true },
};

/** The tables `asExported` writes as their systems do, given the period's first and last day and its as-of day. */
const AS_EXPORTED: Partial<Record<TableKey, (p: { from: string; to: string; asOf: string }) => ExportedAs>> = {
  units: () => ({ fileName: '单位.csv' }),
  officers: (p) => ({
    fileName: `民警信息导出_${p.to.slice(0, 7).replace('-', '')}.csv`,
    title: '晋中市公安局交通警察支队民警信息导出',
    foot: (rows) => [['合计', `${rows} 人`], [`制表人：支队秘书科　制表时间：${p.asOf} 09:00`]],
  }),
  opinions: () => ({ fileName: '意见建议与投诉台账.txt', unicodeText: true }),
};

/** Every name a table's file may have had in an earlier run of the generator. */
const demoFileNames = (k: TableKey, p: { from: string; to: string; asOf: string }): string[] =>
  [`${k}.csv`, `${k}.xlsx`, ...(AS_EXPORTED[k] ? [AS_EXPORTED[k](p).fileName] : [])];

export async function generateDemo(opts: DemoOptions): Promise<DemoSummary> {
  const scale = opts.scale ?? 0.02;
  const seed = opts.seed ?? 1;
  const months = opts.months ?? 6;
  if (!(scale > 0)) throw new Error('scale must be > 0');
  if (!(months >= 1 && months <= 24 && Number.isInteger(months))) throw new Error('months must be an integer 1..24');
  const start = dayOf(opts.start ?? '2021-01-01');
  fs.mkdirSync(opts.dir, { recursive: true });

  const w = new World({ seed, scale, start, months });
  const period = { from: isoDay(w.from), to: isoDay(w.to), asOf: isoDay(w.asOf) };
  // A file of an earlier run under another name would be a second file for its table.
  for (const k of TABLE_KEYS) for (const f of demoFileNames(k, period)) fs.rmSync(path.join(opts.dir, f), { force: true });
  buildOfficers(w);
  buildPopulation(w);
  buildDevices(w);
  const grid = new AccidentGrid();
  plantAll(w, grid);
  backgroundAccidents(w, grid);
  const historyMonths = opts.historyMonths ?? 36;
  historyAccidents(w, historyMonths);
  backgroundBusiness(w);
  backgroundPatrols(w);
  backgroundOpinions(w);

  const open = <K extends TableKey>(table: K): TableWriter<K> => {
    const format = opts.xlsx?.includes(table) ? 'xlsx' : 'csv';
    const exported = opts.asExported && format === 'csv' ? AS_EXPORTED[table]?.(period) : undefined;
    return openWriter({
      dir: opts.dir, table, format, gb18030: opts.gb18030?.includes(table) ?? false,
      english: opts.englishHeaders?.includes(table) ?? false, style: STYLES[table], exported,
    });
  };
  const files = {} as Record<TableKey, string>;
  const rows = {} as Record<TableKey, number>;
  const done = async (k: TableKey, out: TableWriter) => { await out.close(); files[k] = path.basename(out.file); rows[k] = out.rows; };
  /** A table written from a list of the world, one row per item. */
  const simple = async <K extends TableKey, T>(k: K, items: readonly T[], row: (item: T) => DemoRow<K>) => {
    const out = open(k);
    for (const item of items) out.write(row(item));
    await done(k, out);
  };

  await simple('units', UNITS, (u): DemoRow<'units'> => ({ unit_code: u.code, unit_name: u.name, kind: u.kind, district: u.district }));
  await simple('officers', w.officers, (o): DemoRow<'officers'> => ({ officer_id: o.id, name: o.name, unit_code: o.unit, category: o.category, post: o.post, status: o.status }));
  await simple('codes', CODES, (c): DemoRow<'codes'> => ({ code: c.code, description: c.description, points: c.points, fine_min: c.fineMin, fine_max: c.fineMax, device_kinds: c.kinds.join(';') }));
  await simple('devices', w.devices, (d): DemoRow<'devices'> => ({
    device_id: d.id, name: d.name, kind: d.kind, unit_code: d.unit, road: d.road, place: d.place, lon: d.lon, lat: d.lat,
    speed_limit: d.speedLimit, enabled_on: d.enabledOn, review_status: d.review, announced_on: d.announcedOn,
    calibration_valid_until: d.calibUntil, funding: d.funding, external_platform: d.ext, status: d.status,
  }));
  await simple('drivers', w.drivers, (d): DemoRow<'drivers'> => ({ license_no: d.lic, name: d.name, classes: d.classes, first_issued_on: d.firstIssued, issuer: d.issuer, status: d.status, phone: d.phone }));
  await simple('vehicles', w.vehicles, (v): DemoRow<'vehicles'> => ({
    plate: v.plate, plate_type: v.type, owner_name: v.ownerName, owner_id: v.ownerId, usage: v.usage,
    registered_on: v.registeredOn, inspection_valid_until: v.inspUntil, status: v.status,
  }));

  // Violations: streamed day by day; planted records outside the period (history, just after the end) first/last.
  {
    const out = open('violations');
    const outside = [...w.plantedViolations.keys()].filter((d) => d < w.from || d > w.to).sort((a, b) => a - b);
    const writeDay = (day: number) => {
      const list = w.plantedViolations.get(day)!.slice().sort((a, b) => a.t - b.t);
      list.forEach((p, i) => { p.ref.id = violationId(day, i + 1); out.write({ violation_id: p.ref.id, ...p.row }); });
    };
    for (const d of outside.filter((x) => x < w.from)) writeDay(d);
    await writeViolations(w, out);
    for (const d of outside.filter((x) => x > w.to)) writeDay(d);
    await done('violations', out);
  }
  await writeSorted('accidents', w.accidents, (p, i) => 'A1407' + fmtDate(Math.floor(p.t / DAY), 'compact') + String(i + 1).padStart(6, '0'), 'accident_id');
  await writeSorted('business', w.business, (p, i) => fmtDate(Math.floor(p.t / DAY), 'compact').slice(2) + String(i + 1).padStart(8, '0'), 'flow_id');
  await writeSorted('opinions', w.opinions, (_p, i) => 'YJ' + String(i + 1).padStart(7, '0'), 'opinion_id');
  await writeSorted('videos', w.videos, (p, i) => 'ZFJLY' + fmtDate(Math.floor(p.t / DAY), 'compact') + String(i + 1).padStart(7, '0'), 'video_id');

  /** Write a table in time order, giving each record its id (`key`, the table's key column) as it goes. */
  async function writeSorted<K extends 'accidents' | 'business' | 'opinions' | 'videos'>(
    k: K, list: Planted<K>[], id: (p: Planted<K>, i: number) => string, key: keyof DemoRow<K> & string,
  ) {
    const sorted = list.map((p, i) => ({ p, i })).sort((a, b) => a.p.t - b.p.t || a.i - b.i);
    const out = open(k);
    // A computed key widens to a string index; `key` itself is checked against the table's columns above.
    sorted.forEach(({ p }, i) => { p.ref.id = id(p, i); out.write({ [key]: p.ref.id, ...p.row } as DemoRow<K>); });
    await done(k, out);
  }

  const resolve = (e: TruthEntry) => {
    const id = typeof e.subject.id === 'string' ? e.subject.id : e.subject.id.id;
    if (id === undefined) throw new Error(`unresolved subject in ${e.category}`);
    return id;
  };
  const truth: Truth = {
    period: { from: isoDay(w.from), to: isoDay(w.to), asOf: isoDay(w.asOf) },
    planted: w.planted.map((e) => ({ category: e.category, subject: { kind: e.subject.kind, id: resolve(e) }, clause: e.clause! })),
    lookalikes: w.lookalikes.map((e) => ({ category: e.category, subject: { kind: e.subject.kind, id: resolve(e) }, exemption: e.exemption! })),
    accidentsExpected: Object.fromEntries([...expectedAccidents(scale, monthStart(w.from, -Math.max(0, historyMonths)), w.to + 1)]
      .map(([month, units]) => [month, Object.fromEntries([...units].map(([u, e]) => [u, Math.round(e * 1000) / 1000]))])),
  };
  const truthFile = path.join(opts.dir, 'truth.json');
  fs.writeFileSync(truthFile, JSON.stringify(truth, null, 1) + '\n');
  return { dir: opts.dir, period: truth.period, files, rows, planted: truth.planted.length, lookalikes: truth.lookalikes.length, truthFile };
}
