import { InvalidArgumentError } from 'commander';
import { loadConfig, type Config } from '@fenghuo/shared';

export function parseIntArg(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a non-negative integer');
  return n;
}

/** The one place the CLI reads the environment; flags may override a few keys. */
export function readConfig(overrides: Record<string, string | undefined> = {}): Config {
  const env: Record<string, string | undefined> = { ...process.env };
  for (const [k, v] of Object.entries(overrides)) if (v !== undefined) env[k] = v;
  return loadConfig(env);
}
