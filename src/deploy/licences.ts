// THIRD-PARTY-LICENSES: every package the bundle carries — the runtime, each production dependency as
// installed (nested ones included), and the packages compiled into the console — with its licence as its
// package.json declares it, then each one's licence text as the package ships it.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface PackageLicence { readonly name: string; readonly version: string; readonly licence: string; readonly text: string }

interface PackageJson { name?: string; version?: string; license?: string | { type?: string }; licenses?: { type?: string }[]; dependencies?: Record<string, string> }

const LICENCE_FILE = /^(licen[cs]e|copying|notice)(\.|-|$)/i;

function readPackage(dir: string): PackageLicence | null {
  let pkg: PackageJson;
  try { pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as PackageJson; } catch { return null; }
  if (!pkg.name || !pkg.version) return null;
  const declared = typeof pkg.license === 'string' ? pkg.license : pkg.license?.type ?? pkg.licenses?.map((l) => l.type).filter(Boolean).join(' OR ');
  const files = readdirSync(dir).filter((f) => LICENCE_FILE.test(f)).sort();
  const text = files.map((f) => readFileSync(join(dir, f), 'utf8').trim()).join('\n\n');
  return { name: pkg.name, version: pkg.version, licence: declared || '（未声明 not declared）', text };
}

/** Every package installed under `nodeModules`, nested node_modules included. */
export function installedPackages(nodeModules: string): PackageLicence[] {
  const out: PackageLicence[] = [];
  const walk = (nm: string) => {
    if (!existsSync(nm)) return;
    for (const e of readdirSync(nm, { withFileTypes: true })) {
      if (!e.isDirectory() || e.name.startsWith('.')) continue;
      const dirs = e.name.startsWith('@') ? readdirSync(join(nm, e.name), { withFileTypes: true }).filter((x) => x.isDirectory()).map((x) => join(nm, e.name, x.name)) : [join(nm, e.name)];
      for (const d of dirs) {
        const p = readPackage(d);
        if (p) out.push(p);
        walk(join(d, 'node_modules'));
      }
    }
  };
  walk(nodeModules);
  return out;
}

/** The packages `roots` name and everything they depend on, as installed in `nodeModules` (for the console's build). */
export function dependencyClosure(nodeModules: string, roots: readonly string[]): PackageLicence[] {
  const seen = new Map<string, PackageLicence>();
  const visit = (name: string) => {
    if (seen.has(name)) return;
    const dir = join(nodeModules, name);
    const p = readPackage(dir);
    if (!p) return;
    seen.set(name, p);
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as PackageJson;
    for (const dep of Object.keys(pkg.dependencies ?? {})) visit(dep);
  };
  for (const r of roots) visit(r);
  return [...seen.values()];
}

export function licenceReport(sections: readonly { title: string; packages: readonly PackageLicence[] }[], heading: string): string {
  const unique = (ps: readonly PackageLicence[]) => [...new Map(ps.map((p) => [`${p.name}@${p.version}`, p])).values()].sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
  const lines = [heading, ''];
  for (const s of sections) {
    const ps = unique(s.packages);
    lines.push(`## ${s.title} (${ps.length})`, '');
    const w = Math.max(...ps.map((p) => p.name.length + p.version.length + 1));
    for (const p of ps) lines.push(`${`${p.name}@${p.version}`.padEnd(w)}  ${p.licence}`);
    lines.push('');
  }
  lines.push('## Licence texts', '');
  for (const p of unique(sections.flatMap((s) => s.packages))) {
    lines.push('='.repeat(72), `${p.name}@${p.version} — ${p.licence}`, '-'.repeat(72), p.text || '（该软件包未附带许可证全文 the package ships no licence text; its declared licence is above）', '');
  }
  return `${lines.join('\n')}\n`;
}
