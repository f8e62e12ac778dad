import { definePage } from '../../define-page.ts';

export default definePage({ path: '/users', title: '用户', icon: 'UserFilled', roles: ['admin'], order: 90, component: () => import('./UsersPage.vue') });
