// 每日调度: one day of body-camera discipline, per unit — on-site acts without a recording, recordings
// that went past their upload deadline, recordings deleted before their retention ended — each with
// the officers named. The three body-camera rules decide (RULES.md parts 6–8, with the settings in
// force); this module only chooses the windows that make "one day" and groups what they find.
//
// What belongs to day D (judged at the end of D, i.e. as of D + 1 00:00, RULES.md 0.2):
// - 执法无视频: acts that started on D and are not covered (the rule over [D, D]).
// - 超时上传: recordings whose upload deadline (结束时间 + 24 h) fell on D and that were not uploaded by it:
//   each late recording is reported once, on the day it became late, whether it was uploaded later or not.
// - 违规删除: recordings deleted on D while the rule forbids it (inside the retention period, or evidence).
import { inIdList, type Store } from '../store/db.ts';
import { addDays } from '../time/index.ts';
import { makeContext } from '../rules/context.ts';
import { DEFAULT_SETTINGS, type Settings } from '../rules/settings.ts';
import { rule as missingRule } from '../rules/bodycam-missing.ts';
import { rule as lateRule } from '../rules/bodycam-late-upload.ts';
import { rule as deletionRule } from '../rules/bodycam-deletion.ts';
import { fallbackUnit } from '../analyze/run.ts';
import { mergeFindings, byCodePoint, type Warning } from '../analyze/merge.ts';
import type { RecordRef } from '../contract/vocabulary.ts';

import { DAILY_SECTIONS, type DailySection } from './daily-sections.ts';
export { DAILY_SECTIONS, SECTION_LABELS, type DailySection } from './daily-sections.ts';

export interface NamedOfficer { readonly id: string; readonly name: string | null; readonly role: string }

export interface DailyItem {
  readonly section: DailySection;
  readonly subject: RecordRef;
  /** When it happened on the day: act start, upload deadline, deletion time ('YYYY-MM-DD HH:MM'). */
  readonly at: string;
  readonly severity: string;
  readonly title: string;
  readonly officers: readonly NamedOfficer[];
}

export interface DailyUnit {
  readonly unit: string;
  readonly unit_name: string | null;
  readonly items: readonly DailyItem[];
  readonly counts: Readonly<Record<DailySection, number>>;
}

export interface DailyReport {
  readonly date: string;
  readonly asOf: string;
  readonly units: readonly DailyUnit[];
  readonly totals: Readonly<Record<DailySection, number>>;
}

/** How far back a recording may have started and still reach its upload deadline on D: covers recordings up to this many days long. */
const LATE_LOOKBACK_DAYS = 31;
/** The deletion rule looks at recordings of any age: evidence may never be deleted. */
const EVER = '1900-01-01';

interface VideoFacts { video_id: string; officer_id: string | null; deleted_by: string | null; deadline: string; deleted_at: string | null }
interface ActFacts { kind: string; id: string; officer_id: string | null; at: string }

