import { definePage } from '../../pages.ts';

export default definePage({ path: '/map', title: '地图', icon: 'Location', order: 30, component: () => import('./MapPage.vue') });
