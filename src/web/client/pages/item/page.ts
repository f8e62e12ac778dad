import { definePage } from '../../define-page.ts';

export default definePage({ path: '/items/:key', title: '预警详情', menu: false, component: () => import('./ItemPage.vue') });
