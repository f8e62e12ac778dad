// docs/API.md's route table is generated from the route list (routes/index.ts): every route declares a
// one-line `doc`, so the table cannot miss a route or name one that is gone. `npm run docs` rewrites it;
// a test fails when it is stale. The prose around the table is written by hand.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Access, RouteDef } from './context.ts';
import { ROUTES } from './routes/index.ts';

export const API_MD = new URL('../../../docs/API.md', import.meta.url);
export const BEGIN = '<!-- routes: generated from the route list by `npm run docs`; do not edit -->';
export const END = '<!-- /routes -->';

const WHO: Record<Access, string> = {
  public: 'anyone (no session)',
  user: 'any signed-in user',
  'manage-data': 'supervisor, admin',
  admin: 'admin',
};

/** The route table: one row per route, in the order of the route list. */
export function routeTable(routes: readonly RouteDef[] = ROUTES): string {
  const rows = routes.map((r) => `| \`${r.method}\` | \`${r.path.replace(/:([a-z_]+)/g, '{$1}')}\` | ${WHO[r.access]} | ${r.doc.replace(/\|/g, '\\|')} |`);
  return ['| method | path | who | what |', '|---|---|---|---|', ...rows].join('\n');
}

/** The document with its route table (between BEGIN and END) regenerated. */
export function withRouteTable(markdown: string, routes: readonly RouteDef[] = ROUTES): string {
  const from = markdown.indexOf(BEGIN), to = markdown.indexOf(END);
  if (from < 0 || to < from) throw new Error(`docs/API.md has no route table between ${BEGIN} and ${END}`);
  return `${markdown.slice(0, from + BEGIN.length)}\n${routeTable(routes)}\n${markdown.slice(to)}`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(API_MD, withRouteTable(readFileSync(API_MD, 'utf8')));
}
