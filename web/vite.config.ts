// Builds the dashboard into web/dist, which the API server serves at `/`. Everything it needs is
// bundled: no fonts, scripts or tiles from elsewhere. `npx vite web` proxies the API to :8080.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    // MapLibre alone is about 1 MB minified; the bundle is one cached, content-hashed file.
    chunkSizeWarningLimit: 1600,
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8080', '/docs': 'http://127.0.0.1:8080' } },
});
