import { definePage } from '../../define-page.ts';

export default definePage({ path: '/data', title: '数据', icon: 'Upload', roles: ['supervisor', 'admin'], order: 80, component: () => import('./DataPage.vue') });
