import { definePage } from '../../define-page.ts';

export default definePage({ path: '/map', title: '地图', icon: 'Location', order: 30, component: () => import('./MapPage.vue') });
