/// <reference types="vitest/config" />
import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

// The ASP.NET Core host serves the built app; in development, Vite forwards everything the host owns.
const hostUrl = process.env.PA_HOST_URL ?? 'http://localhost:5080';
const hostPaths = ['/api', '/health', '/openapi', '/docs', '/hubs'];

export default defineConfig({
  plugins: [
    react(),
    tailwindcss(),
    // One service worker (src/worker/sw.ts, built to /sw.js) for the offline shell, Today's data and web push.
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src/worker',
      filename: 'sw.ts',
      // Registered by the app itself (src/features/pwa/registerWorker.ts); the manifest is public/manifest.webmanifest.
      injectRegister: false,
      manifest: false,
      // Under `npm run dev` the same worker is served as a module at /dev-sw.js?dev-sw (src/features/push/devicePush.ts),
      // so push and the offline cache work without a build; its precache list is only the shell page.
      devOptions: { enabled: true, type: 'module', navigateFallback: 'index.html' },
      injectManifest: {
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
        // The worker itself and the icons of the install dialog need no precaching beyond what the shell shows.
        globIgnores: ['sw.js', 'icons/icon-512*.png'],
      },
    }),
  ],
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
