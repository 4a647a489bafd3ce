// @vitest-environment jsdom
import { cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import { configure } from '@testing-library/dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Role, SessionInfo } from '@fenghuo/shared/workflow';
import { SessionContext } from '../session';
import type { CheckFinding, DraftView } from '../workspace/types';
import DraftEditorPage from './DraftEditorPage';

const BODY = '**情况通报**\n\n请拨打13800138000咨询。\n\n某某市应急管理局';
const at = BODY.indexOf('138');
const phone: CheckFinding = { check: 'mobile', severity: 'error', message: '疑似个人手机号码', start: at, end: at + 11, match: '138****8000' };

const draft: DraftView = {
  id: 'd1',
  incident_id: 'inc-1',
  unit_id: 'u1',
  kind: 'situation_report',
  platform: 'weibo',
  title: '情况通报：某事故',
  body: BODY,
  text_version: 1,
  version: 1,
  status: 'draft',
  author_id: 'user-a',
  levels: 1,
  reviews: [],
  current_level: 0,
  versions: [{ version: 1, title: '情况通报：某事故', body: BODY, at: 0, by: 'user-a' }],
  created_at: 0,
  updated_at: 0,
  checks: [phone],
  blocking: true,
};

type Handler = (body: unknown) => { status: number; body: unknown };

function mockApi(routes: Record<string, Handler>) {
  const calls: { key: string; body: unknown }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (path: string, init: RequestInit = {}) => {
      const key = `${init.method ?? 'GET'} ${path}`;
      const body = init.body ? JSON.parse(String(init.body)) : undefined;
      calls.push({ key, body });
      const h = routes[key];
      const r = h ? h(body) : { status: 404, body: { error: `no route ${key}` } };
      return new Response(JSON.stringify(r.body), { status: r.status, headers: { 'Content-Type': 'application/json' } });
    }),
  );
  return calls;
}

const base: Record<string, Handler> = {
  'GET /api/v1/templates': () => ({ status: 200, body: { templates: [{ kind: 'situation_report', name: '情况通报', description: '首次通报', body: '', fields: [{ key: 'facts', label: '基本情况', required: true, hint: '未经核实的伤亡人数不要写入' }] }] } }),
  'GET /api/v1/drafts/d1': () => ({ status: 200, body: draft }),
  'GET /api/v1/drafts/d1/history': () => ({ status: 200, body: { history: [{ seq: 1, action: 'create', actor: 'user-a', at: 0, status: 'draft', text_version: 1 }] } }),
  'GET /api/v1/incidents/inc-1/suggestions': () => ({ status: 200, body: { kb: [], qa: [{ id: 'qa1', question: '水还能喝吗', answer: '供水水质符合国家标准。', score: 3 }] } }),
};

function renderAs(roles: Role[]) {
  const session: SessionInfo = { user: { id: 'user-a', username: 'a', display_name: 'A', unit_id: 'u1', roles, disabled: false, updated_at: 0 }, csrf_token: 'x', expires_at: 0, unit_ids: ['u1'] };
  return render(
    <SessionContext.Provider value={{ session, signOut: async () => {} }}>
      <DraftEditorPage params={{ id: 'd1' }} />
    </SessionContext.Provider>,
  );
}

// The machine is shared and busy: give async queries more than the default second.
configure({ asyncUtilTimeout: 5000 });

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('DraftEditorPage', () => {
  it('marks the saved draft’s findings in the text and lists them', async () => {
    mockApi(base);
    const { container, findByText } = renderAs(['responder']);
    await findByText('疑似个人手机号码');
    const mark = container.querySelector('.checked-text mark')!;
    expect(mark.getAttribute('data-group')).toBe('personal');
    expect(mark.firstChild!.textContent).toBe('13800138000');
  });

  it('checks the text being edited and marks what the server found in it', async () => {
    const calls = mockApi({
      ...base,
      'POST /api/v1/checks': (b) => {
        const text = (b as { text: string }).text;
        const s = text.indexOf('非法');
        return { status: 200, body: { findings: [{ check: 'forbidden_wording', severity: 'error', message: '禁用措辞', start: s, end: s + 2, match: '非法' }], blocking: true } };
      },
    });
    const { container, getByLabelText, getByRole, findByText } = renderAs(['responder']);
    await findByText('疑似个人手机号码');
    const edited = BODY.replace('请拨打13800138000咨询。', '严禁非法传播。');
    fireEvent.change(getByLabelText('正文（Markdown）'), { target: { value: edited } });
    // The marks now belong to the old text, and the page says so.
    expect(container.querySelector('.stale-note')).not.toBeNull();
    fireEvent.click(getByRole('button', { name: '检查' }));
    await findByText('禁用措辞');
    expect(calls.find((c) => c.key === 'POST /api/v1/checks')!.body).toEqual({ text: edited, kind: 'situation_report', platform: 'weibo', incident_id: 'inc-1' });
    const marks = [...container.querySelectorAll('.checked-text mark')];
    expect(marks.map((m) => [m.getAttribute('data-group'), m.firstChild!.textContent])).toEqual([['wording', '非法']]);
    expect(container.querySelector('.stale-note')).toBeNull();
  });

  it('shows a save refused with 409 as a conflict and keeps the text being edited', async () => {
    const calls = mockApi({ ...base, 'PUT /api/v1/drafts/d1': () => ({ status: 409, body: { error: 'draft d1 changed meanwhile: version 2, not 1; reload it' } }) });
    const { getByLabelText, getByRole, findByRole } = renderAs(['responder']);
    await findByRole('button', { name: '保存' });
    fireEvent.change(getByLabelText('正文（Markdown）'), { target: { value: '我的修改' } });
    fireEvent.click(getByRole('button', { name: '保存' }));
    const alert = await findByRole('alert');
    expect(alert.textContent).toContain('版本冲突');
    expect(alert.textContent).toContain('version 2, not 1');
    expect(calls.find((c) => c.key === 'PUT /api/v1/drafts/d1')!.body).toEqual({ expected_version: 1, title: '情况通报：某事故', body: '我的修改' });
    expect((getByLabelText('正文（Markdown）') as HTMLTextAreaElement).value).toBe('我的修改');
  });

  it('inserts a Q&A answer where the cursor is', async () => {
    mockApi(base);
    const { getByLabelText, findByRole } = renderAs(['responder']);
    const insert = await findByRole('button', { name: '插入' });
    const area = getByLabelText('正文（Markdown）') as HTMLTextAreaElement;
    area.setSelectionRange(BODY.indexOf('某某市'), BODY.indexOf('某某市'));
    fireEvent.click(insert);
    expect(area.value).toBe(BODY.replace('某某市', '供水水质符合国家标准。某某市'));
  });

  it('explains what the draft’s template asks for', async () => {
    mockApi(base);
    const { findByText, container } = renderAs(['responder']);
    await findByText('未经核实的伤亡人数不要写入');
    expect(container.querySelector('.template-guide dt')!.textContent).toBe('基本情况 (必填)');
  });

  it('is read-only for a reviewer, who cannot save or submit', async () => {
    mockApi(base);
    const { getByLabelText, queryByRole, findByText } = renderAs(['reviewer']);
    await findByText('疑似个人手机号码');
    expect((getByLabelText('正文（Markdown）') as HTMLTextAreaElement).readOnly).toBe(true);
    expect(queryByRole('button', { name: '保存' })).toBeNull();
    expect(queryByRole('button', { name: '提交审核' })).toBeNull();
    expect(queryByRole('button', { name: '插入' })).toBeNull();
  });
});
