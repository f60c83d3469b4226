export { AppShell } from './app-shell.js';
