import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import zlib from 'node:zlib';

/**
 * The phone view's build facts, read from Vite's manifest: which files the
 * first load of `/m/` fetches (the size budget) and which files make up the
 * whole mobile shell (what the service worker keeps for offline use). The
 * manifest, not a guess from file names, so a chunk that slips into the
 * entry's static imports (D3, a desktop page) counts.
 */
export interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
  assets?: string[];
}
export type ViteManifest = Record<string, ManifestChunk>;

/** The mobile HTML entry, as Vite names it in the manifest. */
export const MOBILE_ENTRY = 'm/index.html';
/** First-load budget of the phone view: JavaScript, gzipped. */
export const MOBILE_FIRST_LOAD_BUDGET = 200 * 1024;

function walk(manifest: ViteManifest, entry: string, follow: (c: ManifestChunk) => string[]): ManifestChunk[] {
  if (!manifest[entry]) throw new Error(`the Vite manifest has no entry ${entry}: is it in build.rollupOptions.input?`);
  const seen = new Set<string>();
  const out: ManifestChunk[] = [];
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || seen.has(key)) return;
    seen.add(key);
    out.push(chunk);
    for (const next of follow(chunk)) visit(next);
  };
  visit(entry);
  return out;
}

/** JavaScript files the browser loads before the page can run: the entry and its static imports (not the lazy screens). */
export function firstLoadFiles(manifest: ViteManifest, entry = MOBILE_ENTRY): string[] {
  return walk(manifest, entry, (c) => c.imports ?? []).map((c) => c.file);
}

/** Every script, stylesheet and asset the entry may ever load, lazy screens included: the offline shell. */
export function shellFiles(manifest: ViteManifest, entry = MOBILE_ENTRY): string[] {
  const chunks = walk(manifest, entry, (c) => [...(c.imports ?? []), ...(c.dynamicImports ?? [])]);
  return [...new Set(chunks.flatMap((c) => [c.file, ...(c.css ?? []), ...(c.assets ?? [])]))].filter((f) => !f.endsWith('.html'));
}

export interface FirstLoadSize {
  files: { file: string; bytes: number; gzip_bytes: number }[];
  bytes: number;
  gzip_bytes: number;
  budget_bytes: number;
}

/** Sizes of the first load's JavaScript in a build directory, raw and gzipped (level 9, as a server would send it). */
export function firstLoadSize(dist: string, entry = MOBILE_ENTRY): FirstLoadSize {
  const manifestPath = path.join(dist, '.vite', 'manifest.json');
  if (!fs.existsSync(manifestPath)) throw new Error(`no ${manifestPath}: build the dashboard first (pnpm fenghuo build-dashboard)`);
  const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as ViteManifest;
  const files = firstLoadFiles(manifest, entry)
    .filter((f) => f.endsWith('.js'))
    .map((file) => {
      const raw = fs.readFileSync(path.join(dist, file));
      return { file, bytes: raw.length, gzip_bytes: zlib.gzipSync(raw, { level: 9 }).length };
    });
  return {
    files,
    bytes: files.reduce((s, f) => s + f.bytes, 0),
    gzip_bytes: files.reduce((s, f) => s + f.gzip_bytes, 0),
    budget_bytes: MOBILE_FIRST_LOAD_BUDGET,
  };
}

/** Pages and files the service worker keeps before it takes over: the shell, its manifest and icons. */
export function precacheList(manifest: ViteManifest, entry = MOBILE_ENTRY): string[] {
  return ['/m/', '/m/manifest.webmanifest', '/m/icon.svg', '/m/icon-192.png', '/m/icon-512.png', ...shellFiles(manifest, entry).map((f) => `/${f}`)];
}

/**
 * The service worker's source: the hand-written template with the build's
 * precache list and a version (a hash of that list, so a new build replaces
 * the old caches and an unchanged one keeps them).
 */
export function serviceWorkerSource(template: string, precache: readonly string[]): string {
  const version = createHash('sha256').update(precache.join('\n')).digest('hex').slice(0, 12);
  return template.replace('self.__FENGHUO_PRECACHE__', JSON.stringify(precache)).replace('self.__FENGHUO_VERSION__', JSON.stringify(version));
}
