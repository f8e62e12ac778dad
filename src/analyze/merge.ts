// RULES.md 0.7: one warning per subject and category. Several clauses on one subject merge: all the
// evidence, the highest severity and score, the title of the strongest finding.
import type { Category, Evidence, Finding, Severity } from '../rules/types.ts';
import { CATEGORIES } from '../rules/types.ts';
import type { RecordRef } from '../contract/vocabulary.ts';

export interface Warning {
  readonly category: Category;
  readonly subject: RecordRef;
  readonly unit: string;
  readonly severity: Severity;
  readonly score: number;
  readonly rule: string;
  readonly title: string;
  readonly evidence: readonly Evidence[];
}

const RANK: Record<Severity, number> = { high: 3, medium: 2, low: 1 };
/** Plain code-point order: locale-independent, so the export is byte-stable on any machine. */
export const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function mergeFindings(category: Category, findings: readonly Finding[], fallbackUnit: string): Warning[] {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = `${f.subject_kind}\u0000${f.subject_id}`;
    const g = groups.get(key);
    if (g) g.push(f);
    else groups.set(key, [f]);
  }
  const out: Warning[] = [];
  for (const group of groups.values()) {
    const strongest = [...group].sort((a, b) => RANK[b.severity] - RANK[a.severity] || b.score - a.score || byCodePoint(a.rule, b.rule))[0];
    const seen = new Set<string>();
    const evidence: Evidence[] = [];
    for (const f of [...group].sort((a, b) => byCodePoint(a.rule, b.rule))) {
      for (const e of f.evidence ?? []) {
        const k = `${e.kind}\u0000${e.id}`;
        if (e.id === null || e.id === undefined || e.id === '' || seen.has(k)) continue;
        seen.add(k);
        evidence.push({ kind: e.kind, id: String(e.id) });
      }
    }
    out.push({
      category,
      subject: { kind: strongest.subject_kind, id: String(strongest.subject_id) },
      unit: strongest.unit || group.find((f) => f.unit)?.unit || fallbackUnit,
      severity: strongest.severity,
      score: Math.max(...group.map((f) => f.score)),
      rule: [...new Set(group.map((f) => f.rule))].sort(byCodePoint).join('+'),
      title: strongest.title,
      evidence,
    });
  }
  return out;
}

export function sortWarnings(ws: Warning[]): Warning[] {
  return ws.sort((a, b) =>
    CATEGORIES.indexOf(a.category) - CATEGORIES.indexOf(b.category) ||
    byCodePoint(a.subject.kind, b.subject.kind) || byCodePoint(a.subject.id, b.subject.id));
}

/** One export line, keys in the contract's order. */
export const toJsonLine = (w: Warning): string =>
  JSON.stringify({
    category: w.category, subject: { kind: w.subject.kind, id: w.subject.id }, unit: w.unit, severity: w.severity,
    score: w.score, rule: w.rule, title: w.title, evidence: w.evidence.map((e) => ({ kind: e.kind, id: e.id })),
  });

export const warningKey = (w: Pick<Warning, 'category' | 'subject'>): string => `${w.category}|${w.subject.kind}|${w.subject.id}`;
