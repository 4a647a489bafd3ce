// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Role } from '@fenghuo/shared/workflow';
import { setCsrfToken } from '../api';
import { I18nProvider, type Lang } from '../i18n';
import { SessionContext } from '../session';
import AlertsScreen from './AlertsScreen';
import BriefScreen from './BriefScreen';
import ConsultationScreen from './ConsultationScreen';
import IncidentScreen from './IncidentScreen';
import IncidentsScreen from './IncidentsScreen';
import { MobileApp } from './MobileApp';
import ReviewDraftScreen from './ReviewDraftScreen';
import { alert, analysis, brief, checklist, draft, incident, mockServer, session, T0 } from './test-fixtures';

function renderAs(roles: Role[], node: ReactNode, lang: Lang = 'zh') {
  return render(
    <I18nProvider lang={lang}>
      <SessionContext.Provider value={{ session: session(roles), signOut: async () => {} }}>{node}</SessionContext.Provider>
    </I18nProvider>,
  );
}

beforeEach(() => {
  vi.useFakeTimers({ shouldAdvanceTime: true, now: T0 });
  window.history.replaceState(null, '', '/m/');
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
  setCsrfToken('');
});

describe('phone view: the app', () => {
  it.each([
    [['reviewer'] as Role[], ['简报', '事件', '预警', '审核', '征求意见']],
    [['responder'] as Role[], ['简报', '事件', '预警', '征求意见']],
    [['viewer'] as Role[], ['简报', '事件', '预警', '征求意见']],
  ])('signed in as %j: tabs %j, the brief first', async (roles, tabs) => {
    mockServer({ 'GET /api/v1/session': { body: session(roles) }, 'GET /api/v1/brief?date=2026-11-27': { body: brief } });
    render(
      <I18nProvider lang="zh">
        <MobileApp />
      </I18nProvider>,
    );
    const nav = await screen.findByRole('navigation', { name: '主导航' });
    expect(within(nav).getAllByRole('link').map((a) => a.textContent?.replace(/^\W/u, ''))).toEqual(tabs);
    await screen.findByRole('heading', { name: '今日简报' });
  });

  it('signed out: the sign-in form', async () => {
    mockServer({ 'GET /api/v1/session': { status: 401, body: { error: 'not signed in' } } });
    render(
      <I18nProvider lang="zh">
        <MobileApp />
      </I18nProvider>,
    );
    await screen.findByLabelText('用户名');
  });

  it('without a network: the brief the service worker kept, said to be an offline copy, and nothing else', async () => {
    mockServer({
      'GET /api/v1/session': new TypeError('Failed to fetch'),
      'GET /api/v1/brief?date=2026-11-27': { body: brief, headers: { 'X-Fenghuo-Offline': '1', 'X-Fenghuo-Fetched-At': String(T0 - 30 * 60_000) } },
    });
    render(
      <I18nProvider lang="zh">
        <MobileApp />
      </I18nProvider>,
    );
    expect((await screen.findByTestId('offline-copy')).textContent).toBe('离线副本，获取于 2026-11-27 09:30');
    expect(screen.getByText(/离线：只能查看/)).toBeTruthy();
    expect(screen.queryByRole('navigation')).toBeNull();
  });

  it('a screen the roles may not open says so', async () => {
    window.history.replaceState(null, '', '/m/review');
    mockServer({ 'GET /api/v1/session': { body: session(['viewer']) } });
    render(
      <I18nProvider lang="zh">
        <MobileApp />
      </I18nProvider>,
    );
    expect((await screen.findByRole('alert')).textContent).toBe('您的角色无权查看此页面');
  });
});

describe('phone view: brief', () => {
  it.each([
    ['zh' as Lang, ['1.2万', '32%', '1（已辟谣 0）', '0（结束 0）'], '/api/v1/brief.pdf?date=2026-11-27&lang=zh'],
    ['en' as Lang, ['12.3k', '32%', '1 (0 rebutted)', '0 (0 closed)'], '/api/v1/brief.pdf?date=2026-11-27&lang=en'],
  ])('%s: headline figures, events, rumors, the PDF link and no offline mark when online', async (lang, kpis, pdf) => {
    mockServer({ 'GET /api/v1/brief?date=2026-11-27': { body: brief } });
    const { container } = renderAs(['viewer'], <BriefScreen params={{}} />, lang);
    await screen.findByText('沙市区化工厂爆炸');
    expect([...container.querySelectorAll('.m-kpis dd')].map((d) => d.textContent)).toEqual(kpis);
    expect(screen.getByRole('link', { name: 'PDF' }).getAttribute('href')).toBe(pdf);
    expect(screen.getByText('网传自来水被污染')).toBeTruthy();
    expect(screen.queryByTestId('offline-copy')).toBeNull();
  });

  it('yesterday on a tap, in the address', async () => {
    const calls = mockServer({ 'GET /api/v1/brief?date=2026-11-27': { body: brief }, 'GET /api/v1/brief?date=2026-11-26': { body: { ...brief, date: '2026-11-26', complete: true } } });
    renderAs(['viewer'], <BriefScreen params={{}} />);
    await screen.findByText('沙市区化工厂爆炸');
    fireEvent.click(screen.getByRole('button', { name: '昨天' }));
    await waitFor(() => expect(calls.map((c) => c.key)).toContain('GET /api/v1/brief?date=2026-11-26'));
    expect(window.location.search).toBe('?date=2026-11-26');
  });
});

