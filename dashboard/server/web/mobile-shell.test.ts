import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { firstLoadFiles, firstLoadSize, precacheList, serviceWorkerSource, shellFiles, type ViteManifest } from './mobile-shell';

// A build like Vite's: the phone entry shares React with the desk entry, loads its screens lazily,
// and one screen shares a chunk (labels) with another.
const manifest: ViteManifest = {
  'index.html': { file: 'assets/main-1.js', isEntry: true, imports: ['_react.js'], dynamicImports: ['src/pages/WallPage.tsx'], css: ['assets/main-1.css'] },
  'm/index.html': { file: 'assets/mobile-1.js', isEntry: true, imports: ['_react.js'], dynamicImports: ['src/mobile/BriefScreen.tsx', 'src/mobile/ReviewScreen.tsx'], css: ['assets/mobile-1.css'] },
  '_react.js': { file: 'assets/react-1.js' },
  '_labels.js': { file: 'assets/labels-1.js', imports: ['_react.js'] },
  'src/pages/WallPage.tsx': { file: 'assets/WallPage-1.js', imports: ['_d3.js'] },
  '_d3.js': { file: 'assets/d3-1.js' },
  'src/mobile/BriefScreen.tsx': { file: 'assets/BriefScreen-1.js', imports: ['_react.js', '_labels.js'] },
  'src/mobile/ReviewScreen.tsx': { file: 'assets/ReviewScreen-1.js', imports: ['_labels.js'], css: ['assets/ReviewScreen-1.css'], assets: ['assets/icon-1.svg'] },
};

describe('the phone view’s build facts', () => {
  it.each([
    ['m/index.html', ['assets/mobile-1.js', 'assets/react-1.js']],
    ['index.html', ['assets/main-1.js', 'assets/react-1.js']],
  ])('first load of %s: the entry and its static imports, no lazy screen', (entry, files) => {
    expect(firstLoadFiles(manifest, entry)).toEqual(files);
  });

  it('the offline shell: every chunk, stylesheet and asset the phone entry may load, once each, none of the desk pages', () => {
    const files = shellFiles(manifest);
    expect(files).toEqual(['assets/mobile-1.js', 'assets/mobile-1.css', 'assets/react-1.js', 'assets/BriefScreen-1.js', 'assets/labels-1.js', 'assets/ReviewScreen-1.js', 'assets/ReviewScreen-1.css', 'assets/icon-1.svg']);
    expect(files.some((f) => /WallPage|d3|main-1/.test(f))).toBe(false);
    expect(precacheList(manifest).slice(0, 2)).toEqual(['/m/', '/m/manifest.webmanifest']);
    expect(precacheList(manifest)).toContain('/assets/ReviewScreen-1.js');
  });

  it('says what is wrong when the manifest has no phone entry', () => {
    expect(() => firstLoadFiles({ 'index.html': manifest['index.html']! })).toThrow(/no entry m\/index\.html/);
  });

  it('sizes the first load’s JavaScript gzipped from a build directory', () => {
    const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'fenghuo-mobile-'));
    try {
      fs.mkdirSync(path.join(dist, '.vite'));
      fs.mkdirSync(path.join(dist, 'assets'));
      fs.writeFileSync(path.join(dist, '.vite', 'manifest.json'), JSON.stringify(manifest));
      const mobile = 'console.log("phone");'.repeat(100);
      const react = 'export const x = 1;'.repeat(300);
      fs.writeFileSync(path.join(dist, 'assets', 'mobile-1.js'), mobile);
      fs.writeFileSync(path.join(dist, 'assets', 'react-1.js'), react);
      const size = firstLoadSize(dist);
      expect(size.files.map((f) => f.file)).toEqual(['assets/mobile-1.js', 'assets/react-1.js']);
      expect(size.bytes).toBe(mobile.length + react.length);
      expect(size.gzip_bytes).toBe(zlib.gzipSync(mobile, { level: 9 }).length + zlib.gzipSync(react, { level: 9 }).length);
      expect(size.budget_bytes).toBe(200 * 1024);
    } finally {
      fs.rmSync(dist, { recursive: true, force: true });
    }
    expect(() => firstLoadSize(path.join(os.tmpdir(), 'no-such-fenghuo-dist'))).toThrow(/build the dashboard first/);
  });

  it('fills the service worker template with the list and a version that changes with it', () => {
    const template = 'const PRECACHE = self.__FENGHUO_PRECACHE__;\nconst VERSION = self.__FENGHUO_VERSION__;';
    const a = serviceWorkerSource(template, ['/m/', '/assets/a-1.js']);
    const b = serviceWorkerSource(template, ['/m/', '/assets/a-2.js']);
    expect(a).toMatch(/^const PRECACHE = \["\/m\/","\/assets\/a-1\.js"\];\nconst VERSION = "[0-9a-f]{12}";$/);
    expect(a.split('\n')[1]).not.toBe(b.split('\n')[1]);
    expect(serviceWorkerSource(template, ['/m/', '/assets/a-1.js'])).toBe(a);
  });
});
