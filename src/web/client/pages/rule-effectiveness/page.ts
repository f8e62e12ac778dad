import { definePage } from '../../define-page.ts';

export default definePage({
  path: '/rule-effectiveness', title: '规则成效', icon: 'DataAnalysis', order: 75, roles: ['supervisor', 'admin'],
  component: () => import('./RuleEffectivenessPage.vue'),
});
