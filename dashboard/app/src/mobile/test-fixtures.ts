import { vi } from 'vitest';
import type { Alert } from '@fenghuo/shared/analytics';
import type { DailyBrief } from '@fenghuo/shared/api';
import type { ConsultationAnalysis } from '@fenghuo/shared/consultation';
import type { Checklist } from '@fenghuo/shared/playbook';
import type { Incident, Role, SessionInfo } from '@fenghuo/shared/workflow';
import type { DraftView } from '../workspace/types';

/** Fixed answers for the phone view's tests: a day with one event, a rumor and an open incident; an alert; a draft to review. */
export const T0 = Date.UTC(2026, 10, 27, 2, 0); // 2026-11-27 10:00 in Shanghai
const MIN = 60_000;

export function session(roles: Role[], id = 'user-me'): SessionInfo {
  return { user: { id, username: id, display_name: '王主任', unit_id: 'u1', roles, disabled: false, updated_at: 0 }, csrf_token: 'csrf-1', expires_at: T0 + 3_600_000, unit_ids: ['u1'] };
}

export const brief: DailyBrief = {
  date: '2026-11-27',
  timezone: 'Asia/Shanghai',
  from: T0 - 10 * 60 * MIN,
  to: T0 + 14 * 60 * MIN,
  generated_at: T0,
  complete: false,
  as_of: T0,
  totals: { mentions: 12_345, negative: 4_000, positive: 1_000, neutral: 7_345, negative_share: 0.324, hourly: [] },
  top_events: [{ id: 'e1', title: '沙市区化工厂爆炸', keywords: ['爆炸'], mentions: 9_000, sentiment: { positive: 0, negative: 3_000, neutral: 6_000 }, negative_share: 0.33, first_seen: T0 - 60 * MIN, size: 9_000, rumor_score: 0.2, provinces: ['湖北'] }],
  rumors: [{ event_id: 'e2', title: '网传自来水被污染', mentions: 300, rumor_score: 0.8, first_seen: T0 - 30 * MIN, rebutted: false }],
  incidents: { opened: [], closed: [] },
  response: { units: [] },
  watch: { rising: [], unrebutted_rumors: [], open_incidents: [{ id: 'inc-1', title: '沙市区化工厂爆炸处置', unit_id: 'u1', status: 'open', next: { label: '首次发布', due_at: T0 + 30 * MIN } }] },
} as unknown as DailyBrief;

export const alert: Alert = {
  id: 'al-1',
  event_id: 'e1',
  title: '沙市区化工厂爆炸',
  severity: 'high',
  status: 'open',
  opened_at: T0 - 5 * MIN,
  updated_at: T0 - 5 * MIN,
  reasons: [{ kind: 'rising', detail: 'rising', observed: 30, expected: 3, statistic: 'ratio', value: 10 } as Alert['reasons'][number]],
  first_mentions: [],
  samples: [],
  rumor_score: 0.1,
};

export function incident(id: string, title: string, dueInMin: number | undefined): Incident {
  const due = dueInMin === undefined ? undefined : T0 + dueInMin * MIN;
  return {
    id,
    title,
    severity: 'large',
    unit_id: 'u1',
    unit_role: 'territorial',
    event_ids: [],
    alert_ids: [],
    status: 'open',
    opened_at: T0 - 10 * MIN,
    opened_by: 'user-duty',
    actions: [],
    version: 1,
    updated_at: T0,
    ...(due !== undefined
      ? { clock: { start_at: T0 - 10 * MIN, start_basis: 'first_mention', next: { key: 'first_release', label: '首次发布', due_at: due }, deadlines: [{ key: 'first_release', label: '首次发布', start_at: T0 - 10 * MIN, due_at: due, warn_at: due - 10 * MIN, state: 'pending', remaining_ms: due - T0 }] } }
      : {}),
  };
}

