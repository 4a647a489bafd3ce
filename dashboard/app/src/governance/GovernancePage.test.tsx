// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../i18n';
import GovernancePage, { filterRows, filtersOf } from './GovernancePage';
import { detail, failingRow, fetchByPath, overview, passingRow } from './test-fixtures';

let fetch: ReturnType<typeof vi.fn>;

beforeEach(() => {
  fetch = vi.fn(fetchByPath({ '/api/v1/governance': overview(), '/api/v1/governance/accounts/acc-1': detail() }));
  vi.stubGlobal('fetch', fetch);
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  window.history.replaceState(null, '', '/');
});

const renderPage = () => render(<I18nProvider lang="zh"><GovernancePage params={{}} /></I18nProvider>);
const cell = (account: string, check: string) => document.querySelector(`tr[data-account="${account}"] td[data-check="${check}"]`) as HTMLElement;

describe('filterRows', () => {
  it.each([
    ['nothing', '', [failingRow, passingRow]],
    ['a unit', 'unit=u-edu', [passingRow]],
    ['a platform', 'platform=weibo', [failingRow]],
    ['a level', 'level=city_government', [failingRow]],
    ['a result', 'status=pass', [passingRow]],
    ['an account status', 'account_status=merging', [passingRow]],
    ['two filters that exclude each other', 'unit=u-edu&status=fail', []],
  ])('keeps the accounts of %s', (_what, query, expected) => {
    expect(filterRows([failingRow, passingRow], filtersOf(new URLSearchParams(query)))).toEqual(expected);
  });
});

