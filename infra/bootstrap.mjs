#!/usr/bin/env node
// `npm start` and `npm test` on a machine that has only Node ≥ 20 and npm:
// make sure pnpm 10 is there, install the workspace when needed, then run the
// given pnpm script with the remaining arguments.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [major] = process.versions.node.split('.').map(Number);
if (major < 20) {
  console.error(`Fenghuo needs Node.js 20 or newer; this is ${process.version}.`);
  process.exit(1);
}

// npm sets these for its own children; pnpm must not inherit npm's settings.
const env = { ...process.env, npm_config_yes: 'true' };
for (const k of Object.keys(env)) if (k.startsWith('npm_config_') && k !== 'npm_config_yes') delete env[k];

function pnpmWorks(cmd, args) {
  const r = spawnSync(cmd, [...args, '--version'], { encoding: 'utf8', env, shell: process.platform === 'win32' });
  return r.status === 0 && /^1\d\./.test(r.stdout.trim()) ? r.stdout.trim() : undefined;
}

function findPnpm() {
  if (pnpmWorks('pnpm', [])) return { cmd: 'pnpm', args: [] };
  console.error('[fenghuo] pnpm 10 not found: installing it with `npm i -g pnpm@10` …');
  const g = spawnSync('npm', ['i', '-g', 'pnpm@10'], { stdio: 'inherit', env, shell: process.platform === 'win32' });
  if (g.status === 0 && pnpmWorks('pnpm', [])) return { cmd: 'pnpm', args: [] };
  console.error('[fenghuo] global install failed (permissions?); using `npx -y pnpm@10` instead');
  if (pnpmWorks('npx', ['-y', 'pnpm@10'])) return { cmd: 'npx', args: ['-y', 'pnpm@10'] };
  console.error('[fenghuo] could not get pnpm 10: install it (npm i -g pnpm@10) and run again.');
  process.exit(1);
}

function needsInstall() {
  const marker = path.join(root, 'node_modules', '.modules.yaml');
  if (!fs.existsSync(marker)) return true;
  const lock = path.join(root, 'pnpm-lock.yaml');
  const stamp = fs.statSync(marker).mtimeMs;
  const inputs = [lock, path.join(root, 'pnpm-workspace.yaml'), path.join(root, 'package.json')];
  for (const dir of ['shared', 'infra', 'ingest', 'analytics', 'dashboard', 'test']) inputs.push(path.join(root, dir, 'package.json'));
  return inputs.some((f) => fs.existsSync(f) && fs.statSync(f).mtimeMs > stamp);
}

const pnpm = findPnpm();
if (needsInstall()) {
  console.error('[fenghuo] installing dependencies (pnpm install --frozen-lockfile) …');
  const r = spawnSync(pnpm.cmd, [...pnpm.args, 'install', '--frozen-lockfile'], { cwd: root, stdio: 'inherit', env });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const child = spawn(pnpm.cmd, [...pnpm.args, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
