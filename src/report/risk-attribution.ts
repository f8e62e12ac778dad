// Who answers for a warning, and when it happened. The contract (§5) counts a warning "for the officer its
// evidence names as responsible": the responsible role differs by category, so it is a table here, read
// from the records the evidence names (RULES.md says whose act each category judges).
import { inIdList, type Store } from '../store/db.ts';
import type { Warning } from '../analyze/merge.ts';
import type { Category } from '../rules/types.ts';

interface ViolationFacts { id: string; at: string | null; voided_at: string | null; officer_id: string | null; source: string | null }
interface AccidentFacts { id: string; at: string | null; officer_id: string | null }
interface VideoFacts { id: string; at: string | null; officer_id: string | null; deleted_by: string | null }
interface BusinessFacts { id: string; at: string | null }

export interface Facts {
  readonly violations: ReadonlyMap<string, ViolationFacts>;
  readonly accidents: ReadonlyMap<string, AccidentFacts>;
  readonly videos: ReadonlyMap<string, VideoFacts>;
  readonly business: ReadonlyMap<string, BusinessFacts>;
}

type Responsible = (w: Warning, f: Facts) => (string | null | undefined)[];

const evidenceOfficers: Responsible = (w) => w.evidence.filter((e) => e.kind === 'officer').map((e) => e.id);
/**
 * Who entered a penalty: the ticketing officer of an on-site ticket. A camera capture is answered for by its
 * device (RULES.md 0.9), not by whoever reviewed it: a reviewer passes thousands of captures, and counting
 * the device's duplicates and wrong codes against them would rank volume, not conduct.
 */
const entrant: Responsible = (w, f) => {
  const v = f.violations.get(w.subject.id);
  return [v?.source === '现场' ? v.officer_id : null];
};
const accidentOfficer: Responsible = (w, f) => [f.accidents.get(w.subject.id)?.officer_id];
const none: Responsible = () => [];

/** The officer(s) each category holds responsible; categories about licences, devices, places or units name none. */
export const RESPONSIBLE: Readonly<Record<Category, Responsible>> = {
  'favor-voiding': (w) => [w.subject.id],                                   // the voiding officer (3.1)
  'case-shelving': accidentOfficer,                                          // 主办民警
  'liability-change': accidentOfficer,                                       // 主办民警
  'bodycam-missing': (w, f) => [w.subject.kind === 'accident' ? f.accidents.get(w.subject.id)?.officer_id : f.violations.get(w.subject.id)?.officer_id], // 6.1
  'bodycam-late-upload': (w, f) => [f.videos.get(w.subject.id)?.officer_id], // the wearer (8.4)
  'bodycam-deletion': (w, f) => { const v = f.videos.get(w.subject.id); return [v?.deleted_by ?? v?.officer_id]; }, // 删除人, else the wearer
  'irregular-business': evidenceOfficers,                                    // acceptor / approver / inspector named
  'duplicate-penalty': entrant,
  'code-mismatch': entrant,
  'point-trading': none, 'device-unapproved': none, 'device-calibration': none, 'device-complaints': none,
  'device-volume': none, blackspot: none, 'opinion-quota': none,
};

/** When the warning's act happened ('YYYY-MM-DD HH:MM:SS'): its subject record's time; for an officer, the last void in the evidence. */
export function warningTime(w: Warning, f: Facts): string | null {
  switch (w.subject.kind) {
    case 'violation': return f.violations.get(w.subject.id)?.at ?? null;
    case 'accident': return f.accidents.get(w.subject.id)?.at ?? null;
    case 'video': return f.videos.get(w.subject.id)?.at ?? null;
    case 'business': return f.business.get(w.subject.id)?.at ?? null;
    case 'officer': {
      const times = w.evidence.filter((e) => e.kind === 'violation').map((e) => { const v = f.violations.get(e.id); return v?.voided_at ?? v?.at ?? ''; }).filter(Boolean);
      return times.sort().at(-1) ?? null;
    }
    default: return null;
  }
}

export function responsibleOfficers(w: Warning, f: Facts): string[] {
  return [...new Set(RESPONSIBLE[w.category](w, f).map((x) => (x ?? '').trim()).filter(Boolean))];
}

/** Load, in one query per table, the records the warnings' subjects and evidence name. */
export async function loadFacts(store: Store, warnings: readonly Warning[]): Promise<Facts> {
  const ids = (kind: string) => JSON.stringify([...new Set(warnings.flatMap((w) => [w.subject, ...w.evidence]).filter((e) => e.kind === kind).map((e) => e.id))]);
  const ts = (col: string) => `strftime(${col}, '%Y-%m-%d %H:%M:%S')`;
  const map = <T extends { id: string }>(rows: T[]) => new Map(rows.map((r) => [r.id, r]));
  return {
    violations: map(await store.all<ViolationFacts>(`SELECT violation_id AS id, ${ts('occurred_at')} AS at, ${ts('voided_at')} AS voided_at,
      NULLIF(trim(officer_id), '') AS officer_id, source FROM violations WHERE ${inIdList('violation_id', 'v')}`, { v: ids('violation') })),
    accidents: map(await store.all<AccidentFacts>(`SELECT accident_id AS id, ${ts('occurred_at')} AS at, NULLIF(trim(officer_id), '') AS officer_id
      FROM accidents WHERE ${inIdList('accident_id', 'a')}`, { a: ids('accident') })),
    videos: map(await store.all<VideoFacts>(`SELECT video_id AS id, ${ts('started_at')} AS at, NULLIF(trim(officer_id), '') AS officer_id,
      NULLIF(trim(deleted_by), '') AS deleted_by FROM videos WHERE ${inIdList('video_id', 'd')}`, { d: ids('video') })),
    business: map(await store.all<BusinessFacts>(`SELECT flow_id AS id, ${ts('accepted_at')} AS at FROM business WHERE ${inIdList('flow_id', 'b')}`, { b: ids('business') })),
  };
}
