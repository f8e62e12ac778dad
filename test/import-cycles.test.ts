// No module of src/ imports itself through others (type-only imports included): a cycle makes load
// order matter and hides which module owns what (the store's db ↔ migrations ↔ schema was one). And
// imports run only downward through the layers below: a module may import its own layer or a lower one.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const SRC = resolve(new URL('../src', import.meta.url).pathname);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.ts$/.test(e.name) && !/\.test\.ts$/.test(e.name) ? [p] : [];
  });
}

function importGraph(): Map<string, string[]> {
  const files = sourceFiles(SRC);
  const known = new Set(files);
  return new Map(files.map((f) => [f, ts.preProcessFile(readFileSync(f, 'utf8'), true, true).importedFiles
    .map((i) => i.fileName).filter((n) => n.startsWith('.')).map((n) => resolve(dirname(f), n)).filter((p) => known.has(p))]));
}

/**
 * The layers, lowest first: each folder of src/ in one. The contract and the pure helpers (time, geo)
 * know nothing else; the store keeps the data (the working-day calendar reads its overrides there);
 * ingest and the rules read and judge it; analyze runs the rules; supervise works the items; the
 * features built on all of that (queries, reports, forecast, spot checks, the demo, deployment) sit
 * below the two edges, the server with its console and the command line.
 */
const LAYERS: readonly (readonly string[])[] = [
  ['contract', 'time', 'geo'],
  ['store', 'calendar'],
  ['ingest', 'rules'],
  ['analyze'],
  ['supervise'],
  ['queries', 'report', 'forecast', 'spotcheck', 'demo', 'deploy'],
  ['web', 'cli'],
];

const folderOf = (file: string): string => relative(SRC, file).split('/')[0];
const layerOf = (file: string): number => LAYERS.findIndex((l) => l.includes(folderOf(file)));

function upward(graph: Map<string, string[]>): string[] {
  const found: string[] = [];
  for (const [f, deps] of graph) {
    for (const d of deps) if (layerOf(d) > layerOf(f)) found.push(`${relative(SRC, f)} → ${relative(SRC, d)}`);
  }
  return found;
}

function cycles(graph: Map<string, string[]>): string[] {
  const files = [...graph.keys()];
  const found: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (f: string): void => {
    state.set(f, 'open');
    stack.push(f);
    for (const d of graph.get(f) ?? []) {
      if (state.get(d) === 'open') found.push([...stack.slice(stack.indexOf(d)), d].map((p) => relative(SRC, p)).join(' → '));
      else if (!state.has(d)) visit(d);
    }
    stack.pop();
    state.set(f, 'done');
  };
  for (const f of files) if (!state.has(f)) visit(f);
  return found;
}

describe('module structure', () => {
  const graph = importGraph();

  it('has no import cycle in src/', () => {
    expect(cycles(graph)).toEqual([]);
  });

  it('places every module of src/ in a layer', () => {
    expect([...graph.keys()].filter((f) => layerOf(f) < 0).map((f) => relative(SRC, f))).toEqual([]);
  });

  it('imports only from its own layer or a lower one', () => {
    expect(upward(graph)).toEqual([]);
  });
});
