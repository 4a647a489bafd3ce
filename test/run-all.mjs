#!/usr/bin/env node
// `npm test`: type-check, then every test (unit, integration with chdb, a
// real Kafka broker and a real browser), then one plain closing line
// "N passed, N failed" from vitest's JSON report, so that a run which executed
// no test cannot pass unnoticed.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const run = (cmd, args, opts = {}) => spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts });

console.log('▶ type-check (tsc --noEmit)');
const tsc = run(bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']);
// The browser app has its own settings (DOM types, JSX).
const tscApp = tsc.status === 0 ? run(bin('tsc'), ['-p', 'dashboard/app/tsconfig.json', '--noEmit']) : tsc;
if (tsc.status !== 0 || tscApp.status !== 0) {
  console.log('0 passed, 1 failed');
  console.error('type-check failed');
  process.exit(1);
}

const resultsDir = path.join(root, 'test', '.results');
fs.mkdirSync(resultsDir, { recursive: true });
const report = path.join(resultsDir, 'vitest.json');
fs.rmSync(report, { force: true });

console.log('▶ tests (vitest)');
const vitest = run(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)]);

let passed = 0;
let failed = 0;
if (fs.existsSync(report)) {
  const r = JSON.parse(fs.readFileSync(report, 'utf8'));
  passed = r.numPassedTests ?? 0;
  failed = r.numFailedTests ?? 0;
  // A file that fails to load has no tests; count it as a failure.
  for (const file of r.testResults ?? []) if (file.status === 'failed' && (file.assertionResults ?? []).length === 0) failed++;
} else {
  failed = 1;
}
const ok = vitest.status === 0 && failed === 0 && passed > 0;
console.log(`${passed} passed, ${failed} failed`);
process.exit(ok ? 0 : 1);