export const checklist: Checklist = {
  incident_id: 'inc-1',
  playbook_id: 'safety_accident',
  playbook_name: '安全生产事故预案',
  playbook_version: 1,
  items: [
    { key: 'verify', step_id: 'verify', title: '核实现场情况', owner: { role: 'responder', unit: 'incident', label: '值班员' }, required: true, templates: [], due_basis: 'start+30m', due_at: T0 + 20 * MIN, state: 'pending' },
    { key: 'report', step_id: 'report', title: '向上级报告', owner: { role: 'responder', unit: 'incident' }, required: true, templates: [], due_basis: 'start+60m', due_at: T0 - 5 * MIN, state: 'done', done: { by: 'user-duty', by_name: '李值班', at: T0 - 8 * MIN, late: false } },
    { key: 'notice', step_id: 'notice', title: '发布情况通报', owner: { role: 'responder', unit: 'incident' }, required: true, templates: [], due_basis: 'start+5m', due_at: T0 - 1 * MIN, state: 'overdue' },
  ],
  counts: { pending: 1, done: 1, skipped: 0, overdue: 1 },
  events: [],
  version: 1,
};

export const draft: DraftView = {
  id: 'd1',
  unit_id: 'u1',
  kind: 'situation_report',
  platform: 'weibo',
  title: '沙市区化工厂爆炸情况通报',
  body: '一辆鄂D·12345货车受损。市领导高度重视。',
  text_version: 1,
  version: 3,
  status: 'submitted',
  author_id: 'user-author',
  levels: 1,
  reviews: [],
  current_level: 1,
  versions: [{ version: 1, title: 't', body: '', at: 0, by: 'user-author' }],
  created_at: 0,
  updated_at: T0,
  checks: [
    { check: 'licence_plate', severity: 'warning', message: '车牌号', start: 2, end: 10, match: '鄂D·****5' },
    { check: 'sensitive_wording', severity: 'warning', message: '套话', start: 18, end: 22, match: '高度重视' },
  ],
  blocking: false,
} as DraftView;

export const analysis: ConsultationAnalysis = {
  consultation_id: 'c1',
  version: 1,
  generated_at: T0,
  totals: { comments: 120, accounts: 80, weighted: 100, duplicates: 5, campaign_comments: 16, general: 10 },
  stances: { support: 50, oppose: 30, suggestion: 15, other: 5 },
  bucket_ms: 86_400_000,
  volume: [],
  themes: [{ key: 'k1', label: '夜间·免费·停车', keywords: ['夜间', '免费', '停车'], size: 40, stances: { support: 20, oppose: 10, suggestion: 8, other: 2 }, representatives: [{ id: 'weibo:1', platform: 'weibo', author: '市民甲', at: T0, text: '建议夜间停车免费', stance: 'suggestion', cues: [], sections: [], duplicate: false }], sections: ['s1'] }],
  sections: [
    { section_id: 's1', title: '第一条 收费标准', count: 12, stances: { support: 2, oppose: 8, suggestion: 2, other: 0 } },
    { section_id: 's2', title: '第二条 收费时段', count: 30, stances: { support: 10, oppose: 15, suggestion: 5, other: 0 } },
  ],
  campaigns: [{ id: 'cp1', text: '坚决反对涨价', accounts: 16, first_at: T0, last_at: T0, stance: 'oppose', members: [] }],
  suggestions: [],
  feedback: [],
} as unknown as ConsultationAnalysis;

export type Answer = { status?: number; body: unknown; headers?: Record<string, string> } | Error;

/**
 * A scripted server: `METHOD path` → an answer (or an Error, as a fetch
 * without network throws); records every call with its headers and body.
 */
export function mockServer(routes: Record<string, Answer | ((body: unknown) => Answer)>) {
  const calls: { key: string; body: unknown; headers: Record<string, string> }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (path: string, init: RequestInit = {}) => {
      const key = `${init.method ?? 'GET'} ${path}`;
      const body = init.body ? JSON.parse(String(init.body)) : undefined;
      calls.push({ key, body, headers: (init.headers ?? {}) as Record<string, string> });
      const route = routes[key];
      const a = typeof route === 'function' ? route(body) : (route ?? { status: 404, body: { error: `no route ${key}` } });
      if (a instanceof Error) throw a;
      return new Response(JSON.stringify(a.body), { status: a.status ?? 200, headers: { 'Content-Type': 'application/json', ...a.headers } });
    }),
  );
  return calls;
}
