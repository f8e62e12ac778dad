import { definePage } from '../../define-page.ts';

export default definePage({ path: '/overview', title: '总览', icon: 'DataAnalysis', order: 10, component: () => import('./OverviewPage.vue') });
