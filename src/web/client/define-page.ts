// What a console page declares about itself (pages/<name>/page.ts). Kept apart from pages.ts, which
// collects the declarations: a page.ts importing pages.ts would be a cycle.
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
