/// <reference types="vite/client" />
declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<object, object, unknown>;
  export default component;
}
declare module 'virtual:jinzhong-map' {
  const geo: { type: string; features: { properties: { name: string } }[] };
  export default geo;
}
