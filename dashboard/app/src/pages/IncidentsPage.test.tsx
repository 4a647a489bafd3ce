// @vitest-environment jsdom
import { cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import { configure } from '@testing-library/dom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Incident, Role, SessionInfo } from '@fenghuo/shared/workflow';
import { SessionContext } from '../session';
import IncidentsPage from './IncidentsPage';

configure({ asyncUtilTimeout: 5000 });

const HOUR = 3_600_000;
const now = Date.now();
const inc = (id: string, title: string, next: number | undefined, status: Incident['status'] = 'open'): Incident =>
  ({
    id,
    title,
    severity: 'major',
    unit_id: 'u1',
    unit_role: 'territorial',
    event_ids: [],
    alert_ids: [],
    status,
    opened_at: now - 2 * HOUR,
    opened_by: 'x',
    actions: [],
    version: 1,
    updated_at: now,
    ...(next !== undefined ? { clock: { start_at: now - 2 * HOUR, start_basis: 'detection', deadlines: [], next: { key: 'release', label: '发布权威信息', due_at: next } } } : {}),
  }) as Incident;

function mockApi() {
  const calls: { key: string; body: unknown }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (path: string, init: RequestInit = {}) => {
      const key = `${init.method ?? 'GET'} ${path}`;
      calls.push({ key, body: init.body ? JSON.parse(String(init.body)) : undefined });
      let body: unknown = {};
      if (path.startsWith('/api/v1/incidents?')) body = { incidents: [inc('a', '晚到期', now + 3 * HOUR), inc('b', '已超时', now - HOUR), inc('c', '无时限', undefined, 'monitoring')] };
      else if (path === '/api/v1/units') body = { units: [{ id: 'u1', name: '某某市应急管理局', kind: 'city', updated_at: 0 }] };
      else if (key === 'POST /api/v1/incidents') body = inc('new', '新事件', undefined);
      return new Response(JSON.stringify(body), { status: key === 'POST /api/v1/incidents' ? 201 : 200, headers: { 'Content-Type': 'application/json' } });
    }),
  );
  return calls;
}

function renderAs(roles: Role[]) {
  const session: SessionInfo = { user: { id: 'me', username: 'me', display_name: 'Me', unit_id: 'u1', roles, disabled: false, updated_at: 0 }, csrf_token: 'x', expires_at: 0, unit_ids: ['u1'] };
  return render(
    <SessionContext.Provider value={{ session, signOut: async () => {} }}>
      <IncidentsPage params={{}} />
    </SessionContext.Provider>,
  );
}

beforeEach(() => window.history.replaceState(null, '', '/incidents'));
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('IncidentsPage', () => {
  it('lists active incidents soonest deadline first, overdue ones marked in words', async () => {
    const calls = mockApi();
    const { container, findByText } = renderAs(['viewer']);
    await findByText('已超时');
    const rows = [...container.querySelectorAll('.incident-table tbody tr')];
    expect(rows.map((r) => r.querySelector('a')!.textContent)).toEqual(['已超时', '晚到期', '无时限']);
    expect(rows[0]!.textContent).toContain('✕ 发布权威信息 · 超时 1小时00分');
    expect(rows[1]!.textContent).toMatch(/◔ 发布权威信息 · 剩余 (2小时59分|3小时00分)/);
    expect(rows[2]!.textContent).toContain('无待办时限');
    await waitFor(() => expect(rows[0]!.textContent).toContain('某某市应急管理局'));
    expect(calls.some((c) => c.key === 'GET /api/v1/incidents?status=active')).toBe(true);
  });

  it('asks the server for the status chosen', async () => {
    const calls = mockApi();
    const { findByText, getByRole } = renderAs(['viewer']);
    await findByText('已超时');
    fireEvent.click(getByRole('link', { name: '已结束' }));
    await waitFor(() => expect(calls.some((c) => c.key === 'GET /api/v1/incidents?status=closed')).toBe(true));
    fireEvent.click(getByRole('link', { name: '全部' }));
    await waitFor(() => expect(calls.some((c) => c.key === 'GET /api/v1/incidents')).toBe(true));
  });

  it('offers the form to open an incident to responders only, and opens the room after', async () => {
    const calls = mockApi();
    const viewer = renderAs(['viewer']);
    await viewer.findByText('已超时');
    expect(viewer.queryByRole('button', { name: '新建事件' })).toBeNull();
    cleanup();
    const { findByText, getByRole, getByLabelText } = renderAs(['responder']);
    await findByText('已超时');
    fireEvent.click(getByRole('button', { name: '新建事件' }));
    fireEvent.change(getByLabelText(/事件名称/), { target: { value: '新事件' } });
    fireEvent.click(getByRole('form', { name: '新建处置事件' }).querySelector('button[type="submit"]')!);
    await waitFor(() => expect(window.location.pathname).toBe('/incidents/new'));
    expect(calls.find((c) => c.key === 'POST /api/v1/incidents')!.body).toMatchObject({ title: '新事件', unit_id: 'u1', severity: 'general' });
  });
});