export async function dailyReport(store: Store, date: string, settings: Settings = DEFAULT_SETTINGS): Promise<DailyReport> {
  const next = addDays(date, 1);
  const fallback = await fallbackUnit(store);
  const run = async (r: typeof missingRule, from: string) => mergeFindings(r.category, await r.run(makeContext(store, { from, to: date, asOf: next }, settings)), fallback);
  const missing = await run(missingRule, date);
  const lateAll = await run(lateRule, addDays(date, -LATE_LOOKBACK_DAYS));
  const deletedAll = await run(deletionRule, EVER);

  const deadlineMinutes = settings.bodycamLateUpload.deadlineHours * 60;
  const videoIds = [...lateAll, ...deletedAll].map((w) => w.subject.id);
  const videos = new Map<string, VideoFacts>();
  if (videoIds.length) {
    for (const v of await store.all<VideoFacts>(`
      SELECT video_id, NULLIF(trim(officer_id), '') AS officer_id, NULLIF(trim(deleted_by), '') AS deleted_by,
             strftime(ended_at + to_minutes(${deadlineMinutes}), '%Y-%m-%d %H:%M') AS deadline,
             strftime(deleted_at, '%Y-%m-%d %H:%M') AS deleted_at
      FROM videos WHERE ${inIdList('video_id', 'ids')}`, { ids: JSON.stringify(videoIds) })) videos.set(v.video_id, v);
  }
  const onDay = (t: string | null | undefined): t is string => !!t && t.slice(0, 10) === date;
  const late = lateAll.filter((w) => onDay(videos.get(w.subject.id)?.deadline));
  const deleted = deletedAll.filter((w) => onDay(videos.get(w.subject.id)?.deleted_at));

  const acts = new Map<string, ActFacts>();
  if (missing.length) {
    for (const a of await store.all<ActFacts>(`
      SELECT 'violation' AS kind, violation_id AS id, NULLIF(trim(officer_id), '') AS officer_id, strftime(occurred_at, '%Y-%m-%d %H:%M') AS at
      FROM violations WHERE ${inIdList('violation_id', 'v')}
      UNION ALL
      SELECT 'accident', accident_id, NULLIF(trim(officer_id), ''), strftime(
        CASE WHEN reported_at IS NOT NULL AND reported_at + to_minutes(${settings.bodycamMissing.arrivalMinutes}) < scene_done_at - to_minutes(${settings.bodycamMissing.arrivalBeforeSceneEndMinutes})
             THEN reported_at + to_minutes(${settings.bodycamMissing.arrivalMinutes})
             ELSE scene_done_at - to_minutes(${settings.bodycamMissing.arrivalBeforeSceneEndMinutes}) END, '%Y-%m-%d %H:%M')
      FROM accidents WHERE ${inIdList('accident_id', 'a')}`, {
      v: JSON.stringify(missing.filter((w) => w.subject.kind === 'violation').map((w) => w.subject.id)),
      a: JSON.stringify(missing.filter((w) => w.subject.kind === 'accident').map((w) => w.subject.id)),
    })) acts.set(`${a.kind}:${a.id}`, a);
  }

  const officerIds = new Set<string>();
  const draft: { unit: string; item: Omit<DailyItem, 'officers'>; roles: [string | null, string][] }[] = [];
  const add = (w: Warning, section: DailySection, at: string, roles: [string | null, string][]) => {
    for (const [id] of roles) if (id) officerIds.add(id);
    draft.push({ unit: w.unit, item: { section, subject: w.subject, at, severity: w.severity, title: w.title }, roles });
  };
  for (const w of missing) {
    const a = acts.get(`${w.subject.kind}:${w.subject.id}`);
    add(w, 'missing', a?.at ?? '', [[a?.officer_id ?? null, w.subject.kind === 'violation' ? '执勤民警' : '主办民警']]);
  }
  for (const w of late) {
    const v = videos.get(w.subject.id);
    if (!v) continue; // every warning's video was read above
    add(w, 'late', v.deadline, [[v.officer_id, '佩戴民警']]);
  }
  for (const w of deleted) {
    const v = videos.get(w.subject.id);
    if (!v?.deleted_at) continue; // every warning's video was read above, and a deletion warning's has its time
    add(w, 'deleted', v.deleted_at, v.deleted_by && v.deleted_by !== v.officer_id ? [[v.officer_id, '佩戴民警'], [v.deleted_by, '删除人']] : [[v.officer_id, v.deleted_by ? '佩戴民警、删除人' : '佩戴民警']]);
  }

  const names = new Map<string, string | null>();
  const unitNames = new Map<string, string | null>();
  for (const o of await store.all<{ officer_id: string; name: string | null }>(`SELECT officer_id, name FROM officers WHERE ${inIdList('officer_id', 'ids')}`, { ids: JSON.stringify([...officerIds]) })) names.set(o.officer_id, o.name);
  for (const u of await store.all<{ unit_code: string; unit_name: string | null }>('SELECT unit_code, unit_name FROM units')) unitNames.set(u.unit_code, u.unit_name);

  const byUnit = new Map<string, DailyItem[]>();
  for (const d of draft) {
    const officers = d.roles.filter((r): r is [string, string] => r[0] !== null).map(([id, role]) => ({ id, name: names.get(id) ?? null, role }));
    const list = byUnit.get(d.unit) ?? [];
    list.push({ ...d.item, officers });
    byUnit.set(d.unit, list);
  }
  const zero = (): Record<DailySection, number> => ({ missing: 0, late: 0, deleted: 0 });
  const totals = zero();
  const units: DailyUnit[] = [...byUnit].sort(([a], [b]) => byCodePoint(a, b)).map(([unit, list]) => {
    const items = list.sort((a, b) =>
      DAILY_SECTIONS.indexOf(a.section) - DAILY_SECTIONS.indexOf(b.section) || byCodePoint(a.at, b.at) || byCodePoint(a.subject.id, b.subject.id));
    const counts = zero();
    for (const i of items) { counts[i.section]++; totals[i.section]++; }
    return { unit, unit_name: unitNames.get(unit) ?? null, items, counts };
  });
  return { date, asOf: next, units, totals };
}
