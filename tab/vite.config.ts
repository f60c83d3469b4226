import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  base: './',
  build: {
    outDir: 'dist',
    sourcemap: true,
    // The manifest lets scripts/bundle-size.mjs tell the entry chunk and its static imports
    // (the first load) from lazily loaded chunks such as the admin views.
    manifest: true,
    chunkSizeWarningLimit: 900,
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3978', '/dev': 'http://127.0.0.1:3978' },
  },
});
