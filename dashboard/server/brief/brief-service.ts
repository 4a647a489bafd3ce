import type { Alert, DailyBrief, SessionInfo, Store } from '@fenghuo/shared';
import { SYSTEM_ACTOR, type Actor, type Notifier, type PlainMessage, type Workflow } from '@fenghuo/analytics';
import { buildDailyBrief } from './daily-brief';
import { createBriefArchive, type BriefArchive, type StoredBrief } from './brief-archive';
import { addDays, localDate } from './local-day';
import type { BriefRenderer } from './pdf-renderer';

export interface BriefServiceDeps {
  store: Store;
  workflow: Workflow;
  timezone: string;
  dataDir: string;
  /** Base of links in notifications (FENGHUO_PUBLIC_URL). */
  publicUrl: string;
  renderer: BriefRenderer;
  /** Where this process's HTTP server answers (known once it listens). */
  selfUrl: () => string | undefined;
  /** The channels' notifier; without one, stored briefs are not announced. */
  notifier?: () => Notifier | undefined;
  now?: () => number;
}

export interface BriefService {
  archive: BriefArchive;
  /** Yesterday in the configured zone: the default date. */
  defaultDate(): string;
  build(actor: Actor, date: string): Promise<DailyBrief>;
  /** The brief page as a PDF, seen by the caller's own session. */
  renderForSession(date: string, cookieName: string, cookieValue: string, lang?: 'zh' | 'en'): Promise<Buffer>;
  /** The scheduled brief: made as the system (every unit), stored, and announced with a link. */
  generateStored(date: string): Promise<StoredBrief>;
}

const percent = (x: number | null) => (x === null ? '—' : `${Math.round(x * 100)}%`);

/** What the channels say about a stored brief: the day's headline figures and the links. */
export function briefMessage(brief: DailyBrief, publicUrl: string): PlainMessage {
  const base = publicUrl.replace(/\/+$/, '');
  const breached = [...brief.incidents.opened, ...brief.incidents.closed].reduce((n, i) => n + i.deadlines.filter((d) => d.state === 'breached').length, 0);
  const rebutted = brief.rumors.filter((r) => r.rebutted).length;
  const lines: PlainMessage['lines'] = [
    { label: '全天提及', value: `${brief.totals.mentions} 条，负面占比 ${percent(brief.totals.negative_share)}` },
  ];
  if (brief.top_events.length) lines.push({ label: '热点事件', value: brief.top_events.slice(0, 3).map((e) => `${e.title}（${e.mentions}）`).join('；') });
  lines.push({ label: '谣言', value: `发现 ${brief.rumors.length} 条，已辟谣 ${rebutted} 条` });
  lines.push({ label: '处置', value: `新开 ${brief.incidents.opened.length} 件，办结 ${brief.incidents.closed.length} 件，超时 ${breached} 项` });
  if (brief.watch.rising.length || brief.watch.open_incidents.length) {
    lines.push({ label: '明日关注', value: `仍在升温 ${brief.watch.rising.length} 个事件，未办结 ${brief.watch.open_incidents.length} 件` });
  }
  return {
    headline: `每日舆情简报 ${brief.date}`,
    lines,
    links: [
      { label: '查看简报', url: `${base}/brief?date=${brief.date}` },
      { label: '下载 PDF', url: `${base}/api/v1/briefs/${brief.date}.pdf` },
    ],
  };
}

/** The notifier's envelope for a message that is not an alert: it only names the delivery. */
function briefEnvelope(brief: DailyBrief, at: number): Alert {
  return {
    id: `brief-${brief.date}`,
    event_id: '',
    title: `每日舆情简报 ${brief.date}`,
    severity: 'low',
    status: 'resolved',
    opened_at: at,
    updated_at: at,
    reasons: [],
    first_mentions: [],
    samples: [],
    rumor_score: 0,
  };
}

/** The session the page believes it has while the scheduled brief renders: a read-only system viewer. */
function systemSession(at: number): SessionInfo {
  return {
    user: { id: SYSTEM_ACTOR.id, username: 'system', display_name: '系统（定时简报）', unit_id: '', roles: ['viewer'], disabled: false, updated_at: at },
    csrf_token: '',
    expires_at: at + 10 * 60_000,
    unit_ids: [],
  };
}

export function createBriefService(deps: BriefServiceDeps): BriefService {
  const now = deps.now ?? Date.now;
  const archive = createBriefArchive(deps.dataDir);
  const baseUrl = () => {
    const url = deps.selfUrl();
    if (!url) throw new Error('the HTTP server is not listening yet');
    return url;
  };
  const build = (actor: Actor, date: string) => buildDailyBrief({ store: deps.store, workflow: deps.workflow, timezone: deps.timezone, now }, actor, date);
  return {
    archive,
    defaultDate: () => addDays(localDate(now(), deps.timezone), -1),
    build,
    renderForSession(date, cookieName, cookieValue, lang) {
      return deps.renderer.render({ baseUrl: baseUrl(), date, timezone: deps.timezone, source: { kind: 'session', cookieName, cookieValue }, ...(lang ? { lang } : {}) });
    },
    async generateStored(date) {
      const brief = await build(SYSTEM_ACTOR, date);
      const pdf = await deps.renderer.render({ baseUrl: baseUrl(), date, timezone: deps.timezone, source: { kind: 'data', brief, session: systemSession(now()) } });
      const stored = await archive.save(date, pdf);
      await deps.notifier?.()?.notify({ alert: briefEnvelope(brief, now()), action: 'opened', message: briefMessage(brief, deps.publicUrl) });
      return stored;
    },
  };
}
