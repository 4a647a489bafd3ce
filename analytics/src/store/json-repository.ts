import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import { toNumber, type Store } from '@fenghuo/shared';

/**
 * Small, user-edited collections (alert rules, notification channels, the
 * debunk knowledge base) kept as JSON bodies in a ReplacingMergeTree table:
 * every change is a new row with a higher version, a deletion is a row marked
 * deleted, and reads take the latest row per id (FINAL).
 */
export interface JsonRepository<TInput, TItem extends { id: string; updated_at: number }> {
  list(): Promise<TItem[]>;
  get(id: string): Promise<TItem | undefined>;
  create(input: TInput): Promise<TItem>;
  /** Many at once (imports): one insert. */
  createMany(inputs: readonly TInput[]): Promise<TItem[]>;
  /** Replaces the item (PUT); undefined when there is no such item. */
  update(id: string, input: TInput): Promise<TItem | undefined>;
  /** false when there was no such item. */
  remove(id: string): Promise<boolean>;
  /** Changes whenever the collection changes (for cheap reload checks). */
  version(): Promise<string>;
}

export interface JsonRepositoryOptions<TSchema extends z.ZodType> {
  table: string;
  idColumn: string;
  /** Prefix of generated ids ("r" for rules…). */
  idPrefix: string;
  schema: TSchema;
  now?: () => number;
}

export class ValidationError extends Error {
  override name = 'ValidationError';
  readonly status = 400;
  constructor(
    message: string,
    readonly issues: { path: string; message: string }[],
  ) {
    super(message);
  }
}

let lastVersion = 0;
/** Versions grow within a process even when the clock does not move. */
function nextVersion(now: number): number {
  lastVersion = Math.max(lastVersion + 1, now * 1000);
  return lastVersion;
}

export function parseWith<TSchema extends z.ZodType>(schema: TSchema, input: unknown): z.output<TSchema> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const issues = r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  throw new ValidationError(issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; '), issues);
}

export function createJsonRepository<TSchema extends z.ZodType>(
  store: Store,
  options: JsonRepositoryOptions<TSchema>,
): JsonRepository<z.input<TSchema>, z.output<TSchema> & { id: string; updated_at: number }> {
  type Item = z.output<TSchema> & { id: string; updated_at: number };
  const { table, idColumn } = options;
  const now = options.now ?? Date.now;

  const write = async (rows: { id: string; body: string; deleted: boolean }[]) => {
    const t = now();
    await store.insert(
      table,
      [idColumn, 'body', 'deleted', 'version'],
      rows.map((r) => [r.id, r.body, r.deleted, nextVersion(t)]),
    );
  };
  const toItem = (id: string, data: z.output<TSchema>): Item => ({ ...(data as object), id, updated_at: now() }) as Item;

  const repo: JsonRepository<z.input<TSchema>, Item> = {
    async list() {
      const rows = await store.query<{ body: string }>(
        `SELECT body FROM ${table} FINAL WHERE NOT deleted ORDER BY ${idColumn}`,
      );
      return rows.map((r) => JSON.parse(r.body) as Item);
    },
    async get(id) {
      const rows = await store.query<{ body: string }>(
        `SELECT body FROM ${table} FINAL WHERE ${idColumn} = {id:String} AND NOT deleted`,
        { id },
      );
      return rows[0] ? (JSON.parse(rows[0].body) as Item) : undefined;
    },
    async create(input) {
      return (await repo.createMany([input]))[0]!;
    },
    async createMany(inputs) {
      const items = inputs.map((input) => toItem(`${options.idPrefix}${randomBytes(6).toString('hex')}`, parseWith(options.schema, input)));
      if (items.length) await write(items.map((i) => ({ id: i.id, body: JSON.stringify(i), deleted: false })));
      return items;
    },
    async update(id, input) {
      const data = parseWith(options.schema, input);
      if (!(await repo.get(id))) return undefined;
      const item = toItem(id, data);
      await write([{ id, body: JSON.stringify(item), deleted: false }]);
      return item;
    },
    async remove(id) {
      if (!(await repo.get(id))) return false;
      await write([{ id, body: '{}', deleted: true }]);
      return true;
    },
    async version() {
      const [row] = await store.query<{ v: string; n: string }>(`SELECT max(version) AS v, count() AS n FROM ${table}`);
      return `${toNumber(row?.v)}:${toNumber(row?.n)}`;
    },
  };
  return repo;
}
