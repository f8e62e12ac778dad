// Labels and options the pages share, all from the declarations in src/ (contract, rules, workflow).
import { CATEGORY_INFO, EVIDENCE_KIND_ZH, SEVERITY_ZH, SUBJECT_KIND_ZH, categoryZh, kindZh, severityZh } from '../../contract/categories.ts';
import { ALL_CATEGORIES, SEVERITIES } from '../../contract/vocabulary.ts';
import { ACTION_ZH, ROLE_ZH, STATUS_ZH, STATUSES, type Status } from '../../supervise/workflow.ts';

export { SEVERITIES, ACTION_ZH, CATEGORY_INFO, EVIDENCE_KIND_ZH, ROLE_ZH, SEVERITY_ZH, STATUS_ZH, SUBJECT_KIND_ZH, categoryZh, kindZh, severityZh };

export const categoryOptions = ALL_CATEGORIES.map((value) => ({ value, label: categoryZh(value) }));
export const severityOptions = Object.entries(SEVERITY_ZH).map(([value, label]) => ({ value, label }));
export const statusOptions = STATUSES.map((value) => ({ value, label: STATUS_ZH[value] }));

export const statusZh = (s: string): string => (STATUS_ZH as Record<string, string>)[s] ?? s;

type TagType = 'primary' | 'success' | 'warning' | 'danger' | 'info';
export const SEVERITY_TAG: Record<string, TagType> = { high: 'danger', medium: 'warning', low: 'info' };
export const STATUS_TAG: Record<Status, TagType> = {
  pending: 'info', dispatched: 'primary', verifying: 'warning', rectifying: 'warning', review: 'primary', closed: 'success',
};
