// The console: Vue 3 + Element Plus (Chinese locale) + vue-router. Everything it loads is in the build.
import * as Icons from '@element-plus/icons-vue';
import ElementPlus from 'element-plus';
import { zhCn } from 'element-plus/es/locale/index.mjs';
import 'element-plus/dist/index.css';
import { createApp, type Component } from 'vue';
import App from './App.vue';
import { router } from './router.ts';
import './style.css';

const app = createApp(App);
app.use(ElementPlus, { locale: zhCn });
// Pages and the menu name their icons as strings (page.ts `icon`).
for (const [name, component] of Object.entries(Icons as Record<string, Component>)) app.component(name, component);
app.use(router);
app.mount('#app');
