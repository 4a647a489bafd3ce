import { toNumber, type OfficialAccount, type ReplyItem, type Store } from '@fenghuo/shared';
import { addDuration } from './clocks';
import { audited, BadRequestError, seesUnit, SYSTEM_ACTOR, type Actor, type WorkflowContext } from './context';
import type { Directory } from './directory';
import { ConflictError, NotFoundError } from './store/workflow-log';

/** Answer deadlines by channel when the account sets none: message boards in working days (as most provinces' rules give), social comments in hours. */
export const DEFAULT_REPLY_DEADLINES: Record<string, { hours?: number; workingDays?: number }> = {
  message_board: { workingDays: 5 },
  hotline_12345: { workingDays: 5 },
  website: { workingDays: 5 },
  default: { hours: 24 },
};

function deadlineFor(account: OfficialAccount): { hours?: number; workingDays?: number } {
  if (account.reply_deadline?.working_days) return { workingDays: account.reply_deadline.working_days };
  if (account.reply_deadline?.hours) return { hours: account.reply_deadline.hours };
  return DEFAULT_REPLY_DEADLINES[account.platform] ?? DEFAULT_REPLY_DEADLINES.default!;
}

export interface ReplyView extends ReplyItem {
  overdue: boolean;
  account_name?: string;
}

export interface ReplyStats {
  unit_id: string;
  unit_name?: string;
  received: number;
  answered: number;
  answered_rate: number | null;
  on_time: number;
  /** Answered on time among those answered or already overdue. */
  on_time_rate: number | null;
  overdue_open: number;
}

/**
 * The reply queue: comments and messages addressed to the government's own
 * accounts (a comment under an account's post, or a message whose parent or
 * root names the account), each with its answer deadline.
 */
