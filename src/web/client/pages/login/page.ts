import { definePage } from '../../define-page.ts';

export default definePage({ path: '/login', title: '登录', public: true, menu: false, component: () => import('./LoginPage.vue') });
