import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the browser app's sources and its production build live. */
export const APP_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'app');
export const APP_DIST = path.resolve(APP_ROOT, '..', 'dist');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

/** The build is missing or older than a source file of the app (or of the shared types it imports). */
export function appBuildIsStale(): boolean {
  const index = path.join(APP_DIST, 'index.html');
  if (!fs.existsSync(index)) return true;
  const built = fs.statSync(index).mtimeMs;
  const shared = path.resolve(APP_ROOT, '..', '..', 'shared', 'src');
  return newestMtime(APP_ROOT) > built || newestMtime(shared) > built;
}

/** Builds the app with Vite (production) when stale; returns whether it built. */
export async function ensureAppBuilt(log: (message: string) => void = () => {}): Promise<boolean> {
  if (!appBuildIsStale()) return false;
  log('building the dashboard (vite build) …');
  const { build } = await import('vite');
  await build({ configFile: path.join(APP_ROOT, 'vite.config.ts'), logLevel: 'warn' });
  return true;
}
