// Score a run of the analysis against the demo's truth.json.
// Exact match on (category, subject.kind, subject.id), except blackspot: a warning matches a planted
// location within 100 m (look-alike locations: within 250 m, as they are spread areas).
import { CATEGORIES, type Truth, type Subject } from './truth.ts';
import { haversineM } from '../geo/distance.ts';
import { CATEGORY_ZH } from '../contract/categories.ts';

export interface WarningLike { category: string; subject: Subject }

export interface CategoryScore {
  category: string;
  planted: number;
  /** Warnings of this category. */
  found: number;
  /** Warnings that match a planted case. */
  truePositive: number;
  precision: number;
  recall: number;
  falsePositives: Subject[];
  missed: Subject[];
  /** Look-alikes that received a warning (should be none). */
  lookalikesFlagged: Subject[];
}

export const BLACKSPOT_MATCH_M = 100;
export const BLACKSPOT_LOOKALIKE_M = 250;

function parseLonLat(id: string): [number, number] | null {
  const m = /^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$/.exec(id);
  return m ? [Number(m[1]), Number(m[2])] : null;
}


function matches(category: string, truth: Subject, w: Subject, radiusM: number): boolean {
  if (category === 'blackspot') {
    const a = parseLonLat(truth.id), b = parseLonLat(w.id);
    return !!a && !!b && haversineM(a[0], a[1], b[0], b[1]) <= radiusM;
  }
  return truth.kind === w.kind && truth.id === w.id;
}

export function scoreWarnings(truth: Truth, warnings: readonly WarningLike[]): CategoryScore[] {
  const cats = [...CATEGORIES, ...new Set([...truth.planted.map((p) => p.category), ...warnings.map((w) => w.category)])]
    .filter((c, i, a) => a.indexOf(c) === i);
  return cats.map((category) => {
    const planted = dedupe(truth.planted.filter((p) => p.category === category).map((p) => p.subject));
    const looks = dedupe(truth.lookalikes.filter((p) => p.category === category).map((p) => p.subject));
    const ws = warnings.filter((w) => w.category === category).map((w) => ({ kind: w.subject.kind, id: String(w.subject.id) }));
    const matchedPlanted = new Set<number>();
    const falsePositives: Subject[] = [];
    let tp = 0;
    for (const w of ws) {
      let hit = false;
      planted.forEach((p, i) => { if (matches(category, p, w, BLACKSPOT_MATCH_M)) { hit = true; matchedPlanted.add(i); } });
      if (hit) tp++;
      else falsePositives.push(w);
    }
    const missed = planted.filter((_, i) => !matchedPlanted.has(i));
    const lookalikesFlagged = looks.filter((l) => ws.some((w) => matches(category, l, w, BLACKSPOT_LOOKALIKE_M)));
    return {
      category, planted: planted.length, found: ws.length, truePositive: tp,
      precision: ws.length === 0 ? (planted.length === 0 ? 1 : 0) : tp / ws.length,
      recall: planted.length === 0 ? 1 : matchedPlanted.size / planted.length,
      falsePositives, missed, lookalikesFlagged,
    };
  });
}

function dedupe(list: Subject[]): Subject[] {
  const seen = new Set<string>();
  return list.filter((s) => { const k = s.kind + '\u0000' + s.id; if (seen.has(k)) return false; seen.add(k); return true; });
}

/** The category's name; an unknown category (a planted one no rule has) shows none. */
const zh = (c: string): string => (CATEGORY_ZH as Readonly<Record<string, string | undefined>>)[c] ?? '';

const width = (s: string) => [...s].reduce((n, ch) => n + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0);
const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - width(s)));
const lpad = (s: string, n: number) => ' '.repeat(Math.max(0, n - width(s))) + s;

/** A readable table: one line per category, totals, then the details of misses and false alarms. */
export function formatScore(scores: readonly CategoryScore[], opts: { details?: number } = {}): string {
  const maxDetails = opts.details ?? 5;
  const head = pad('类别 category', 44) + lpad('埋设 planted', 13) + lpad('预警 found', 11) + lpad('命中 TP', 9) + lpad('精确率 P', 10) + lpad('召回率 R', 10) + lpad('误报相似 look-alikes hit', 26);
  const lines = [head, '-'.repeat(width(head))];
  let P = 0, F = 0, T = 0, M = 0, L = 0;
  for (const s of scores) {
    lines.push(pad(`${zh(s.category)} ${s.category}`, 44) + lpad(String(s.planted), 13) + lpad(String(s.found), 11) + lpad(String(s.truePositive), 9) +
      lpad((s.precision * 100).toFixed(0) + '%', 10) + lpad((s.recall * 100).toFixed(0) + '%', 10) + lpad(String(s.lookalikesFlagged.length), 26));
    P += s.planted; F += s.found; T += s.truePositive; M += s.planted - s.missed.length; L += s.lookalikesFlagged.length;
  }
  lines.push('-'.repeat(width(head)));
  lines.push(pad('合计 total', 44) + lpad(String(P), 13) + lpad(String(F), 11) + lpad(String(T), 9) +
    lpad((F ? (T / F) * 100 : 100).toFixed(0) + '%', 10) + lpad((P ? (M / P) * 100 : 100).toFixed(0) + '%', 10) + lpad(String(L), 26));
  const show = (label: string, list: Subject[]) => {
    if (list.length === 0) return;
    const shown = list.slice(0, maxDetails).map((x) => `${x.kind}:${x.id}`).join(', ');
    lines.push(`    ${label} (${list.length}): ${shown}${list.length > maxDetails ? ', …' : ''}`);
  };
  const detail = scores.filter((s) => s.missed.length || s.falsePositives.length || s.lookalikesFlagged.length);
  if (detail.length) lines.push('', '明细 details:');
  for (const s of detail) {
    lines.push(`  ${s.category}`);
    show('漏报 missed', s.missed);
    show('误报 false positives', s.falsePositives);
    show('相似案例被预警 look-alikes flagged', s.lookalikesFlagged);
  }
  return lines.join('\n');
}
