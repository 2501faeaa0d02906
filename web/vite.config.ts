/// <reference types="vitest/config" />
import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The ASP.NET Core host serves the built app; in development, Vite forwards everything the host owns.
const hostUrl = process.env.PA_HOST_URL ?? 'http://localhost:5080';
const hostPaths = ['/api', '/health', '/openapi', '/docs', '/hubs'];

export default defineConfig({
  plugins: [react(), tailwindcss()],
  build: {
    // Kept inside web/: the host serves web/dist from the source tree and wwwroot once published.
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
  },
  server: {
    port: 5173,
    strictPort: true,
    proxy: Object.fromEntries(
      hostPaths.map((path) => [path, { target: hostUrl, changeOrigin: false, ws: path === '/hubs' }]),
    ),
  },
  test: {
    environment: 'jsdom',
    globals: true,
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    css: false,
    restoreMocks: true,
    unstubGlobals: true,
    // Page tests type into real inputs with user-event; on a busy two-core machine some take several seconds, and
    // a slow machine must not fail a test.
    testTimeout: 30_000,
  },
});
