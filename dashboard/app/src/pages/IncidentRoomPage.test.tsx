// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import { configure } from '@testing-library/dom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Incident, SessionInfo } from '@fenghuo/shared/workflow';
import { SessionContext } from '../session';
import IncidentRoomPage from './IncidentRoomPage';

configure({ asyncUtilTimeout: 5000 });

const MIN = 60_000;
const T0 = Date.now() - 30 * MIN;

const incident: Incident = {
  id: 'inc-1',
  title: '化工厂爆炸',
  severity: 'major',
  unit_id: 'u1',
  unit_role: 'territorial',
  event_ids: ['e1'],
  alert_ids: [],
  status: 'open',
  first_mention_at: T0,
  detected_at: T0 + 5 * MIN,
  opened_at: T0 + 10 * MIN,
  opened_by: 'user-a',
  actions: [],
  version: 3,
  updated_at: T0 + 10 * MIN,
  clock: {
    start_at: T0,
    start_basis: 'first_mention',
    deadlines: [{ key: 'release', label: '发布权威信息', start_at: T0, due_at: T0 + 300 * MIN, warn_at: T0 + 240 * MIN, state: 'pending', remaining_ms: 270 * MIN }],
  },
};

/** A stand-in for the browser's EventSource: the test delivers the feed's messages. */
class FakeEventSource {
  static last: FakeEventSource | undefined;
  readyState = 1;
  onopen: (() => void) | null = null;
  onerror: (() => void) | null = null;
  private handlers = new Map<string, ((e: MessageEvent) => void)[]>();
  constructor(readonly url: string) {
    FakeEventSource.last = this;
  }
  addEventListener(name: string, fn: (e: MessageEvent) => void) {
    this.handlers.set(name, [...(this.handlers.get(name) ?? []), fn]);
  }
  removeEventListener() {}
  close() {}
  emit(name: string, data: unknown) {
    for (const fn of this.handlers.get(name) ?? []) fn(new MessageEvent(name, { data: JSON.stringify(data) }));
  }
}

function mockApi() {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (path: string) => {
      let body: unknown = { error: path };
      let status = 200;
      if (path === '/api/v1/incidents/inc-1') body = incident;
      else if (path === '/api/v1/drafts?incident=inc-1') body = { drafts: [] };
      else if (path === '/api/v1/units') body = { units: [{ id: 'u1', name: '某某市应急管理局', kind: 'city', updated_at: 0 }] };
      else if (path === '/api/v1/events/e1') body = { id: 'e1', title: '某化工厂发生爆炸', size: 12, first_seen: T0, series: [{ t: Math.floor(T0 / MIN) * MIN, platform: 'weibo', count: 12 }] };
      else status = 404;
      return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
    }),
  );
}

function renderRoom() {
  const session: SessionInfo = { user: { id: 'user-a', username: 'a', display_name: 'A', unit_id: 'u1', roles: ['responder'], disabled: false, updated_at: 0 }, csrf_token: 'x', expires_at: 0, unit_ids: ['u1'] };
  return render(
    <SessionContext.Provider value={{ session, signOut: async () => {} }}>
      <IncidentRoomPage params={{ id: 'inc-1' }} />
    </SessionContext.Provider>,
  );
}

beforeEach(() => {
  mockApi();
  vi.stubGlobal('EventSource', FakeEventSource);
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('IncidentRoomPage', () => {
  it('shows the header, the clocks, the linked event and its volume on the timeline', async () => {
    const { findByRole, container, findByText } = renderRoom();
    await findByRole('heading', { name: '化工厂爆炸' });
    expect(container.querySelector('.room-meta')!.textContent).toContain('某某市应急管理局');
    expect(container.querySelector('.room-clocks figure')!.getAttribute('aria-label')).toContain('发布权威信息');
    await findByText('某化工厂发生爆炸');
    await waitFor(() => expect(container.querySelectorAll('.tl-layer')).toHaveLength(1));
    // The same timeline as a list, for reading aloud and printing.
    expect([...container.querySelectorAll('.timeline-table tbody tr')].map((r) => r.getAttribute('data-kind'))).toEqual(['first_mention', 'detection', 'opened', 'deadline:pending']);
  });

  it('takes a newer version of the incident from the live feed and ignores an older one', async () => {
    const { findByRole, findByText, container } = renderRoom();
    await findByRole('heading', { name: '化工厂爆炸' });
    const newer: Incident = { ...incident, version: 4, status: 'responding', actions: [{ id: 'a1', kind: 'rebuttal', at: Date.now(), source: 'account', note: '官方微博辟谣', by: 'system', logged_at: Date.now() }] };
    act(() => FakeEventSource.last!.emit('wall', { incidents: [newer] }));
    await findByText('官方微博辟谣');
    expect(container.querySelectorAll('.tl-marker-action')).toHaveLength(1);
    // The feed being live re-polls at once; the poll's older answer does not roll the incident back.
    await new Promise((r) => setTimeout(r, 100));
    expect(container.querySelectorAll('.tl-marker-action')).toHaveLength(1);
    act(() => FakeEventSource.last!.emit('wall', { incidents: [{ ...incident, version: 2, title: '旧标题' }] }));
    expect(container.querySelector('h1')!.textContent).toBe('化工厂爆炸');
    expect(container.querySelector('.room-meta .status-tag')!.textContent).toBe('处置中');
  });

  it('exports the combined timeline as CSV', async () => {
    let saved: Blob | undefined;
    const createObjectURL = vi.fn((b: Blob) => {
      saved = b;
      return 'blob:x';
    });
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() }));
    const { findByRole, findByText } = renderRoom();
    await findByRole('heading', { name: '化工厂爆炸' });
    await findByText('某化工厂发生爆炸');
    fireEvent.click(await findByRole('button', { name: '导出时间线 CSV' }));
    expect(createObjectURL).toHaveBeenCalledTimes(1);
    const bytes = new Uint8Array(await saved!.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = await saved!.text();
    expect(text.split('\r\n')[0]).toBe('time,local_time,kind,label,detail');
    for (const kind of ['volume', 'first_mention', 'detection', 'opened', 'deadline:pending']) expect(text).toContain(`,${kind},`);
  });
});
