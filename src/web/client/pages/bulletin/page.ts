import { definePage } from '../../define-page.ts';

export default definePage({ path: '/bulletin', title: '月度通报', icon: 'Document', roles: ['supervisor', 'admin'], order: 75, component: () => import('./BulletinPage.vue') });
