// The console's pages as data. Each folder pages/<name>/ declares itself in page.ts; the router and
// the left menu are built from these declarations, so adding a page touches no shared file.
import type { Component } from 'vue';
import type { Role } from '../../supervise/workflow.ts';

export interface PageDef {
  /** vue-router path, e.g. '/items' or '/items/:key'. */
  readonly path: string;
  /** The menu label and the tab title. */
  readonly title: string;
  /** A component name from @element-plus/icons-vue. */
  readonly icon?: string;
  /** Who sees the page (and its menu item); every signed-in role when absent. */
  readonly roles?: readonly Role[];
  /** Position in the left menu (ascending). */
  readonly order?: number;
  /** false: reached by link only (detail pages). */
  readonly menu?: boolean;
  /** true: shown without signing in and without the console frame (the log-in page). */
  readonly public?: boolean;
  readonly component: () => Promise<Component | { default: Component }>;
}

export const definePage = (page: PageDef): PageDef => page;

const modules = import.meta.glob<{ default: PageDef }>('./pages/*/page.ts', { eager: true });

export const PAGES: readonly PageDef[] = Object.values(modules)
  .map((m) => m.default)
  .sort((a, b) => (a.order ?? 100) - (b.order ?? 100) || a.path.localeCompare(b.path));

export const mayOpen = (page: PageDef, role: Role | undefined): boolean =>
  page.public === true || (role !== undefined && (!page.roles || page.roles.includes(role)));

export const menuFor = (role: Role | undefined): PageDef[] => PAGES.filter((p) => p.menu !== false && !p.public && mayOpen(p, role));