export function createReplies(ctx: WorkflowContext, store: Store, directory: Directory) {
  const view = (r: ReplyItem, seq: number, now: number, accounts: Map<string, OfficialAccount>): ReplyView => {
    const name = accounts.get(`${r.platform}\u0000${r.account_id}`)?.name;
    return { ...r, version: seq, overdue: r.status === 'open' ? now > r.due_at : (r.answered_at ?? 0) > r.due_at, ...(name ? { account_name: name } : {}) };
  };
  const accountMap = async () => new Map((await directory.accounts()).map((a) => [`${a.platform}\u0000${a.account_id}`, a]));

  const replies = {
    async list(actor: Actor, filter: { status?: 'open' | 'answered' | 'closed' | 'overdue'; unit_id?: string; from?: number; to?: number } = {}): Promise<ReplyView[]> {
      const now = ctx.now();
      const accounts = await accountMap();
      return (await ctx.log.list<ReplyItem>('reply'))
        .filter(({ state: r }) => seesUnit(actor, r.unit_id) && (!filter.unit_id || r.unit_id === filter.unit_id))
        .filter(({ state: r }) => (filter.from === undefined || r.received_at >= filter.from) && (filter.to === undefined || r.received_at < filter.to))
        .map(({ state, seq }) => view(state, seq, now, accounts))
        .filter((r) => !filter.status || (filter.status === 'overdue' ? r.status === 'open' && r.overdue : r.status === filter.status))
        .sort((a, b) => a.due_at - b.due_at);
    },
    async get(actor: Actor, id: string): Promise<ReplyView> {
      const cur = await ctx.log.get<ReplyItem>('reply', id);
      if (!cur || !seesUnit(actor, cur.state.unit_id)) throw new NotFoundError(`no reply item ${id}`);
      return view(cur.state, cur.seq, ctx.now(), await accountMap());
    },
    async answer(actor: Actor, id: string, input: { expected_version: number; answer: string; qa_id?: string; at?: number }): Promise<ReplyView> {
      if (!input.answer?.trim()) throw new BadRequestError('answer: required');
      const cur = await ctx.log.get<ReplyItem>('reply', id);
      if (!cur || !seesUnit(actor, cur.state.unit_id)) throw new NotFoundError(`no reply item ${id}`);
      if (cur.seq !== input.expected_version) throw new ConflictError(`reply item ${id} changed meanwhile`, cur.seq);
      if (cur.state.status !== 'open') throw new ConflictError(`this item is already ${cur.state.status}`);
      const t = ctx.now();
      const next: ReplyItem = { ...cur.state, status: 'answered', answer: input.answer.trim(), answered_at: input.at ?? t, answered_by: actor.id, ...(input.qa_id ? { qa_id: input.qa_id } : {}) };
      const saved = await ctx.log.append('reply', id, cur.seq, { action: 'answer', actor: actor.id, at: t, state: next });
      await audited(ctx, actor, 'reply.answer', 'reply', id, cur.state, next);
      return view(saved.state, saved.seq, t, await accountMap());
    },
    async close(actor: Actor, id: string, expected: number, reason: string): Promise<ReplyView> {
      const cur = await ctx.log.get<ReplyItem>('reply', id);
      if (!cur || !seesUnit(actor, cur.state.unit_id)) throw new NotFoundError(`no reply item ${id}`);
      if (cur.seq !== expected) throw new ConflictError(`reply item ${id} changed meanwhile`, cur.seq);
      const next: ReplyItem = { ...cur.state, status: 'closed' };
      const saved = await ctx.log.append('reply', id, cur.seq, { action: 'close', actor: actor.id, at: ctx.now(), state: next });
      await audited(ctx, actor, 'reply.close', 'reply', id, cur.state, next, reason);
      return view(saved.state, saved.seq, ctx.now(), await accountMap());
    },
    async stats(actor: Actor, from: number, to: number): Promise<ReplyStats[]> {
      const items = await replies.list(actor, { from, to });
      const names = await directory.unitNames();
      const now = ctx.now();
      const by = new Map<string, ReplyStats>();
      for (const r of items) {
        let s = by.get(r.unit_id);
        if (!s) by.set(r.unit_id, (s = { unit_id: r.unit_id, ...(names.get(r.unit_id) ? { unit_name: names.get(r.unit_id)! } : {}), received: 0, answered: 0, answered_rate: null, on_time: 0, on_time_rate: null, overdue_open: 0 }));
        s.received++;
        if (r.status === 'answered') {
          s.answered++;
          if (!r.overdue) s.on_time++;
        } else if (r.status === 'open' && now > r.due_at) s.overdue_open++;
      }
      for (const s of by.values()) {
        s.answered_rate = s.received ? s.answered / s.received : null;
        const decided = s.answered + s.overdue_open;
        s.on_time_rate = decided ? s.on_time / decided : null;
      }
      return [...by.values()].sort((a, b) => a.unit_id.localeCompare(b.unit_id));
    },
    /**
     * Finds new comments and messages to the registered accounts among the
     * mentions stored since `since` (by storage time, so late arrivals are
     * found too) and queues each once; an account's own comment under a
     * queued one marks it answered.
     */
    async scan(since: number): Promise<{ queued: number; answered: number; until: number }> {
      const accounts = await directory.accounts();
      if (!accounts.length) return { queued: 0, answered: 0, until: since };
      const byKey = new Map(accounts.map((a) => [`${a.platform}\u0000${a.account_id}`, a]));
      const rows = await store.query<{ platform: string; id: string; kind: string; text: string; author_id: string; author_name: string; t: string | number; parent_id: string; root_id: string; ing: string | number }>(
        `SELECT platform, id, kind, text, author_id, author_name, toUnixTimestamp64Milli(time) AS t, parent_id, root_id, toUnixTimestamp64Milli(ingested_at) AS ing
         FROM mentions WHERE ingested_at >= fromUnixTimestamp64Milli({since:Int64}) AND kind IN ('comment', 'message', 'ticket')
         ORDER BY ingested_at LIMIT 100000`,
        { since },
      );
      if (!rows.length) return { queued: 0, answered: 0, until: since };
      const refs = [...new Set(rows.flatMap((r) => [r.parent_id, r.root_id].filter(Boolean)))];
      const parents = new Map<string, string>();
      for (let i = 0; i < refs.length; i += 5000) {
        const found = await store.query<{ platform: string; id: string; author_id: string }>(
          `SELECT platform, id, author_id FROM mentions WHERE id IN {ids:Array(String)} AND author_id != ''`,
          { ids: refs.slice(i, i + 5000) },
        );
        for (const f of found) parents.set(`${f.platform}\u0000${f.id}`, f.author_id);
      }
      let queued = 0;
      let answered = 0;
      const t = ctx.now();
      for (const r of rows) {
        const own = byKey.get(`${r.platform}\u0000${r.author_id}`);
        if (own) {
          // The account answering a queued comment.
          const target = `${r.platform}:${r.parent_id}`;
          const done = await ctx.log.update<ReplyItem>('reply', target, (cur) =>
            cur.state.status !== 'open' ? undefined : { action: 'answered_by_account', actor: 'system', at: t, state: { ...cur.state, status: 'answered', answered_at: toNumber(r.t), answer: r.text, answered_by: own.id } },
          );
          if (done?.state.answered_by === own.id && done.state.answer === r.text) answered++;
          continue;
        }
        let account: OfficialAccount | undefined;
        for (const ref of [r.parent_id, r.root_id]) {
          if (!ref) continue;
          account = byKey.get(`${r.platform}\u0000${ref}`) ?? byKey.get(`${r.platform}\u0000${parents.get(`${r.platform}\u0000${ref}`) ?? ''}`);
          if (account) break;
        }
        if (!account) continue;
        const received = toNumber(r.t);
        const item: ReplyItem = {
          id: `${r.platform}:${r.id}`,
          platform: r.platform,
          mention_id: r.id,
          account_id: account.account_id,
          unit_id: account.unit_id,
          author_name: r.author_name,
          text: r.text,
          received_at: received,
          due_at: addDuration(received, deadlineFor(account), ctx.timezone),
          status: 'open',
          version: 0,
        };
        try {
          await ctx.log.append('reply', item.id, 0, { action: 'queue', actor: 'system', at: t, state: item });
          await audited(ctx, SYSTEM_ACTOR, 'reply.queue', 'reply', item.id, undefined, { account: account.id, received_at: received });
          queued++;
        } catch (error) {
          if (!(error instanceof ConflictError)) throw error;
        }
      }
      return { queued, answered, until: toNumber(rows[rows.length - 1]!.ing) };
    },
  };
  return replies;
}

export type Replies = ReturnType<typeof createReplies>;