describe('phone view: alerts', () => {
  it('a responder acknowledges: the API gets the CSRF token, the card goes, the screen says so', async () => {
    setCsrfToken('csrf-1');
    const calls = mockServer({ 'GET /api/v1/alerts?status=open&limit=50': { body: { alerts: [alert] } }, 'POST /api/v1/alerts/al-1/ack': { body: { ...alert, status: 'acknowledged' } } });
    renderAs(['responder'], <AlertsScreen params={{}} />);
    const card = await screen.findByTestId('alert-card');
    expect(card.textContent).toContain('声量上升');
    fireEvent.click(within(card).getByRole('button', { name: '确认预警' }));
    expect((await screen.findByRole('status')).textContent).toBe('✓ 已确认：沙市区化工厂爆炸');
    expect(screen.queryByTestId('alert-card')).toBeNull();
    expect(calls.find((c) => c.key === 'POST /api/v1/alerts/al-1/ack')?.headers['X-CSRF-Token']).toBe('csrf-1');
  });

  it.each([[['viewer'] as Role[]], [['reviewer'] as Role[]]])('%j may not acknowledge: no button', async (roles) => {
    mockServer({ 'GET /api/v1/alerts?status=open&limit=50': { body: { alerts: [alert] } } });
    renderAs(roles, <AlertsScreen params={{}} />);
    await screen.findByTestId('alert-card');
    expect(screen.queryByRole('button', { name: '确认预警' })).toBeNull();
  });
});

describe('phone view: incidents', () => {
  it('active incidents soonest deadline first, each counting down every second', async () => {
    // Due 30 min 0.9 s after T0: the clock reads whole seconds, and the test takes well under 0.9 s.
    mockServer({ 'GET /api/v1/incidents?status=active': { body: { incidents: [incident('inc-2', '后到期', 90), incident('inc-3', '无时限', undefined), incident('inc-1', '先到期', 30 + 0.9 / 60)] } } });
    renderAs(['viewer'], <IncidentsScreen params={{}} />);
    await screen.findByText('先到期');
    const cards = screen.getAllByTestId('incident-card');
    expect(cards.map((c) => c.querySelector('strong')?.textContent)).toEqual(['先到期', '后到期', '无时限']);
    expect(cards[0]!.querySelector('.m-clock')?.textContent).toBe('剩 30分00秒');
    await act(async () => {
      await vi.advanceTimersByTimeAsync(61_000);
    });
    expect(cards[0]!.querySelector('.m-clock')?.textContent).toBe('剩 28分59秒');
    expect(cards[2]!.textContent).toContain('时限均已完成');
  });

  it('an incident: its deadlines and its playbook checklist, read-only, with overdue steps in words', async () => {
    mockServer({ 'GET /api/v1/incidents/inc-1': { body: incident('inc-1', '沙市区化工厂爆炸', -5) }, 'GET /api/v1/incidents/inc-1/checklist': { body: checklist } });
    renderAs(['responder'], <IncidentScreen params={{ id: 'inc-1' }} />);
    const list = await screen.findByTestId('checklist');
    expect(screen.getByTestId('deadlines').textContent).toContain('✕ 超时 5分00秒');
    const steps = [...list.querySelectorAll('li')].map((li) => [li.dataset.state, li.querySelector('strong')?.textContent]);
    expect(steps).toEqual([
      ['pending', '○ 核实现场情况'],
      ['done', '✓ 向上级报告'],
      ['overdue', '✕ 发布情况通报'],
    ]);
    expect(list.textContent).toContain('值班员');
    expect(list.textContent).toContain('李值班');
    expect(list.textContent).toContain('已超时');
    expect(within(list).queryAllByRole('button')).toEqual([]);
  });

  it('an incident without a checklist shows none', async () => {
    mockServer({ 'GET /api/v1/incidents/inc-1': { body: incident('inc-1', '沙市区化工厂爆炸', 30) }, 'GET /api/v1/incidents/inc-1/checklist': { status: 404, body: { error: 'no checklist' } } });
    renderAs(['responder'], <IncidentScreen params={{ id: 'inc-1' }} />);
    await screen.findByTestId('deadlines');
    await waitFor(() => expect(screen.queryByTestId('checklist')).toBeNull());
    expect(screen.queryByRole('alert')).toBeNull();
  });
});

