import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { ensureAppBuilt } from '../../dashboard/server/web/app-build';
import { findChromium } from '../../dashboard/server/web/chromium';

/**
 * Before the browser tests: a Chromium and a CJK font on the machine
 * (Debian's chromium and fonts-wqy-microhei, installed with apt-get when
 * missing and this process may), and a current build of the app.
 */
export default async function setup(): Promise<void> {
  const needChromium = !findChromium();
  const needFont = !hasCjkFont();
  if (needChromium || needFont) {
    const packages = [...(needChromium ? ['chromium'] : []), ...(needFont ? ['fonts-wqy-microhei'] : [])];
    const root = process.getuid?.() === 0;
    const apt = (args: string[]) => spawnSync(root ? 'apt-get' : 'sudo', root ? args : ['-n', 'apt-get', ...args], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    let r = apt(['install', '-y', '-q', ...packages]);
    if (r.status !== 0) {
      apt(['update', '-q']);
      r = apt(['install', '-y', '-q', ...packages]);
    }
    if (r.status !== 0 || !findChromium()) {
      throw new Error(`browser tests need Debian packages ${packages.join(' ')}; apt-get could not install them (run: apt-get install -y ${packages.join(' ')})`);
    }
  }
  await ensureAppBuilt((m) => process.stderr.write(`${m}\n`));
}

function hasCjkFont(): boolean {
  const r = spawnSync('fc-list', [':lang=zh'], { encoding: 'utf8' });
  if (r.status === 0) return r.stdout.trim().length > 0;
  return fs.existsSync('/usr/share/fonts/truetype/wqy/wqy-microhei.ttc');
}
