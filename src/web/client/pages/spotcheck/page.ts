import { definePage } from '../../define-page.ts';

export default definePage({ path: '/spotcheck', title: '抽查', icon: 'Checked', order: 65, component: () => import('./SpotCheckPage.vue') });
