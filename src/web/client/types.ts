// The shapes the API answers with (contract §4 and the console's own read-only routes).

// The item shapes are the supervision module's own (type-only: nothing of the server reaches the bundle).
export type { ItemSummary, ItemDetail, EvidenceRecord, AttachmentMeta as Attachment } from '../../supervise/items.ts';
export type { AuditEntry } from '../../supervise/audit.ts';

export type { UnitRow as Unit } from '../../queries/units.ts';
/** An import or analysis running in the server. */
export type { Job } from '../server/jobs.ts';
