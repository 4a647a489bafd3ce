// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import { configure } from '@testing-library/dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SessionInfo } from '@fenghuo/shared/workflow';
import { SessionContext } from '../session';
import type { DraftView } from '../workspace/types';
import ReviewQueuePage from './ReviewQueuePage';

const submitted: DraftView = {
  id: 'd1',
  unit_id: 'u1',
  kind: 'rebuttal',
  platform: 'weibo',
  title: '辟谣声明：网传自来水污染不实',
  body: '网传内容不实。\n咨询电话0716-8123456。',
  text_version: 2,
  version: 5,
  status: 'submitted',
  author_id: 'user-author',
  levels: 1,
  reviews: [],
  current_level: 1,
  versions: [
    { version: 1, title: 't', body: '网传内容不实。', at: 0, by: 'user-author' },
    { version: 2, title: 't', body: '网传内容不实。\n咨询电话0716-8123456。', at: 1, by: 'user-author' },
  ],
  created_at: 0,
  updated_at: 1,
  checks: [],
  blocking: false,
};
const published: DraftView = { ...submitted, id: 'd0', title: '情况通报：某事故', status: 'published', publication: { where: '微博', at: Date.parse('2026-11-27T10:00:00+08:00'), by: 'user-author', link: 'https://weibo.com/1' } };

type Handler = (body: unknown) => { status: number; body: unknown };

function mockApi(routes: Record<string, Handler>) {
  const calls: { key: string; body: unknown }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (path: string, init: RequestInit = {}) => {
      const key = `${init.method ?? 'GET'} ${path}`;
      const body = init.body ? JSON.parse(String(init.body)) : undefined;
      calls.push({ key, body });
      const r = routes[key]?.(body) ?? { status: 404, body: { error: `no route ${key}` } };
      return new Response(JSON.stringify(r.body), { status: r.status, headers: { 'Content-Type': 'application/json' } });
    }),
  );
  return calls;
}

const routes: Record<string, Handler> = {
  'GET /api/v1/people': () => ({ status: 200, body: { people: [{ id: 'user-author', display_name: '张三', unit_id: 'u1' }] } }),
  'GET /api/v1/drafts?status=submitted': () => ({ status: 200, body: { drafts: [submitted, { ...submitted, id: 'mine', title: '我自己的稿', author_id: 'user-rev' }] } }),
  'GET /api/v1/drafts?status=published': () => ({ status: 200, body: { drafts: [published] } }),
  'GET /api/v1/drafts/d1/diff?from=1&to=2': () => ({
    status: 200,
    body: { from: 1, to: 2, unified: '', lines: [{ op: 'same', text: '网传内容不实。', oldLine: 1, newLine: 1 }, { op: 'add', text: '咨询电话0716-8123456。', newLine: 2 }] },
  }),
};

function renderPage() {
  const session: SessionInfo = { user: { id: 'user-rev', username: 'rev', display_name: 'Rev', unit_id: 'u1', roles: ['reviewer'], disabled: false, updated_at: 0 }, csrf_token: 'x', expires_at: 0, unit_ids: ['u1'] };
  return render(
    <SessionContext.Provider value={{ session, signOut: async () => {} }}>
      <ReviewQueuePage params={{}} />
    </SessionContext.Provider>,
  );
}

// The machine is shared and busy: give async queries more than the default second.
configure({ asyncUtilTimeout: 5000 });

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('ReviewQueuePage', () => {
  it('lists drafts waiting for this reviewer (not their own) and shows the first one’s diff side by side', async () => {
    mockApi(routes);
    const { container, findByTestId } = renderPage();
    const panel = await findByTestId('review-panel');
    expect([...container.querySelectorAll('.queue-list a')].map((a) => a.textContent)).toEqual(['辟谣声明：网传自来水污染不实']);
    await waitFor(() => expect(panel.querySelector('.diff-table')).not.toBeNull());
    expect(panel.querySelector('[data-side="right"].diff-add')!.textContent).toBe('+咨询电话0716-8123456。');
    expect(container.querySelector('.publish-log tbody')!.textContent).toContain('微博');
    // People by name, not by id.
    await waitFor(() => expect(panel.querySelector('.room-meta')!.textContent).toContain('起草人：张三'));
    expect(container.querySelector('.publish-log tbody')!.textContent).toContain('张三');
  });

  it('will not reject without a comment, and approves with the version seen and the comment', async () => {
    const calls = mockApi({ ...routes, 'POST /api/v1/drafts/d1/review': () => ({ status: 200, body: { ...submitted, status: 'approved' } }) });
    const { findByTestId, getByRole, getByLabelText, findByText } = renderPage();
    await findByTestId('review-panel');
    fireEvent.click(getByRole('button', { name: '↩ 退回' }));
    await findByText(/退回须填写意见/);
    expect(calls.some((c) => c.key === 'POST /api/v1/drafts/d1/review')).toBe(false);
    fireEvent.change(getByLabelText('审核意见'), { target: { value: '同意' } });
    fireEvent.click(getByRole('button', { name: '✓ 通过' }));
    await findByText(/已通过：/);
    expect(calls.find((c) => c.key === 'POST /api/v1/drafts/d1/review')!.body).toEqual({ expected_version: 5, decision: 'approve', comment: '同意' });
  });

  it('keeps the comment being typed when the queue reloads', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      const calls = mockApi(routes);
      const { findByTestId, getByLabelText } = renderPage();
      await findByTestId('review-panel');
      fireEvent.change(getByLabelText('审核意见'), { target: { value: '第三段请再核实' } });
      await vi.advanceTimersByTimeAsync(16_000);
      await waitFor(() => expect(calls.filter((c) => c.key === 'GET /api/v1/drafts?status=submitted').length).toBeGreaterThanOrEqual(2));
      await act(async () => {
        await new Promise((r) => setTimeout(r, 50));
      });
      expect((getByLabelText('审核意见') as HTMLTextAreaElement).value).toBe('第三段请再核实');
    } finally {
      vi.useRealTimers();
    }
  });

  it('shows the findings that block an approval (422)', async () => {
    mockApi({
      ...routes,
      'POST /api/v1/drafts/d1/review': () => ({ status: 422, body: { error: 'the checks found 1 error(s); fix them before approval', findings: [{ check: 'missing_element', severity: 'error', message: '缺少发布单位' }] } }),
    });
    const { findByTestId, getByRole, findByText } = renderPage();
    await findByTestId('review-panel');
    fireEvent.click(getByRole('button', { name: '✓ 通过' }));
    await findByText('缺少发布单位');
    await findByText(/fix them before approval/);
  });
});