describe('phone view: review', () => {
  const routes = (answer: (body: unknown) => { status?: number; body: unknown }) => ({ 'GET /api/v1/drafts/d1': { body: draft }, 'POST /api/v1/drafts/d1/review': answer });

  it('shows the checks marked in the text and listed; a rejection needs a comment; approval sends the version and the comment', async () => {
    setCsrfToken('csrf-1');
    const calls = mockServer(routes(() => ({ body: { ...draft, status: 'approved', version: 4 } })));
    const { container } = renderAs(['reviewer'], <ReviewDraftScreen params={{ id: 'd1' }} />);
    await screen.findByRole('heading', { name: draft.title });
    expect([...container.querySelectorAll('mark')].map((m) => [m.getAttribute('data-group'), m.firstChild?.textContent])).toEqual([
      ['personal', '鄂D·12345'],
      ['wording', '高度重视'],
    ]);
    expect([...container.querySelectorAll('li[data-check]')].map((li) => li.getAttribute('data-check'))).toEqual(['licence_plate', 'sensitive_wording']);
    fireEvent.click(screen.getByRole('button', { name: '↩ 退回' }));
    expect(screen.getByRole('alert').textContent).toBe('退回须填写意见，告诉起草人要改什么');
    expect(calls.filter((c) => c.key.startsWith('POST'))).toEqual([]);
    fireEvent.change(screen.getByLabelText('审核意见'), { target: { value: ' 同意发布。 ' } });
    fireEvent.click(screen.getByRole('button', { name: '✓ 通过' }));
    expect((await screen.findByRole('status')).textContent).toBe('✓ 已通过：沙市区化工厂爆炸情况通报');
    const post = calls.find((c) => c.key === 'POST /api/v1/drafts/d1/review')!;
    expect(post.body).toEqual({ expected_version: 3, decision: 'approve', comment: '同意发布。' });
    expect(post.headers['X-CSRF-Token']).toBe('csrf-1');
  });

  it('a draft the checks block cannot be approved, only rejected', async () => {
    mockServer({ 'GET /api/v1/drafts/d1': { body: { ...draft, blocking: true } } });
    renderAs(['reviewer'], <ReviewDraftScreen params={{ id: 'd1' }} />);
    await screen.findByRole('heading', { name: draft.title });
    expect((screen.getByRole('button', { name: '✓ 通过' }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText('检查有错误，只能退回')).toBeTruthy();
  });

  it.each([
    [{ status: 409, body: { error: 'version 3 is not current' } }, '这份稿件已被修改或已由他人审核，请返回刷新。'],
    [{ status: 422, body: { error: 'blocking findings', findings: [{ check: 'mobile', severity: 'error', message: '手机号', start: 0, end: 2, match: '138****8000' }] } }, 'blocking findings'],
  ])('a refusal (%j) is shown, with the findings the server found', async (answer, message) => {
    mockServer(routes(() => answer));
    const { container } = renderAs(['reviewer'], <ReviewDraftScreen params={{ id: 'd1' }} />);
    await screen.findByRole('heading', { name: draft.title });
    fireEvent.click(screen.getByRole('button', { name: '✓ 通过' }));
    expect((await screen.findByRole('alert')).textContent).toBe(message);
    expect(container.querySelectorAll('li[data-check="mobile"]').length).toBe(answer.status === 422 ? 1 : 0);
  });
});

describe('phone view: consultation summary', () => {
  it.each([
    ['zh' as Lang, ['支持 50% (50)', '反对 30% (30)', '建议 15% (15)', '其他 5% (5)'], '16 个账号'],
    ['en' as Lang, ['Support 50% (50)', 'Oppose 30% (30)', 'Suggestion 15% (15)', 'Other 5% (5)'], '16 accounts'],
  ])('%s: stance shares over the weighted base, themes with a comment, sections most discussed first, campaigns', async (lang, stances, campaign) => {
    mockServer({ 'GET /api/v1/consultations/c1': { body: { policy: { title: '停车收费调整征求意见' } } }, 'GET /api/v1/consultations/c1/analysis': { body: analysis } });
    const { container } = renderAs(['viewer'], <ConsultationScreen params={{ id: 'c1' }} />, lang);
    await screen.findByRole('heading', { name: '停车收费调整征求意见' });
    expect([...screen.getByTestId('stances').querySelectorAll('li')].map((li) => li.textContent?.replace(/\s+/g, ' ').trim())).toEqual(stances);
    expect(screen.getByText('建议夜间停车免费')).toBeTruthy();
    const sections = [...container.querySelectorAll('[aria-label="条款"] strong, [aria-label="Sections"] strong')].map((s) => s.textContent);
    expect(sections).toEqual(['第二条 收费时段', '第一条 收费标准']);
    expect(container.textContent).toContain(campaign);
  });
});
