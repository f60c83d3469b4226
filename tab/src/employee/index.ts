// Home is imported eagerly; the rest through secondary-views.ts, which the shell loads lazily.
export { HomeView } from './home-view.js';
