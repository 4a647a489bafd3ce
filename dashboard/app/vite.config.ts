import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { precacheList, serviceWorkerSource, type ViteManifest } from '../server/web/mobile-shell.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * Writes the phone view's service worker (`m/sw.js`) after the build, from
 * the hand-written template and the files the manifest says the mobile
 * entry loads: hashed names are only known once the bundle is written.
 */
function mobileServiceWorker(): Plugin {
  return {
    name: 'fenghuo-mobile-service-worker',
    apply: 'build',
    writeBundle(options, bundle) {
      const asset = bundle['.vite/manifest.json'];
      if (!asset || asset.type !== 'asset') throw new Error('the mobile service worker needs build.manifest');
      const manifest = JSON.parse(String(asset.source)) as ViteManifest;
      const template = fs.readFileSync(path.join(here, 'src', 'mobile', 'service-worker.template.js'), 'utf8');
      const outDir = options.dir ?? path.join(here, '..', 'dist');
      fs.mkdirSync(path.join(outDir, 'm'), { recursive: true });
      fs.writeFileSync(path.join(outDir, 'm', 'sw.js'), serviceWorkerSource(template, precacheList(manifest)));
    },
  };
}

/** The dashboard's browser app: built to dashboard/dist and served by the API process at `/` (desktop) and `/m/` (phone view, its own small entry). */
export default defineConfig({
  root: here,
  base: '/',
  plugins: [react(), mobileServiceWorker()],
  build: {
    outDir: path.join(here, '..', 'dist'),
    emptyOutDir: true,
    sourcemap: true,
    manifest: true,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      input: { main: path.join(here, 'index.html'), mobile: path.join(here, 'm', 'index.html') },
    },
  },
});
