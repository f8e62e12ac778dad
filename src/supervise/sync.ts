// Feeding the loop. A stored analysis run (runs, warnings) becomes items by warning key: a new key
// is a new `pending` item; an open item keeps its status and a person's work, only its figures follow
// the data; an open item the run no longer finds is flagged resolved_in_data (a person decides). A
// `closed` item found again goes back to `pending`, flagged recurred, only when the finding is new
// since it was closed (contract §4, "Found again"): its evidence names a record the item's did not,
// or it is a standing condition judged as of a later day than the closing. Otherwise the closed item
// is not touched at all: re-running an analysis never reopens settled work. Each change is an audit entry.
//
// What the item was closed with needs no store of its own: nothing writes a closed item but its
// recurrence, so its evidence column is the evidence it was closed with, and the day of closing is
// that of its audit entry into `closed` (written in the transaction that closed it). Both hold for a
// database made before this rule as well.
// The analysis never imports this module: the command or route that ran it calls syncRun after saveRun.
import { inIdList, transaction, type Store } from '../store/db.ts';
import { STANDING_CATEGORIES } from '../contract/categories.ts';
import { CATEGORIES } from '../rules/types.ts';
import { appendAudit, type AuditInput } from './audit.ts';
import { localStamp, systemClock, type Clock } from '../time/index.ts';
import { itemDaySql } from './item-day.ts';
import type { RecordRef } from '../contract/vocabulary.ts';

export const SYSTEM_USER = 'system';

/** `settled`: closed items the run found again with nothing new, left as they were. */
export interface SyncCounts { created: number; recurred: number; settled: number; refreshed: number; foundAgain: number; resolvedInData: number; unchanged: number }

/** Upsert the items of one stored run. Returns what changed; a run already synced changes nothing. */
export async function syncRun(store: Store, runId: number, clock: Clock = systemClock): Promise<SyncCounts | null> {
  return transaction(store, async () => {
    const runs = await store.all<{ skipped: string; as_of: string | null }>('SELECT skipped, strftime(as_of, \'%Y-%m-%d\') AS as_of FROM runs WHERE run_id = $1', [runId]);
    if (!runs.length) return null;
    const skipped = new Set((JSON.parse(runs[0].skipped) as { category: string }[]).map((s) => s.category));
    await store.run('DROP TABLE IF EXISTS temp.sync_w');
    await store.run(`CREATE TEMP TABLE sync_w AS
      SELECT warning_key, category, subject_kind, subject_id, unit, severity, score, rule, title, evidence
      FROM warnings WHERE run_id = $1`, [runId]);
    const counts = await upsertFromStaging(store, 'run', runId, runs[0].as_of, CATEGORIES.filter((c) => !skipped.has(c)), SYSTEM_USER, clock);
    await store.run('DROP TABLE temp.sync_w');
    return counts;
  });
}

/** An item that does not come from a run, e.g. a 不合格 spot-check finding. */
export interface NewItem {
  /** One of the contract's categories, or an extra one documented in docs/API.md (e.g. 'spot-check'). */
  readonly category: string;
  readonly subject: RecordRef;
  readonly unit: string;
  readonly severity: 'high' | 'medium' | 'low';
  readonly score?: number;
  readonly rule?: string;
  readonly title: string;
  readonly evidence?: readonly RecordRef[];
}

/**
 * Create (or refresh) items from another source than a run. The key is `category|kind|id`, as for
 * warnings: the same finding given twice is the same item; a closed one given again recurs only with
 * evidence it did not have (there is no day it is judged as of, so no standing condition).
 * Returns the keys.
 */
export async function createItems(store: Store, source: string, items: readonly NewItem[], actor: string, clock: Clock = systemClock): Promise<string[]> {
  for (const i of items) {
    if (!i.category || !i.subject.kind || !i.subject.id || !i.unit || !i.title) throw new Error(`createItems: incomplete item ${JSON.stringify(i)}`);
  }
  return transaction(store, async () => {
    await store.run('DROP TABLE IF EXISTS temp.sync_w');
    await store.run(`CREATE TEMP TABLE sync_w (warning_key VARCHAR, category VARCHAR, subject_kind VARCHAR, subject_id VARCHAR, unit VARCHAR,
      severity VARCHAR, score DOUBLE, rule VARCHAR, title VARCHAR, evidence VARCHAR)`);
    const keys: string[] = [];
    for (const i of items) {
      const key = `${i.category}|${i.subject.kind}|${i.subject.id}`;
      keys.push(key);
      await store.run('INSERT INTO sync_w VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)', [
        key, i.category, i.subject.kind, i.subject.id, i.unit, i.severity, i.score ?? 1, i.rule ?? source, i.title,
        JSON.stringify((i.evidence ?? []).map((e) => ({ kind: e.kind, id: e.id })))]);
    }
    // Items from another source are never resolved by absence: nothing re-checks them wholesale.
    await upsertFromStaging(store, source, null, null, [], actor, clock);
    await store.run('DROP TABLE temp.sync_w');
    return keys;
  });
}

