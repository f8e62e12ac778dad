import { describe, expect, it } from 'vitest';
import { FAILURE_STATUS } from '../web/server/context.ts';
import { actionsFor, decide, STATUSES, TRANSITIONS, type Decision } from './workflow.ts';

/** A refusal as the server answers it: the status its kind maps to (web/server/context.ts). */
const answered = (d: Decision) => (d.ok ? d : { ok: false, code: FAILURE_STATUS[d.kind], error: d.error });

describe('the §4 workflow table', () => {
  it('walks dispatch → receive → 属实 → submit → return → submit → approve', () => {
    let item = { status: 'pending' as const as (typeof STATUSES)[number], finding: null as string | null };
    const step = (role: 'supervisor' | 'brigade', action: Parameters<typeof decide>[2], fields: Record<string, unknown> = {}) => {
      const d = decide(item, role, action, fields);
      if (!d.ok) throw new Error(d.error);
      item = { status: d.to, finding: action === 'verify' ? String(fields.finding) : item.finding };
      return d.to;
    };
    expect(step('supervisor', 'dispatch')).toBe('dispatched');
    expect(step('brigade', 'receive')).toBe('verifying');
    expect(step('brigade', 'verify', { finding: '属实', note: '经核查属实' })).toBe('rectifying');
    expect(step('brigade', 'submit', { measures: '已整改' })).toBe('review');
    expect(step('supervisor', 'return', { reason: '措施不具体' })).toBe('rectifying');
    expect(step('brigade', 'submit', { measures: '已逐条整改' })).toBe('review');
    expect(step('supervisor', 'approve')).toBe('closed');
  });

  it('sends a 不属实 finding to review, and its return back to verifying', () => {
    const d = decide({ status: 'verifying', finding: null }, 'brigade', 'verify', { finding: '不属实', note: '系号牌识别错误' });
    expect(d.ok && d.to).toBe('review');
    const r = decide({ status: 'review', finding: '不属实' }, 'supervisor', 'return', { reason: '理由不足' });
    expect(r.ok && r.to).toBe('verifying');
  });

  it('answers 403 for a role that never takes the action, 409 for the wrong status, 400 for a missing or bad field', () => {
    expect(answered(decide({ status: 'review', finding: null }, 'brigade', 'approve', {}))).toMatchObject({ ok: false, code: 403 });
    expect(answered(decide({ status: 'pending', finding: null }, 'supervisor', 'receive', {}))).toMatchObject({ ok: false, code: 403 });
    expect(answered(decide({ status: 'pending', finding: null }, 'supervisor', 'approve', {}))).toMatchObject({ ok: false, code: 409 });
    expect(answered(decide({ status: 'verifying', finding: null }, 'brigade', 'verify', { finding: '属实' }))).toMatchObject({ ok: false, code: 400 });
    expect(answered(decide({ status: 'verifying', finding: null }, 'brigade', 'verify', { finding: '也许', note: 'x' }))).toMatchObject({ ok: false, code: 400 });
    expect(answered(decide({ status: 'review', finding: null }, 'supervisor', 'return', { reason: '  ' }))).toMatchObject({ ok: false, code: 400 });
    expect(answered(decide({ status: 'pending', finding: null }, 'supervisor', 'dispatch', { deadline_days: 0 }))).toMatchObject({ ok: false, code: 400 });
    expect(answered(decide({ status: 'pending', finding: null }, 'supervisor', 'dispatch', { colour: 'red' }))).toMatchObject({ ok: false, code: 400 });
  });

  it('refuses unknown fields named like Object members (__proto__, constructor, toString …) as it refuses any other', () => {
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__']) {
      const raw = JSON.parse(`{"note": "x", ${JSON.stringify(name)}: "y"}`) as Record<string, unknown>;
      expect(Object.keys(raw), name).toContain(name);
      expect(answered(decide({ status: 'pending', finding: null }, 'supervisor', 'dispatch', raw)), name).toMatchObject({ ok: false, code: 400, error: expect.stringContaining(name) });
    }
  });

  it('lets admin act as a supervisor and nothing from closed', () => {
    expect(actionsFor('admin', 'pending')).toEqual(['dispatch']);
    expect(actionsFor('brigade', 'pending')).toEqual([]);
    for (const role of ['supervisor', 'brigade', 'admin'] as const) expect(actionsFor(role, 'closed')).toEqual([]);
    // Every status but closed has a way forward.
    for (const s of STATUSES.filter((x) => x !== 'closed')) expect(TRANSITIONS.some((t) => t.from === s)).toBe(true);
  });
});
