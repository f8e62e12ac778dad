// Feeding the loop. A stored analysis run (runs, warnings) becomes items by warning key: a new key
// is a new `pending` item; a `closed` item found again goes back to `pending`, flagged recurred; an
// open item keeps its status and a person's work, only its figures follow the data; an open item the
// run no longer finds is flagged resolved_in_data (a person decides). Each change is an audit entry.
// The analysis never imports this module: the command or route that ran it calls syncRun after saveRun.
import { inIdList, transaction, type Store } from '../store/db.ts';
import { CATEGORIES } from '../rules/types.ts';
import { appendAudit, type AuditInput } from './audit.ts';
import { localStamp, systemClock, type Clock } from './clock.ts';

export const SYSTEM_USER = 'system';

export interface SyncCounts { created: number; recurred: number; refreshed: number; foundAgain: number; resolvedInData: number; unchanged: number }

/** Upsert the items of one stored run. Returns what changed; a run already synced changes nothing. */
export async function syncRun(store: Store, runId: number, clock: Clock = systemClock): Promise<SyncCounts | null> {
  return transaction(store, async () => {
    const runs = await store.all<{ skipped: string }>('SELECT skipped FROM runs WHERE run_id = $1', [runId]);
    if (!runs.length) return null;
    const skipped = new Set((JSON.parse(runs[0].skipped) as { category: string }[]).map((s) => s.category));
    await store.run('DROP TABLE IF EXISTS temp.sync_w');
    await store.run(`CREATE TEMP TABLE sync_w AS
      SELECT warning_key, category, subject_kind, subject_id, unit, severity, score, rule, title, evidence
      FROM warnings WHERE run_id = $1`, [runId]);
    const counts = await upsertFromStaging(store, 'run', runId, CATEGORIES.filter((c) => !skipped.has(c)), SYSTEM_USER, clock);
    await store.run('DROP TABLE temp.sync_w');
    return counts;
  });
}

/** An item that does not come from a run, e.g. a 不合格 spot-check finding. */
export interface NewItem {
  /** One of the contract's categories, or an extra one documented in docs/API.md (e.g. 'spot-check'). */
  readonly category: string;
  readonly subject: { readonly kind: string; readonly id: string };
  readonly unit: string;
  readonly severity: 'high' | 'medium' | 'low';
  readonly score?: number;
  readonly rule?: string;
  readonly title: string;
  readonly evidence?: readonly { readonly kind: string; readonly id: string }[];
}

/**
 * Create (or refresh) items from another source than a run. The key is `category|kind|id`, as for
 * warnings: the same finding given twice is the same item; a closed one given again recurs.
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
    await upsertFromStaging(store, source, null, [], actor, clock);
    await store.run('DROP TABLE temp.sync_w');
    return keys;
  });
}

interface Staged { warning_key: string; status: string | null; resolved_in_data: boolean | null; changed: string | null }

/** Apply temp table sync_w to items; `resolveCategories`: categories whose open items absent from sync_w are flagged. */
async function upsertFromStaging(store: Store, source: string, runId: number | null, resolveCategories: readonly string[], actor: string, clock: Clock): Promise<SyncCounts> {
  const at = localStamp(clock.now());
  const staged = await store.all<Staged>(`
    SELECT w.warning_key, i.status, i.resolved_in_data,
      concat_ws(',',
        CASE WHEN i.severity IS DISTINCT FROM w.severity THEN 'severity' END,
        CASE WHEN i.score IS DISTINCT FROM w.score THEN 'score' END,
        CASE WHEN i.rule IS DISTINCT FROM w.rule THEN 'rule' END,
        CASE WHEN i.title IS DISTINCT FROM w.title THEN 'title' END,
        CASE WHEN i.unit IS DISTINCT FROM w.unit THEN 'unit' END,
        CASE WHEN i.evidence IS DISTINCT FROM w.evidence THEN 'evidence' END) AS changed
    FROM sync_w w LEFT JOIN items i ON i.item_key = w.warning_key ORDER BY w.warning_key`);
  const counts: SyncCounts = { created: 0, recurred: 0, refreshed: 0, foundAgain: 0, resolvedInData: 0, unchanged: 0 };
  const audit: AuditInput[] = [];
  const runField = runId === null ? { source } : { run: runId };
  for (const s of staged) {
    const base = { at, username: actor, itemKey: s.warning_key };
    if (s.status === null) {
      counts.created++;
      audit.push({ ...base, action: 'create', from: null, to: 'pending', fields: runField });
    } else if (s.status === 'closed') {
      counts.recurred++;
      audit.push({ ...base, action: 'recur', from: 'closed', to: 'pending', fields: runField });
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
  // Closed and found again: back to pending, recurred; the earlier cycle's deadline and finding go (they stay in the audit).
  await store.run(`UPDATE items SET ${content}, status = 'pending', recurred = true, resolved_in_data = false, deadline = NULL, finding = NULL
    FROM sync_w w WHERE items.item_key = w.warning_key AND items.status = 'closed'`, params);
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