describe('the governance page', () => {
  it('shows every account against every check as an icon and a word, with its weekly trend and the units ranked', async () => {
    window.history.replaceState(null, '', '/governance');
    const { container } = renderPage();
    await waitFor(() => expect(container.querySelector('[data-governance-state="ready"]')).not.toBeNull(), { timeout: 5_000 });
    expect(cell('acc-1', 'cadence').textContent).toBe('✗ 不合格');
    expect(cell('acc-1', 'duplicate').textContent).toBe('⚠ 预警');
    expect(cell('acc-1', 'fake_followers').textContent).toBe('– 不适用');
    expect(cell('acc-2', 'cadence').textContent).toBe('✓ 合格');
    // The finding is told in the cell's name, not only in colour.
    expect(within(cell('acc-1', 'cadence')).getByRole('button').getAttribute('aria-label')).toBe('荆州发布<b> 更新频率：不合格，已 15 天未更新');
    // Names are text, never markup.
    expect(container.querySelector('tr[data-account="acc-1"] th b')).toBeNull();
    expect(container.querySelectorAll('tr[data-account="acc-1"] .trend-cell')).toHaveLength(3);
    expect(container.querySelector('tr[data-account="acc-1"] .trend-cell[data-week="2026-11-23"] title')!.textContent).toBe('当周 2026-11-23：不合格 (更新频率、互动回应)');
    const ranking = screen.getByTestId('unit-ranking');
    expect([...ranking.querySelectorAll('tbody tr')].map((r) => r.getAttribute('data-unit'))).toEqual(['u-edu', 'u-city']);
    expect(within(ranking).getByRole('link', { name: '荆州市教育局排查报告' }).getAttribute('href')).toBe('/governance/report?unit=u-edu');
    expect(screen.getByTestId('governance-totals').textContent).toContain('✗ 不合格 1');
    expect(screen.getByText(/节假日与调休日历覆盖 2004–2026/)).toBeTruthy();
  });

  it('speaks English on the toggle: checks, statuses and weeks', async () => {
    window.history.replaceState(null, '', '/governance');
    const { container } = render(<I18nProvider lang="en"><GovernancePage params={{}} /></I18nProvider>);
    await waitFor(() => expect(container.querySelector('[data-governance-state="ready"]')).not.toBeNull(), { timeout: 5_000 });
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Account governance');
    expect(cell('acc-1', 'cadence').textContent).toBe('✗ fail');
    expect(cell('acc-2', 'cadence').textContent).toBe('✓ pass');
    expect(container.querySelector('th[data-check="review_compliance"]')!.textContent).toBe('Review before publishing');
    expect(container.querySelector('tr[data-account="acc-1"] .trend-cell[data-week="2026-11-23"] title')!.textContent).toBe('Week of 2026-11-23: fail (Update cadence, Interaction)');
  });

  it('reads its filters from the address and writes changes back to it', async () => {
    window.history.replaceState(null, '', '/governance?status=fail');
    const { container } = renderPage();
    await waitFor(() => expect(container.querySelectorAll('tbody tr[data-account]')).toHaveLength(1), { timeout: 5_000 });
    expect(container.querySelector('tr[data-account]')!.getAttribute('data-account')).toBe('acc-1');
    expect((screen.getByLabelText('检查结果') as HTMLSelectElement).value).toBe('fail');
    fireEvent.change(screen.getByLabelText('检查结果'), { target: { value: '' } });
    fireEvent.change(screen.getByLabelText('平台'), { target: { value: 'wechat' } });
    expect(window.location.search).toBe('?platform=wechat');
    await waitFor(() => expect(container.querySelector('tr[data-account]')!.getAttribute('data-account')).toBe('acc-2'));
    fireEvent.click(screen.getByRole('button', { name: '清除筛选' }));
    await waitFor(() => expect(container.querySelectorAll('tbody tr[data-account]')).toHaveLength(2));
  });

  it('drills down from a cell to the evidence: last posts, unanswered messages with their times, duplicates, the review hint', async () => {
    window.history.replaceState(null, '', '/governance');
    renderPage();
    await waitFor(() => expect(cell('acc-1', 'interaction')).not.toBeNull(), { timeout: 5_000 });
    fireEvent.click(within(cell('acc-1', 'interaction')).getByRole('button'));
    expect(new URLSearchParams(window.location.search).get('account')).toBe('acc-1');
    expect(new URLSearchParams(window.location.search).get('check')).toBe('interaction');
    const panel = await screen.findByTestId('evidence-panel');
    await waitFor(() => expect(panel.querySelector('[data-account="acc-1"]')).not.toBeNull(), { timeout: 5_000 });
    expect(fetch.mock.calls.map((c) => String(c[0]))).toContain('/api/v1/governance/accounts/acc-1');
    const check = (id: string) => panel.querySelector(`.check-result[data-check="${id}"]`) as HTMLElement;
    expect(check('interaction').classList.contains('check-focus')).toBe(true);
    expect(check('cadence').textContent).toContain('最近更新2026-11-12 10:00');
    expect(check('cadence').textContent).toContain('未更新天数15 天');
    expect(check('cadence').querySelector('[data-evidence="posts"]')!.textContent).toContain('2026-11-12 10:00秋季防火提示');
    const unanswered = check('interaction').querySelector('[data-evidence="unanswered"]')!;
    expect(unanswered.textContent).toContain('未答复留言（1）');
    expect(unanswered.textContent).toContain('2026-11-24 10:00 <img src=x onerror=alert(1)>路灯坏了');
    expect(unanswered.textContent).toContain('应答时限 2026-11-25 10:00（已超时）');
    expect(unanswered.querySelector('img')).toBeNull();
    expect(check('interaction').textContent).toContain('提示，需人工复核');
    expect(check('interaction').querySelector('[data-evidence="off_topic"]')!.textContent).toContain('与提问重合 0%');
    expect(check('duplicate').textContent).toContain('荆州市政府发布');
    expect(check('duplicate').textContent).toContain('名称相近（相似度 86%）');
    expect(panel.textContent).toContain('鄂网信备 420001 2020-03-01');
    expect(panel.textContent).toContain('张三 · 0716-1234567');
    fireEvent.click(within(panel).getByRole('button', { name: '关闭' }));
    expect(screen.queryByTestId('evidence-panel')).toBeNull();
    expect(window.location.search).toBe('');
  });
});
