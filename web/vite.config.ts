import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Built into web/dist, which `ddesk serve` serves at /. Relative asset URLs keep the bundle
// independent of where the service mounts it; the dev server proxies /api to a running service.
export default defineConfig({
  root: import.meta.dirname,
  base: './',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
  server: { proxy: { '/api': process.env['DDESK_API'] ?? 'http://127.0.0.1:8080' } },
});
