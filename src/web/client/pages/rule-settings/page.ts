import { definePage } from '../../define-page.ts';

export default definePage({
  path: '/rule-settings', title: '规则设置', icon: 'SetUp', order: 76, roles: ['supervisor', 'admin'],
  component: () => import('./RuleSettingsPage.vue'),
});
