import { definePage } from '../../define-page.ts';

export default definePage({ path: '/daily', title: '今日调度', icon: 'Calendar', order: 60, component: () => import('./DailyPage.vue') });
