// The shapes the API answers with (contract §4 and the console's own read-only routes).

// The item shapes are the supervision module's own (type-only: nothing of the server reaches the bundle).
export type { ItemSummary, ItemDetail, EvidenceRecord, AttachmentMeta as Attachment } from '../../supervise/items.ts';
export type { AuditEntry } from '../../supervise/audit.ts';

export interface Unit { unit_code: string; unit_name: string; kind: string | null; district: string | null }

/** An import or analysis running in the server (src/web/server/jobs.ts). */
export interface Job {
  id: number; kind: string; status: 'running' | 'done' | 'failed'; stage: string; fraction: number;
  steps: { name: string; status: 'running' | 'done' | 'failed'; detail: string }[]; result: Record<string, unknown> | null; error: string | null;
}
