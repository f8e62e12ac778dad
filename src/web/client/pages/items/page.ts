import { definePage } from '../../define-page.ts';

export default definePage({ path: '/items', title: '预警核查', icon: 'List', order: 20, component: () => import('./ItemsPage.vue') });
