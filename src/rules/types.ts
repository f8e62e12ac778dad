// What a rule is: a category, the contract tables it needs, and one set-based query over the store
// that returns findings. Rules never import ingest, analyze or anything downstream.
import type { TableKey } from '../contract/tables.ts';
import type { Category, Evidence, Severity, SubjectKind } from '../contract/vocabulary.ts';
import type { Store } from '../store/db.ts';
import type { Settings } from './settings.ts';

// The contract's vocabulary, declared in src/contract/vocabulary.ts; the rules name it from here.
export { CATEGORIES, EVIDENCE_KINDS, SEVERITIES, SUBJECT_KINDS } from '../contract/vocabulary.ts';
export type { Category, Evidence, EvidenceKind, Severity, SubjectKind } from '../contract/vocabulary.ts';

/** One hit of one rule on one subject. The analysis merges findings per (category, subject). */
export interface Finding {
  readonly subject_kind: SubjectKind;
  readonly subject_id: string;
  /** The responsible unit (RULES.md 0.9); null → the analysis assigns the 法制 department. */
  readonly unit: string | null;
  readonly severity: Severity;
  /** 0–1, higher is more certain. */
  readonly score: number;
  /** The project's rule id, e.g. 'licence-many-owners'. */
  readonly rule: string;
  /** One Chinese line a supervisor understands without opening anything. */
  readonly title: string;
  /** Every record that shows it, in a stable order. */
  readonly evidence: readonly Evidence[];
}

/**
 * The period and the as-of date, as SQL-ready literals and as named parameters.
 * Named parameters for every query: $from (F 00:00), $to_excl ((T+1) 00:00), $as_of (D 00:00),
 * all TIMESTAMP-castable strings 'YYYY-MM-DD'. Use them as `$from::TIMESTAMP`, `$as_of::DATE`, …
 */
export interface RuleContext {
  readonly store: Store;
  readonly settings: Settings;
  /** 'YYYY-MM-DD' */
  readonly from: string;
  /** 'YYYY-MM-DD', inclusive */
  readonly to: string;
  /** 'YYYY-MM-DD', exclusive end of the period: the day after `to` */
  readonly toExcl: string;
  /** 'YYYY-MM-DD' */
  readonly asOf: string;
  /** The named parameters { from, to_excl, as_of } for store.all(sql, ctx.params). */
  readonly params: { readonly from: string; readonly to_excl: string; readonly as_of: string };
  /** Run a rule's query (the columns of Finding, any of the named parameters) and check every row's shape. */
  findings(sql: string): Promise<Finding[]>;
}

export interface Rule {
  readonly category: Category;
  /** Contract tables without which the rule cannot run (the analysis skips it and says so). */
  readonly needs: readonly TableKey[];
  /** Contract tables it reads when present (an absent one is treated as empty). */
  readonly uses?: readonly TableKey[];
  run(ctx: RuleContext): Promise<Finding[]>;
}
