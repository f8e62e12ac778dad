// The server's route modules check a request, call a named function of a domain module and shape the answer:
// no SQL is written in them (it lives in src/queries or the feature that owns the table), and a user's unit
// scope comes only from supervise/access.ts (scopeOf, inScope, unitCondition), never from a unit compared by hand.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROUTES = resolve(new URL('../src/web/server/routes', import.meta.url).pathname);
const modules = readdirSync(ROUTES).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
const text = (f: string) => readFileSync(join(ROUTES, f), 'utf8');

describe('route modules', () => {
  it('write no SQL', () => {
    const sql = /\b(SELECT|INSERT INTO|UPDATE \w+ SET|DELETE FROM)\b|\.(all|run)<|store\.(all|run)\(/;
    expect(modules.filter((f) => sql.test(text(f)))).toEqual([]);
  });

  it('scope by unit only through supervise/access.ts', () => {
    // A unit condition written in SQL, or the signed-in user's own unit read to filter with.
    const byHand = /\b(unit_code|unit)\s*=\s*[$'?]|get\('user'\)\.unit\b/;
    expect(modules.filter((f) => byHand.test(text(f)))).toEqual([]);
  });

  it('each serve one feature: 每日调度, 风险画像 and 抽查 apart', () => {
    const paths = (f: string) => [...text(f).matchAll(/path: '([^']+)'/g)].map((m) => m[1]);
    expect(paths('daily.ts').every((p) => p.startsWith('/api/daily'))).toBe(true);
    expect(paths('risk.ts').every((p) => p.startsWith('/api/risk'))).toBe(true);
    expect(paths('spotcheck.ts').every((p) => p.startsWith('/api/samples'))).toBe(true);
  });
});
