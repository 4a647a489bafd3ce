// @vitest-environment jsdom
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DailyBrief } from '@fenghuo/shared/api';
import { I18nProvider } from '../i18n';
import BriefPage, { addDays, BriefView } from './BriefPage';

const H = 3_600_000;
const FROM = Date.UTC(2026, 10, 25, 16);

function fixture(): DailyBrief {
  return {
    date: '2026-11-26',
    timezone: 'Asia/Shanghai',
    from: FROM,
    to: FROM + 24 * H,
    generated_at: FROM + 32 * H,
    complete: true,
    as_of: FROM + 24 * H,
    totals: { mentions: 12345, negative: 4321, positive: 1000, neutral: 7024, negative_share: 4321 / 12345, hourly: Array.from({ length: 24 }, (_, hour) => ({ hour, mentions: hour === 10 ? 12 : 0, negative: hour === 10 ? 8 : 0 })) },
    top_events: [{ id: 'ev-1', title: '<b>沙市化工厂爆炸</b>', keywords: ['爆炸'], mentions: 12, sentiment: { positive: 0, negative: 8, neutral: 4 }, negative_share: 8 / 12, first_seen: FROM, size: 21, rumor_score: 0.1, provinces: ['湖北', '湖南'] }],
    rumors: [
      { event_id: 'ev-k', title: '长江大桥封闭', mentions: 2, rumor_score: 0.2, first_seen: FROM, rebutted: true, rebuttal: { kind: 'kb', source: '荆州市交通运输局', date: '2026-11-20', claim: '长江大桥封闭' } },
      { event_id: 'ev-o', title: '学校停课三天', mentions: 3, rumor_score: 0.55, first_seen: FROM, rebutted: false },
    ],
    incidents: {
      opened: [{ id: 'inc-1', title: '化工厂爆炸处置', severity: 'general', unit_id: 'u1', unit_name: '荆州市委宣传部', status: 'closed', opened_at: FROM + 9 * H, closed_at: FROM + 20 * H, deadlines: [{ key: 'response', label: '回应舆情', due_at: FROM + 57 * H, state: 'met', met_at: FROM + 10 * H }] }],
      closed: [{ id: 'inc-0', title: '前一日事件', severity: 'general', unit_id: 'u1', unit_name: '荆州市委宣传部', status: 'closed', opened_at: FROM - 5 * H, closed_at: FROM + 20 * H, deadlines: [{ key: 'response', label: '回应舆情', due_at: FROM + 43 * H, state: 'breached' }] }],
    },
    response: { units: [{ unit_id: 'u1', unit_name: '荆州市委宣传部', incidents: 2, released: 2, first_release_median_ms: 1.5 * H, on_time_rate: 0.5, decided: 2, on_time: 1 }] },
    watch: { rising: [{ event_id: 'ev-e', title: '晚间灯光秀', recent: 6, expected: 0, ratio: 7 }], unrebutted_rumors: [{ event_id: 'ev-o', title: '学校停课三天', rumor_score: 0.55 }], open_incidents: [] },
  };
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  window.history.replaceState(null, '', '/');
});

