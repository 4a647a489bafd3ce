import { toNumber, type ActionKind, type Store } from '@fenghuo/shared';
import { SYSTEM_ACTOR } from './context';
import type { Directory } from './directory';
import type { Incidents } from './incidents';

/**
 * What kind of response an official account's post is, from its wording:
 * a rebuttal says the rumor is false, a press conference names itself, a
 * comment is a reply, a later release is an update.
 */
export function inferActionKind(text: string, mentionKind: string, earlierReleases: number): ActionKind {
  if (mentionKind === 'comment' || mentionKind === 'message') return 'reply';
  if (/辟谣|不实|谣言|假消息|系谣传|并非事实|网传.{0,30}(不属实|不实)/.test(text)) return 'rebuttal';
  if (/新闻发布会|发布会|答记者问/.test(text)) return 'press_conference';
  if (earlierReleases > 0 || /续报|最新进展|进展通报|再通报/.test(text)) return 'update';
  return 'statement';
}

/**
 * Links posts of the registered official accounts that belong to an active
 * incident's events to the incident, as response actions at their
 * publication time. Idempotent: a mention already linked is skipped.
 */
export async function linkAccountMentions(store: Store, directory: Directory, incidents: Incidents): Promise<{ linked: number }> {
  const accounts = await directory.accounts();
  if (!accounts.length) return { linked: 0 };
  const active = await incidents.list(SYSTEM_ACTOR, { status: 'active' });
  const withEvents = active.filter((i) => i.event_ids.length);
  if (!withEvents.length) return { linked: 0 };
  const eventIds = [...new Set(withEvents.flatMap((i) => i.event_ids))];
  const rows = await store.query<{ event_id: string; platform: string; id: string; kind: string; text: string; url: string; author_id: string; t: string | number }>(
    `SELECT em.event_id AS event_id, m.platform AS platform, m.id AS id, m.kind AS kind, m.text AS text, m.url AS url, m.author_id AS author_id,
            toUnixTimestamp64Milli(m.time) AS t
     FROM mentions AS m
     INNER JOIN (SELECT event_id, platform, id FROM event_mentions WHERE event_id IN {events:Array(String)}) AS em
       ON em.platform = m.platform AND em.id = m.id
     WHERE concat(m.platform, ':', m.author_id) IN {accounts:Array(String)}
     ORDER BY t`,
    { events: eventIds, accounts: accounts.map((a) => `${a.platform}:${a.account_id}`) },
  );
  const accountOf = new Map(accounts.map((a) => [`${a.platform}\u0000${a.account_id}`, a]));
  let linked = 0;
  for (const r of rows) {
    for (const inc of withEvents) {
      if (!inc.event_ids.includes(r.event_id)) continue;
      const key = `${r.platform}:${r.id}`;
      if (inc.actions.some((a) => a.mention === key)) continue;
      const account = accountOf.get(`${r.platform}\u0000${r.author_id}`)!;
      const releases = inc.actions.filter((a) => a.kind !== 'reply').length;
      const { added, incident } = await incidents.addAction(SYSTEM_ACTOR, inc.id, {
        kind: inferActionKind(r.text, r.kind, releases),
        at: toNumber(r.t),
        source: 'account',
        mention: key,
        account_id: account.id,
        note: `${account.name}：${r.text.slice(0, 120)}`,
        ...(/^https?:\/\//.test(r.url) ? { link: r.url } : {}),
      });
      if (added) linked++;
      inc.actions = incident.actions;
    }
  }
  return { linked };
}
