import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { API_MD, withRouteTable } from './api-docs.ts';
import { ROUTES } from './routes/index.ts';

describe('docs/API.md', () => {
  it('lists every route with its one-line doc, as the route list declares them', () => {
    const current = readFileSync(API_MD, 'utf8');
    expect(current === withRouteTable(current), 'docs/API.md\'s route table is stale: run `npm run docs` and commit docs/API.md').toBe(true);
  });

  it('has one route per method and path, each with a doc of one line', () => {
    const keys = ROUTES.map((r) => `${r.method} ${r.path}`);
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
    expect(ROUTES.filter((r) => !r.doc.trim() || /\n/.test(r.doc)).map((r) => `${r.method} ${r.path}`)).toEqual([]);
  });
});
