import { definePage } from '../../define-page.ts';

export default definePage({ path: '/officers/:id', title: '民警风险画像', menu: false, component: () => import('./OfficerPage.vue') });
