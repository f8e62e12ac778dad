// The demo world: the period, the seeded generator, and every record generated so far. The parts that
// fill it are plain functions in the modules beside this one: ids.ts (unique numbers), population.ts
// (officers, drivers, vehicles), devices.ts, geography.ts (where things are) and rows.ts (records).
import type { TableKey } from '../../contract/tables.ts';
import { Rng } from '../rng.ts';
import { DAY, ymd } from '../time.ts';
import type { DemoRow, IdRef } from '../writer.ts';
import { IdRegistry } from './ids.ts';

export interface Officer { id: string; name: string; unit: string; category: string; post: string; status: string; reserved?: boolean }
export interface Driver { lic: string; name: string; classes: string; firstIssued: number; issuer: string; status: string; phone: string }
export interface Vehicle {
  plate: string; type: string; ownerId: string; ownerName: string; usage: string;
  registeredOn: number; inspUntil: number; status: string; drivers: string[];
}
export interface Device {
  id: string; name: string; kind: string; unit: string; road: string; place: string; lon: number; lat: number;
  speedLimit: number | null; enabledOn: number; review: string; announcedOn: number | null; calibUntil: number | null;
  funding: string; ext: string | null; status: string;
  /** Relative capture rate. */
  weight: number;
  /** First and last day (inclusive) on which it captures in the period. */
  activeFrom: number; activeTo: number;
  /** Planted devices are kept out of background picks for other scenarios. */
  special?: boolean;
}

/** A record waiting to be written: its id is assigned (into `ref`) when its table is written in time order. */
export interface Planted<K extends TableKey> { row: DemoRow<K>; t: number; ref: IdRef }
export interface TruthEntry { category: string; subject: { kind: string; id: string | IdRef }; clause?: string; exemption?: string }

export class World {
  readonly rng: Rng;
  readonly from: number; readonly to: number; readonly asOf: number;
  /** The as-of date's first second: deadlines are judged as they stood then. */
  readonly asOfSec: number;
  readonly scale: number; readonly months: number;
  /** Planted cases per clause. */
  readonly k: number;
  readonly nViolations: number;
  /** Every identifier handed out so far (ID numbers, plates, phones, decision numbers…): each is unique. */
  readonly ids = new IdRegistry();

  officers: Officer[] = [];
  drivers: Driver[] = [];
  vehicles: Vehicle[] = [];
  /** vehicles[0 .. bgCount) is the pool background violations draw from. */
  bgCount = 0;
  /** Vehicles that never get a violation: used for inspection stickers. */
  clean: Vehicle[] = [];
  devices: Device[] = [];
  byPost = new Map<string, Officer[]>();
  officerById = new Map<string, Officer>();
  deviceById = new Map<string, Device>();
  byUnitPost = new Map<string, Officer[]>();

  plantedViolations = new Map<number, Planted<'violations'>[]>();
  accidents: Planted<'accidents'>[] = [];
  business: Planted<'business'>[] = [];
  videos: Planted<'videos'>[] = [];
  opinions: Planted<'opinions'>[] = [];
  planted: TruthEntry[] = [];
  lookalikes: TruthEntry[] = [];
  /** Blackspot centres (planted and look-alike) that background accidents keep away from. */
  exclusion: { lon: number; lat: number; r: number }[] = [];
  /** Unit-quarters whose opinions are planted ("UNIT/2021Q1"). */
  quotaPlanted = new Set<string>();
  /** Devices with planted complaint counts (no background complaints). */
  complaintDevices = new Set<string>();
  /** (device id, day) pairs of a camera fault: the whole day is voided by the technology department. */
  faultDays = new Map<string, { officer: string }>();

  constructor(opts: { seed: number; scale: number; start: number; months: number }) {
    this.rng = new Rng(opts.seed);
    this.scale = opts.scale;
    this.months = opts.months;
    this.from = opts.start;
    const { y, m } = ymd(opts.start);
    this.to = Date.UTC(y, m - 1 + opts.months, 1) / 86400000 - 1;
    this.asOf = this.to + 10;
    this.asOfSec = this.asOf * DAY;
    this.k = 4 + Math.floor(opts.scale * 10);
    this.nViolations = Math.max(1, Math.round(250000 * opts.scale * opts.months));
  }

  /** A random day in the period (optionally within [a, b] offsets from `from`). */
  dayIn(r: Rng, a = 0, b = this.to - this.from): number {
    return this.from + r.between(Math.max(0, a), Math.min(this.to - this.from, b));
  }
}

/** Append `v` to the list under `k`. */
export function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const a = m.get(k);
  if (a) a.push(v);
  else m.set(k, [v]);
}
