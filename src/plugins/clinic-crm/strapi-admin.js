// Admin entry of the local plugin: bundled by the app's `strapi build` (Vite), not by tsc.
export { default } from './admin/src/index';