describe('the daily brief page', () => {
  it('shows the brief’s own numbers: totals, top events with sentiment, rumors with their rebuttal, deadlines in words', () => {
    const { container } = render(<I18nProvider lang="zh"><BriefView brief={fixture()} /></I18nProvider>);
    expect(screen.getByTestId('brief-mentions').textContent).toBe('1.2万');
    expect(screen.getByTestId('brief-mentions').getAttribute('data-value')).toBe('12345');
    expect(screen.getByTestId('brief-negative-share').textContent).toBe('35%');
    expect(screen.getByTestId('brief-rumors').textContent).toBe('2');
    const top = screen.getByTestId('brief-top-events');
    // Untrusted titles are text, never markup.
    expect(top.textContent).toContain('<b>沙市化工厂爆炸</b>');
    expect(top.querySelector('b')).toBeNull();
    expect(top.textContent).toContain('负 8 · 中 4 · 正 0');
    expect(top.textContent).toContain('67%');
    const rumors = screen.getByTestId('brief-rumor-table');
    expect(rumors.textContent).toContain('✓ 已辟谣：荆州市交通运输局（2026-11-20）');
    expect(rumors.textContent).toContain('✗ 尚未辟谣');
    expect(screen.getByTestId('brief-opened').querySelector('[data-deadline-state="met"]')!.textContent).toContain('回应舆情：按时');
    expect(screen.getByTestId('brief-closed').querySelector('[data-deadline-state="breached"]')!.textContent).toContain('✗ 回应舆情：超时');
    expect(screen.getByTestId('brief-response').textContent).toContain('50%（1/2）');
    expect(screen.getByTestId('brief-response').textContent).toContain('1小时30分');
    expect(screen.getByTestId('brief-watch').textContent).toContain('仍在升温：晚间灯光秀');
    expect(screen.getByTestId('brief-watch').textContent).toContain('未辟谣：学校停课三天');
    expect(container.querySelectorAll('.hourly-bar')).toHaveLength(24);
  });

  it('asks the API for the date in the address and marks itself ready, with links to the days around it', async () => {
    window.history.replaceState(null, '', '/brief?date=2026-11-26');
    const fetchMock = vi.fn(async (input: RequestInfo | URL) =>
      String(input) === '/api/v1/briefs'
        ? new Response(JSON.stringify({ error: 'stored briefs cover every unit' }), { status: 403 })
        : new Response(JSON.stringify(fixture()), { status: 200, headers: { 'content-type': 'application/json' } }));
    vi.stubGlobal('fetch', fetchMock);
    const { container } = render(<I18nProvider lang="zh"><BriefPage params={{}} /></I18nProvider>);
    await waitFor(() => expect(container.querySelector('[data-brief-state="ready"]')).not.toBeNull());
    expect(fetchMock.mock.calls.map((c) => c[0])).toContain('/api/v1/brief?date=2026-11-26');
    // Not allowed to read stored briefs: no list.
    expect(screen.queryByTestId('brief-stored')).toBeNull();
    expect(screen.getByText('2026年11月26日（星期四）')).toBeTruthy();
    expect(screen.getByRole('link', { name: /前一天/ }).getAttribute('href')).toBe('/brief?date=2026-11-25');
    expect(screen.getByRole('link', { name: /后一天/ }).getAttribute('href')).toBe('/brief?date=2026-11-27');
    expect(screen.getByRole('link', { name: /下载 PDF/ }).getAttribute('href')).toBe('/api/v1/brief.pdf?date=2026-11-26');
  });

  it('lists stored briefs for those who may read them', async () => {
    window.history.replaceState(null, '', '/brief?date=2026-11-26');
    const stored = { briefs: [{ date: '2026-11-26', bytes: 204800, generated_at: 0, path: '/api/v1/briefs/2026-11-26.pdf' }, { date: '2026-11-25', bytes: 102400, generated_at: 0, path: '/api/v1/briefs/2026-11-25.pdf' }] };
    vi.stubGlobal('fetch', vi.fn(async (input: RequestInfo | URL) => new Response(JSON.stringify(String(input) === '/api/v1/briefs' ? stored : fixture()), { status: 200 })));
    render(<I18nProvider lang="zh"><BriefPage params={{}} /></I18nProvider>);
    const list = await screen.findByTestId('brief-stored');
    expect(list.textContent).toContain('已存档简报（2）');
    expect(screen.getByRole('link', { name: '2026-11-25' }).getAttribute('href')).toBe('/api/v1/briefs/2026-11-25.pdf');
  });

  it('shows the server’s refusal and marks itself as failed (the PDF renderer waits for either)', async () => {
    window.history.replaceState(null, '', '/brief?date=2026-11-26');
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({ error: 'date: expected a calendar date YYYY-MM-DD' }), { status: 400 })));
    const { container } = render(<I18nProvider lang="zh"><BriefPage params={{}} /></I18nProvider>);
    await waitFor(() => expect(container.querySelector('[data-brief-state="error"]')).not.toBeNull());
    expect(screen.getByRole('alert').textContent).toContain('expected a calendar date');
  });

  it('keeps long lists short for one A4 page and says how many more there are', () => {
    const b = fixture();
    b.rumors = Array.from({ length: 11 }, (_, i) => ({ event_id: `r${i}`, title: `传言${i}`, mentions: 1, rumor_score: 0.6, first_seen: FROM, rebutted: false }));
    b.watch.unrebutted_rumors = b.rumors.map((r) => ({ event_id: r.event_id, title: r.title, rumor_score: 0.6 }));
    render(<I18nProvider lang="zh"><BriefView brief={b} /></I18nProvider>);
    expect(screen.getByTestId('brief-rumor-table').querySelectorAll('tbody tr')).toHaveLength(8);
    expect(screen.getByText('另有 3 项未列出')).toBeTruthy();
    // Watch: 1 rising + 4 of 11 unrebutted shown.
    expect(screen.getByTestId('brief-watch').querySelectorAll('li')).toHaveLength(5);
    expect(screen.getByText('另有 7 项未列出')).toBeTruthy();
  });

  it('adds calendar days across month and year ends', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });
});
