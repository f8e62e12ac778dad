// The words of contract §3 as code: the sixteen categories, the severities, what a warning can be about
// (subject kinds) and what it can cite (evidence kinds, each with the table and id column its record
// lives in). Every other list or name map in src/ is derived from these; the Chinese names are in
// categories.ts beside this file.
import type { TableKey } from './tables.ts';

export const CATEGORIES = [
  'point-trading', 'case-shelving', 'favor-voiding', 'liability-change', 'irregular-business',
  'bodycam-missing', 'bodycam-deletion', 'bodycam-late-upload', 'device-unapproved',
  'device-calibration', 'device-complaints', 'device-volume', 'duplicate-penalty', 'code-mismatch',
  'blackspot', 'opinion-quota',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** Categories an item may carry that do not come from an analysis run (documented in docs/API.md). */
export const EXTRA_CATEGORIES = ['spot-check'] as const;
export type ExtraCategory = (typeof EXTRA_CATEGORIES)[number];
/** Every category an item may carry: the contract's sixteen, then the extra ones. */
export const ALL_CATEGORIES: readonly (Category | ExtraCategory)[] = [...CATEGORIES, ...EXTRA_CATEGORIES];

export const SEVERITIES = ['high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const SUBJECT_KINDS = ['license', 'accident', 'officer', 'business', 'violation', 'video', 'device', 'location', 'unit-quarter'] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];

export const EVIDENCE_KINDS = ['violation', 'accident', 'business', 'video', 'device', 'opinion', 'officer', 'license', 'vehicle', 'unit'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

export interface Evidence { readonly kind: EvidenceKind; readonly id: string }

/** A subject or an evidence record as stored and answered (an item's subject, its evidence list): its kind as text, its id. */
export interface RecordRef { readonly kind: string; readonly id: string }

/** Where an evidence kind's record lives: its contract table and the SQL expression of its id there. */
export interface EvidenceSource { readonly table: TableKey; readonly id: string }

export const EVIDENCE_SOURCE: Readonly<Record<EvidenceKind, EvidenceSource>> = {
  violation: { table: 'violations', id: 'violation_id' },
  accident: { table: 'accidents', id: 'accident_id' },
  business: { table: 'business', id: 'flow_id' },
  video: { table: 'videos', id: 'video_id' },
  device: { table: 'devices', id: 'device_id' },
  opinion: { table: 'opinions', id: 'opinion_id' },
  officer: { table: 'officers', id: 'officer_id' },
  license: { table: 'drivers', id: 'license_no' },
  // A vehicle's evidence id is "plate/plate_type" (its two-part key).
  vehicle: { table: 'vehicles', id: "plate || '/' || plate_type" },
  unit: { table: 'units', id: 'unit_code' },
};

const isEvidenceKind = (kind: string): kind is EvidenceKind => (EVIDENCE_KINDS as readonly string[]).includes(kind);

/** The source of an evidence kind read from stored JSON, where any string may stand; undefined when it is none of the contract's. */
export const evidenceSource = (kind: string): EvidenceSource | undefined => (isEvidenceKind(kind) ? EVIDENCE_SOURCE[kind] : undefined);
