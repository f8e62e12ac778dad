// The console's pages as data. Each folder pages/<name>/ declares itself in page.ts; the router and
// the left menu are built from these declarations, so adding a page touches no shared file.
import type { Role } from '../../supervise/workflow.ts';
import type { PageDef } from './define-page.ts';

export type { PageDef };

const modules = import.meta.glob<{ default: PageDef }>('./pages/*/page.ts', { eager: true });

export const PAGES: readonly PageDef[] = Object.values(modules)
  .map((m) => m.default)
  .sort((a, b) => (a.order ?? 100) - (b.order ?? 100) || a.path.localeCompare(b.path));

export const mayOpen = (page: PageDef, role: Role | undefined): boolean =>
  page.public === true || (role !== undefined && (!page.roles || page.roles.includes(role)));

export const menuFor = (role: Role | undefined): PageDef[] => PAGES.filter((p) => p.menu !== false && !p.public && mayOpen(p, role));