interface Staged {
  warning_key: string; category: string; status: string | null; resolved_in_data: boolean | null; changed: string | null;
  /** For a closed item only: the evidence it was closed with, the run's, and the local day it was closed. */
  closed_evidence: string | null; run_evidence: string | null; closed_on: string | null;
}

type EvidenceRef = RecordRef;
const STANDING: ReadonlySet<string> = new Set(STANDING_CATEGORIES);
const refKey = (e: EvidenceRef): string => `${e.kind}\u0000${e.id}`;

/** The new evidence a recurrence's audit entry names, at most this many (and how many in all). */
const NEW_EVIDENCE_SHOWN = 20;

/**
 * Contract §4, "Found again": what is new in this closed item's finding since it was closed, as the
 * recurrence's audit fields, or null when nothing is.
 */
function newSinceClosed(s: Staged, asOf: string | null): Record<string, unknown> | null {
  if (asOf !== null && s.closed_on !== null && STANDING.has(s.category) && asOf > s.closed_on) {
    return { why: 'standing', as_of: asOf, closed_on: s.closed_on };
  }
  const had = new Set((JSON.parse(s.closed_evidence ?? '[]') as EvidenceRef[]).map(refKey));
  const fresh = (JSON.parse(s.run_evidence ?? '[]') as EvidenceRef[]).filter((e) => !had.has(refKey(e)));
  if (!fresh.length) return null;
  return { why: 'new-evidence', new_evidence: fresh.slice(0, NEW_EVIDENCE_SHOWN).map((e) => ({ kind: e.kind, id: e.id })), new_evidence_total: fresh.length };
}

/**
 * Apply temp table sync_w to items; `asOf`: the day the run judged as of (null for items from another
 * source); `resolveCategories`: categories whose open items absent from sync_w are flagged.
 */
