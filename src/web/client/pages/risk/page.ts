import { definePage } from '../../define-page.ts';

export default definePage({ path: '/risk', title: '风险画像', icon: 'Warning', order: 70, component: () => import('./RiskPage.vue') });
