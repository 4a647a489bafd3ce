import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TABLES, type Store } from '@fenghuo/shared';
import { toDateTime64 } from '../time';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

export const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export function loadMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  const files = fs.readdirSync(dir).filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f));
  const migrations = files.sort().map((file) => {
    const sql = fs.readFileSync(path.join(dir, file), 'utf8');
    return {
      version: Number(file.slice(0, 4)),
      name: file.replace(/\.sql$/, ''),
      sql,
      checksum: crypto.createHash('sha256').update(sql).digest('hex'),
    };
  });
  const seen = new Set<number>();
  for (const m of migrations) {
    if (seen.has(m.version)) throw new Error(`two migrations share version ${m.version}`);
    seen.add(m.version);
  }
  return migrations;
}

/** Splits a migration into statements at semicolons that end a line. */
export function splitStatements(sql: string): string[] {
  return sql
    .split(/;\s*(?:\n|$)/)
    .map((s) =>
      s
        .split('\n')
        .filter((line) => !/^\s*--/.test(line))
        .join('\n')
        .trim(),
    )
    .filter((s) => s.length > 0);
}

export interface MigrationReport {
  applied: string[];
  alreadyApplied: number;
}

/**
 * Applies pending migrations in order and records each. Forward-only: an
 * applied migration whose file changed is an error, never re-run.
 */
export async function migrate(store: Store, migrations: Migration[] = loadMigrations(), options: { recordOnly?: boolean } = {}): Promise<MigrationReport> {
  await store.command(`
    CREATE TABLE IF NOT EXISTS ${TABLES.migrations}
    (
        version    UInt32,
        name       String,
        checksum   String,
        applied_at DateTime64(3, 'UTC')
    )
    ENGINE = ReplacingMergeTree
    ORDER BY version`);
  const rows = await store.query<{ version: number; name: string; checksum: string }>(
    `SELECT version, name, checksum FROM ${TABLES.migrations} FINAL ORDER BY version`,
  );
  const applied = new Map(rows.map((r) => [Number(r.version), r]));
  const report: MigrationReport = { applied: [], alreadyApplied: 0 };
  for (const m of migrations) {
    const done = applied.get(m.version);
    if (done) {
      if (done.checksum !== m.checksum) {
        throw new Error(
          `migration ${m.name} was changed after it was applied; migrations are forward-only: add a new one instead`,
        );
      }
      report.alreadyApplied++;
      continue;
    }
    // recordOnly: the schema was created by hand (a cluster's replicated DDL, docs/deploy.md).
    if (!options.recordOnly) for (const statement of splitStatements(m.sql)) await store.command(statement);
    await store.insert(TABLES.migrations, ['version', 'name', 'checksum', 'applied_at'], [
      [m.version, m.name, m.checksum, toDateTime64(Date.now())],
    ]);
    report.applied.push(m.name);
  }
  return report;
}
