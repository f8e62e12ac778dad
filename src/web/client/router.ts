// Routes from the page declarations (pages.ts). Hash history: the server serves one index.html and
// needs no knowledge of the console's paths. A page the role may not open sends the user home.
import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router';
import { api, setMustChangeHandler, setUnauthorisedHandler } from './api.ts';
import ConsoleLayout from './layout/ConsoleLayout.vue';
import { mayOpen, menuFor, PAGES, type PageDef } from './pages.ts';
import { session, signedIn, type Me } from './session.ts';

const record = (p: PageDef): RouteRecordRaw => ({ path: p.path, component: p.component, meta: { page: p } });

const routes: RouteRecordRaw[] = [
  ...PAGES.filter((p) => p.public).map(record),
  { path: '/', component: ConsoleLayout, children: PAGES.filter((p) => !p.public).map(record) },
  { path: '/:rest(.*)*', redirect: '/' },
];

export const router = createRouter({ history: createWebHashHistory(), routes });

setUnauthorisedHandler(() => {
  const here = router.currentRoute.value;
  if (!here.meta.page?.public) void router.replace({ path: '/login', query: { redirect: here.fullPath } });
});

/** The page where a user changes their own password; the only one open while they must. */
export const PASSWORD_PATH = '/password';

setMustChangeHandler(() => {
  if (session.me) session.me.must_change_password = true;
  if (router.currentRoute.value.path !== PASSWORD_PATH) void router.replace(PASSWORD_PATH);
});

router.beforeEach(async (to) => {
  const page = to.meta.page;
  if (page?.public) return true;
  if (!session.me) {
    // The cookie decides, in any tab: a 401 here only means "not signed in" and leads to the log-in page below.
    try {
      const { me } = await api.get<{ me: Me | null }>('/api/session');
      if (me) signedIn(me);
    } catch {
      /* not signed in, or the server is unreachable: the log-in page says which when it is used */
    }
  }
  if (!session.me) return { path: '/login', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } };
  if (session.me.must_change_password && to.path !== PASSWORD_PATH) return PASSWORD_PATH;
  if (to.path === '/' || !page) return menuFor(session.me.role)[0]?.path ?? '/login';
  return mayOpen(page, session.me.role) ? true : '/';
});

router.afterEach((to) => {
  const title = to.meta.page?.title;
  document.title = title ? `${title} · 研判` : '研判 · 执法监督预警平台';
});

declare module 'vue-router' {
  interface RouteMeta { page?: PageDef }
}
