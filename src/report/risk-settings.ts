// The figures of the officer risk score (docs/RISK.md explains each). Like the rules' settings, they are
// data an administrator can read and override (`yanpan risk --weights FILE`, same shape, partial).
import type { Category, Severity } from '../rules/types.ts';
import { failure, type Failure } from '../contract/failure.ts';

export interface RiskSettings {
  /** Points per warning of the category, before the severity factor. */
  readonly weights: Readonly<Record<Category, number>>;
  readonly severity: Readonly<Record<Severity, number>>;
  /** Points for each warning beyond an officer's first in the period: a pattern outranks an incident. */
  readonly repeat: number;
  /** Points per complaint (投诉) naming the officer in the period. */
  readonly complaint: number;
}

export const DEFAULT_RISK_SETTINGS: RiskSettings = {
  weights: {
    'favor-voiding': 6, 'liability-change': 2, 'bodycam-deletion': 2, 'case-shelving': 1.5, 'irregular-business': 1.5,
    'bodycam-missing': 1, 'duplicate-penalty': 1, 'code-mismatch': 1, 'bodycam-late-upload': 0.5,
    // No officer answers for these (docs/RISK.md); a weight is kept so that a change of attribution needs no new setting.
    'point-trading': 1, 'device-unapproved': 1, 'device-calibration': 1, 'device-complaints': 1, 'device-volume': 1,
    blackspot: 1, 'opinion-quota': 1,
  },
  severity: { high: 1, medium: 0.8, low: 0.6 },
  repeat: 1.5,
  complaint: 0.3,
};

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 1000;

/** Overlay a partial override on the defaults; unknown keys and values outside [0, 1000] are refused by name. */
export function mergeRiskSettings(o: unknown): { ok: true; settings: RiskSettings } | Failure {
  if (o === null || o === undefined) return { ok: true, settings: DEFAULT_RISK_SETTINGS };
  if (typeof o !== 'object' || Array.isArray(o)) return failure('invalid', '应为 JSON 对象');
  const src = o as Record<string, unknown>;
  const out = { weights: { ...DEFAULT_RISK_SETTINGS.weights }, severity: { ...DEFAULT_RISK_SETTINGS.severity }, repeat: DEFAULT_RISK_SETTINGS.repeat, complaint: DEFAULT_RISK_SETTINGS.complaint };
  for (const [k, v] of Object.entries(src)) {
    if (k === 'weights' || k === 'severity') {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) return failure('invalid', `${k} 应为对象`);
      const target = out[k] as Record<string, number>;
      for (const [kk, vv] of Object.entries(v)) {
        if (!Object.hasOwn(target, kk)) return failure('invalid', `未知的键 ${k}.${kk}（可选：${Object.keys(target).join(', ')}）`);
        if (!isNum(vv)) return failure('invalid', `${k}.${kk} 应为 0–1000 的数，而不是 ${JSON.stringify(vv)}`);
        target[kk] = vv;
      }
    } else if (k === 'repeat' || k === 'complaint') {
      if (!isNum(v)) return failure('invalid', `${k} 应为 0–1000 的数，而不是 ${JSON.stringify(v)}`);
      out[k] = v;
    } else {
      return failure('invalid', `未知的键 ${k}（可选：weights, severity, repeat, complaint）`);
    }
  }
  return { ok: true, settings: out };
}
