import { definePage } from '../../define-page.ts';

// Every user, from the header (修改密码); the only page open while an account must change its password.
export default definePage({ path: '/password', title: '修改密码', icon: 'Key', menu: false, order: 99, component: () => import('./PasswordPage.vue') });
