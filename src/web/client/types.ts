// The shapes the API answers with (contract §4 and the console's own read-only routes).
import type { Action, Status } from '../../supervise/workflow.ts';

export interface ItemSummary {
  key: string;
  category: string;
  subject: { kind: string; id: string };
  unit: string;
  unit_name: string | null;
  severity: string;
  score: number;
  title: string;
  status: Status;
  overdue: boolean;
  recurred: boolean;
  resolved_in_data?: boolean;
  deadline: string | null;
  updated_at: string;
}

export interface AuditEntry { at: string; user: string; action: string; from: string | null; to: string | null; fields: Record<string, unknown> }

export interface EvidenceRecord { kind: string; id: string; table: string | null; record: Record<string, unknown> | null }

export interface Attachment { id: string; file_name: string; mime: string; size: number; uploaded_by: string; uploaded_at: string }

export interface ItemDetail extends ItemSummary {
  rule: string | null;
  finding: string | null;
  created_at: string;
  evidence: EvidenceRecord[];
  evidence_total: number;
  history: AuditEntry[];
  attachments: Attachment[];
  actions: Action[];
}

export interface Unit { unit_code: string; unit_name: string; kind: string | null; district: string | null }

/** An import or analysis running in the server (src/web/server/jobs.ts). */
export interface Job {
  id: number; kind: string; status: 'running' | 'done' | 'failed'; stage: string; fraction: number;
  steps: { name: string; status: 'running' | 'done' | 'failed'; detail: string }[]; result: Record<string, unknown> | null; error: string | null;
}
