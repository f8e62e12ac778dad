import { definePage } from '../../define-page.ts';

// 安全审计 (admins), beside 用户: who logged in, failed, changed users or settings, imported, analysed, exported.
export default definePage({ path: '/security-log', title: '安全审计', icon: 'Tickets', roles: ['admin'], order: 91, component: () => import('./SecurityLogPage.vue') });
