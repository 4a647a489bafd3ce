import { randomUUID } from 'node:crypto';
import { parseWith } from '../store/json-repository';
import { audited, ForbiddenError, seesUnit, type Actor, type WorkflowContext } from './context';
import type { Directory } from './directory';
import { createQaIndex, parseQaCsv, qaEntryInputSchema, toQaCsv, type QaEntry, type QaEntryInput, type QaSearchHit } from './qa';
import { NotFoundError } from './store/workflow-log';

/**
 * The Q&A library (咨询答问库): entries owned by units. A unit sees its own
 * entries, those of the units below it, and those of the units above it
 * (answers a province approves apply in its cities).
 */
export function createQaLibrary(ctx: WorkflowContext, directory: Directory) {
  let cached: { key: string; index: ReturnType<typeof createQaIndex>; entries: QaEntry[] } | undefined;

  const all = async () => (await ctx.log.list<QaEntry>('qa')).map((e) => e.state);

  const visibleUnits = async (actor: Actor): Promise<Set<string>> => {
    if (actor.id === 'system') return new Set((await directory.units()).map((u) => u.id));
    const units = new Map((await directory.units()).map((u) => [u.id, u]));
    const out = new Set(actor.unitIds);
    for (let u = units.get(actor.unit_id); u?.parent_id; u = units.get(u.parent_id)) {
      out.add(u.parent_id);
      if (out.size > units.size) break;
    }
    return out;
  };

  const index = async () => {
    const entries = await all();
    const key = `${entries.length}:${Math.max(0, ...entries.map((e) => e.updated_at))}`;
    if (cached?.key !== key) cached = { key, index: createQaIndex(entries, { now: ctx.now }), entries };
    return cached;
  };

  const lib = {
    async list(actor: Actor, filter: { category?: string; includeExpired?: boolean } = {}): Promise<QaEntry[]> {
      const units = await visibleUnits(actor);
      const now = ctx.now();
      return (await all())
        .filter((e) => units.has(e.unit_id) && (!filter.category || e.category === filter.category))
        .filter((e) => filter.includeExpired || ((e.valid_from ?? 0) <= now && (e.valid_to ?? Infinity) >= now))
        .sort((a, b) => a.category.localeCompare(b.category) || a.question.localeCompare(b.question));
    },
    async search(actor: Actor, q: string, opts: { limit?: number; category?: string; includeExpired?: boolean } = {}): Promise<QaSearchHit[]> {
      const { index: idx } = await index();
      return idx.search(q, { ...opts, unitIds: await visibleUnits(actor) });
    },
    async suggest(actor: Actor, text: string, limit = 3): Promise<QaSearchHit[]> {
      const { index: idx } = await index();
      return idx.suggest(text, { limit, unitIds: await visibleUnits(actor) });
    },
    async get(actor: Actor, id: string): Promise<QaEntry> {
      const e = await ctx.log.get<QaEntry>('qa', id);
      if (!e || !(await visibleUnits(actor)).has(e.state.unit_id)) throw new NotFoundError(`no Q&A entry ${id}`);
      return e.state;
    },
    async save(actor: Actor, id: string | undefined, input: QaEntryInput): Promise<QaEntry> {
      const data = parseWith(qaEntryInputSchema, input) as QaEntryInput;
      if (!seesUnit(actor, data.unit_id)) throw new ForbiddenError(`unit ${data.unit_id} is not yours or below yours`);
      const cur = id ? await ctx.log.get<QaEntry>('qa', id) : undefined;
      if (id && !cur) throw new NotFoundError(`no Q&A entry ${id}`);
      if (cur && !seesUnit(actor, cur.state.unit_id)) throw new ForbiddenError('this entry belongs to another unit');
      const entry: QaEntry = { ...data, id: id ?? `qa-${randomUUID().slice(0, 8)}`, updated_at: ctx.now() };
      await ctx.log.append('qa', entry.id, cur?.seq ?? 0, { action: cur ? 'update' : 'create', actor: actor.id, at: ctx.now(), state: entry });
      await audited(ctx, actor, cur ? 'qa.update' : 'qa.create', 'qa', entry.id, cur?.state, entry);
      return entry;
    },
    async remove(actor: Actor, id: string): Promise<void> {
      const cur = await ctx.log.get<QaEntry>('qa', id);
      if (!cur) throw new NotFoundError(`no Q&A entry ${id}`);
      if (!seesUnit(actor, cur.state.unit_id)) throw new ForbiddenError('this entry belongs to another unit');
      await ctx.log.append('qa', id, cur.seq, { action: 'delete', actor: actor.id, at: ctx.now(), state: cur.state, deleted: true });
      await audited(ctx, actor, 'qa.delete', 'qa', id, cur.state, undefined);
    },
    /** Imports a CSV: good rows are stored, bad rows come back with their line and reason. */
    async importCsv(actor: Actor, text: string, defaultUnit: string): Promise<{ imported: number; errors: { line: number; message: string }[] }> {
      const parsed = parseQaCsv(text, { defaultUnitId: defaultUnit });
      const errors = [...parsed.errors];
      let imported = 0;
      for (const [i, e] of parsed.entries.entries()) {
        try {
          await lib.save(actor, undefined, e);
          imported++;
        } catch (error) {
          errors.push({ line: 0, message: `entry ${i + 1} (${e.question.slice(0, 30)}): ${error instanceof Error ? error.message : String(error)}` });
        }
      }
      await audited(ctx, actor, 'qa.import', 'qa', '*', undefined, undefined, `${imported} imported, ${errors.length} rejected`);
      return { imported, errors: errors.sort((a, b) => a.line - b.line) };
    },
    async exportCsv(actor: Actor): Promise<string> {
      const entries = await lib.list(actor, { includeExpired: true });
      await audited(ctx, actor, 'qa.export', 'qa', '*', undefined, undefined, `${entries.length} entries`);
      return toQaCsv(entries);
    },
  };
  return lib;
}

export type QaLibrary = ReturnType<typeof createQaLibrary>;