async function upsertFromStaging(store: Store, source: string, runId: number | null, asOf: string | null, resolveCategories: readonly string[], actor: string, clock: Clock): Promise<SyncCounts> {
  const at = localStamp(clock.now());
  const staged = await store.all<Staged>(`
    SELECT w.warning_key, w.category, i.status, i.resolved_in_data,
      CASE WHEN i.status = 'closed' THEN i.evidence END AS closed_evidence,
      CASE WHEN i.status = 'closed' THEN w.evidence END AS run_evidence,
      CASE WHEN i.status = 'closed' THEN left(coalesce(
        (SELECT max(a.logged_at) FROM audit a WHERE a.item_key = i.item_key AND a.to_status = 'closed'), i.updated_at), 10) END AS closed_on,
      concat_ws(',',
        CASE WHEN i.severity IS DISTINCT FROM w.severity THEN 'severity' END,
        CASE WHEN i.score IS DISTINCT FROM w.score THEN 'score' END,
        CASE WHEN i.rule IS DISTINCT FROM w.rule THEN 'rule' END,
        CASE WHEN i.title IS DISTINCT FROM w.title THEN 'title' END,
        CASE WHEN i.unit IS DISTINCT FROM w.unit THEN 'unit' END,
        CASE WHEN i.evidence IS DISTINCT FROM w.evidence THEN 'evidence' END) AS changed
    FROM sync_w w LEFT JOIN items i ON i.item_key = w.warning_key ORDER BY w.warning_key`);
  const counts: SyncCounts = { created: 0, recurred: 0, settled: 0, refreshed: 0, foundAgain: 0, resolvedInData: 0, unchanged: 0 };
  const recurring: string[] = [];
  const audit: AuditInput[] = [];
  const runField = runId === null ? { source } : { run: runId };
  for (const s of staged) {
    const base = { at, username: actor, itemKey: s.warning_key };
    if (s.status === null) {
      counts.created++;
      audit.push({ ...base, action: 'create', from: null, to: 'pending', fields: runField });
    } else if (s.status === 'closed') {
      const why = newSinceClosed(s, asOf);
      if (!why) {
        counts.settled++;
        continue;
      }
      counts.recurred++;
      recurring.push(s.warning_key);
      audit.push({ ...base, action: 'recur', from: 'closed', to: 'pending', fields: { ...runField, ...why } });
    } else if (s.resolved_in_data) {
      counts.foundAgain++;
      audit.push({ ...base, action: 'found-again', from: s.status, to: s.status, fields: { ...runField, changed: s.changed ? s.changed.split(',') : [] } });
    } else if (s.changed) {
      counts.refreshed++;
      audit.push({ ...base, action: 'refresh', from: s.status, to: s.status, fields: { ...runField, changed: s.changed.split(',') } });
    } else {
      counts.unchanged++;
    }
  }
  const content = `severity = w.severity, score = w.score, rule = w.rule, title = w.title, unit = w.unit, evidence = w.evidence,
    last_run = $run, updated_at = $at, version = items.version + 1`;
  const params = { run: runId, at };
  // Closed and found again with something new: back to pending, recurred; the earlier cycle's deadline
  // and finding go (they stay in the audit). Every other closed item is left exactly as it was.
  if (recurring.length) {
    await store.run(`UPDATE items SET ${content}, status = 'pending', recurred = true, resolved_in_data = false, deadline = NULL, finding = NULL
      FROM sync_w w WHERE items.item_key = w.warning_key AND items.status = 'closed' AND ${inIdList('items.item_key', 'recurring')}`,
    { ...params, recurring: JSON.stringify(recurring) });
  }
  // Open and found: the person's work stays; the figures follow the data.
  await store.run(`UPDATE items SET ${content}, resolved_in_data = false
    FROM sync_w w WHERE items.item_key = w.warning_key AND items.status <> 'closed' AND (items.resolved_in_data
      OR items.severity IS DISTINCT FROM w.severity OR items.score IS DISTINCT FROM w.score OR items.rule IS DISTINCT FROM w.rule
      OR items.title IS DISTINCT FROM w.title OR items.unit IS DISTINCT FROM w.unit OR items.evidence IS DISTINCT FROM w.evidence)`, params);
  await store.run(`INSERT INTO items (item_key, source, category, subject_kind, subject_id, unit, severity, score, rule, title, evidence,
      status, version, recurred, resolved_in_data, first_run, last_run, created_at, updated_at)
    SELECT w.warning_key, $source, w.category, w.subject_kind, w.subject_id, w.unit, w.severity, w.score, w.rule, w.title, w.evidence,
      'pending', 1, false, false, $run, $run, $at, $at
    FROM sync_w w WHERE NOT EXISTS (SELECT 1 FROM items i WHERE i.item_key = w.warning_key)`, { ...params, source });
  // The day its misconduct happened (item-day.ts), stored here so that the 总览 and the list's period read it
  // instead of resolving every item's evidence per request. A closed item the run left alone keeps its own.
  await store.run(`UPDATE items SET day = d.day FROM ${itemDaySql('i.item_key IN (SELECT warning_key FROM sync_w)')} d
    WHERE items.item_key = d.item_key AND (items.status <> 'closed' OR items.day IS NULL) AND items.day IS DISTINCT FROM d.day`);
  if (resolveCategories.length) {
    const cats = { cats: JSON.stringify(resolveCategories) };
    const gone = await store.all<{ item_key: string; status: string }>(`
      SELECT item_key, status FROM items i
      WHERE i.source = 'run' AND i.status <> 'closed' AND NOT i.resolved_in_data
        AND ${inIdList('i.category', 'cats')}
        AND NOT EXISTS (SELECT 1 FROM sync_w w WHERE w.warning_key = i.item_key)
      ORDER BY item_key`, cats);
    if (gone.length) {
      await store.run(`UPDATE items SET resolved_in_data = true, version = version + 1, updated_at = $at
        WHERE source = 'run' AND status <> 'closed' AND NOT resolved_in_data
          AND ${inIdList('category', 'cats')}
          AND NOT EXISTS (SELECT 1 FROM sync_w w WHERE w.warning_key = items.item_key)`, { ...cats, at });
      for (const g of gone) audit.push({ at, username: actor, itemKey: g.item_key, action: 'resolved-in-data', from: g.status, to: g.status, fields: runField });
      counts.resolvedInData = gone.length;
    }
  }
  await appendAudit(store, audit);
  return counts;
}
