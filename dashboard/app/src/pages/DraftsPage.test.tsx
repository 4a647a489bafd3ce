// @vitest-environment jsdom
import { cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import { configure } from '@testing-library/dom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SessionInfo } from '@fenghuo/shared/workflow';
import { SessionContext } from '../session';
import type { DraftView } from '../workspace/types';
import DraftsPage from './DraftsPage';

const draft = (id: string, author: string, title: string): DraftView => ({
  id,
  unit_id: 'u1',
  kind: 'situation_report',
  platform: 'weibo',
  title,
  body: '',
  text_version: 1,
  version: 1,
  status: 'draft',
  author_id: author,
  levels: 1,
  reviews: [],
  current_level: 0,
  versions: [],
  created_at: 0,
  updated_at: 0,
  checks: [],
  blocking: false,
});

function mockApi() {
  const calls: { key: string; body: unknown }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (path: string, init: RequestInit = {}) => {
      const key = `${init.method ?? 'GET'} ${path}`;
      const body = init.body ? JSON.parse(String(init.body)) : undefined;
      calls.push({ key, body });
      let r: { status: number; body: unknown } = { status: 404, body: { error: key } };
      if (key.startsWith('GET /api/v1/drafts')) r = { status: 200, body: { drafts: [draft('d1', 'me', '我的通报'), draft('d2', 'other', '同事的通报')] } };
      else if (key === 'GET /api/v1/templates') r = { status: 200, body: { templates: [{ kind: 'situation_report', name: '情况通报', description: '首次通报', fields: [], body: '' }, { kind: 'rebuttal', name: '辟谣声明', description: '澄清不实信息', fields: [], body: '' }] } };
      else if (key === 'GET /api/v1/incidents?status=active') r = { status: 200, body: { incidents: [{ id: 'inc-1', title: '化工厂爆炸' }] } };
      else if (key === 'POST /api/v1/drafts') r = { status: 201, body: draft('d9', 'me', 'new') };
      return new Response(JSON.stringify(r.body), { status: r.status, headers: { 'Content-Type': 'application/json' } });
    }),
  );
  return calls;
}

function renderPage() {
  const session: SessionInfo = { user: { id: 'me', username: 'me', display_name: 'Me', unit_id: 'u1', roles: ['responder'], disabled: false, updated_at: 0 }, csrf_token: 'x', expires_at: 0, unit_ids: ['u1'] };
  return render(
    <SessionContext.Provider value={{ session, signOut: async () => {} }}>
      <DraftsPage params={{}} />
    </SessionContext.Provider>,
  );
}

beforeEach(() => window.history.replaceState(null, '', '/drafts?incident=inc-1'));
// The machine is shared and busy: give async queries more than the default second.
configure({ asyncUtilTimeout: 5000 });

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('DraftsPage', () => {
  it('creates a draft from the chosen template for the incident in the address and opens it', async () => {
    const calls = mockApi();
    const { getByLabelText, getByRole, findByRole } = renderPage();
    await findByRole('option', { name: '辟谣声明' });
    await waitFor(() => expect((getByLabelText('所属事件') as HTMLSelectElement).value).toBe('inc-1'));
    fireEvent.change(getByLabelText('模板'), { target: { value: 'rebuttal' } });
    fireEvent.change(getByLabelText('发布平台'), { target: { value: 'douyin' } });
    fireEvent.click(getByRole('button', { name: '创建草稿' }));
    await waitFor(() => expect(window.location.pathname).toBe('/drafts/d9'));
    expect(calls.find((c) => c.key === 'POST /api/v1/drafts')!.body).toEqual({ kind: 'rebuttal', platform: 'douyin', incident_id: 'inc-1' });
    expect(calls.some((c) => c.key === 'GET /api/v1/drafts?incident=inc-1')).toBe(true);
  });

  it('shows only one’s own drafts when asked', async () => {
    mockApi();
    const { container, findByText, getByLabelText } = renderPage();
    await findByText('同事的通报');
    fireEvent.click(getByLabelText('只看我起草的'));
    await waitFor(() => expect([...container.querySelectorAll('.draft-table tbody a')].map((a) => a.textContent).filter((x) => x !== '化工厂爆炸' && x !== 'inc-1')).toEqual(['我的通报']));
    expect(window.location.search).toContain('mine=1');
  });
});
