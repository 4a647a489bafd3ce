// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EventSummary } from '@fenghuo/shared/analytics';
import EventsPage from './EventsPage';

const T0 = Date.UTC(2026, 10, 27, 6, 0);

const event = (id: string, title: string): EventSummary => ({
  id, title, representative: `weibo:${id}`, keywords: ['自来水'], first_seen: T0, last_seen: T0 + 60_000, size: 42, recent: 12, expected: 2,
  platforms: { weibo: 30, douyin: 12 }, provinces: { 湖北省: 40 }, cities: {}, sentiment: { positive: 0, negative: 30, neutral: 12 }, rumor_score: 0.82,
  kb_match: { claim_id: 'k1', claim: '自来水有毒', similarity: 0.7, rebuttal: '水质达标', source: '水务局', date: '2026-11-20' },
});

let fetch: ReturnType<typeof vi.fn>;

beforeEach(() => {
  fetch = vi.fn(async () => new Response(JSON.stringify({ from: T0 - 3_600_000, to: T0 + 60_000, events: [event('e1', '网传自来水有毒<img src=x onerror=alert(1)>')] }), { status: 200 }));
  vi.stubGlobal('fetch', fetch);
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  window.history.replaceState(null, '', '/');
});

const lastApiQuery = () => new URL(String(fetch.mock.calls.at(-1)![0]), 'http://x').searchParams;

describe('EventsPage', () => {
  it('reads its filters from the URL, fills the form with them and asks the API with them', async () => {
    window.history.replaceState(null, '', `/events?range=6h&platform=douyin&keyword=${encodeURIComponent('自来水')}`);
    render(<EventsPage params={{}} />);
    await screen.findByText('1 个事件', { exact: false }, { timeout: 5_000 });
    expect(Object.fromEntries(lastApiQuery())).toEqual({ hours: '6', sort: 'rising', limit: '100', platform: 'douyin', keyword: '自来水' });
    expect((screen.getByLabelText('关键词') as HTMLInputElement).value).toBe('自来水');
    expect((screen.getByLabelText('平台') as HTMLSelectElement).value).toBe('douyin');
    expect((screen.getByLabelText('6小时') as HTMLInputElement).checked).toBe(true);
  });

  it('puts the submitted filters in the URL (a link to share) and loads them', async () => {
    window.history.replaceState(null, '', '/events');
    render(<EventsPage params={{}} />);
    await screen.findByText('1 个事件', { exact: false }, { timeout: 5_000 });
    fireEvent.change(screen.getByLabelText('谣言分不低于'), { target: { value: '0.5' } });
    fireEvent.change(screen.getByLabelText('主要情感'), { target: { value: 'negative' } });
    fireEvent.change(screen.getByLabelText('省份'), { target: { value: '湖北' } });
    fireEvent.change(screen.getByLabelText('排序'), { target: { value: 'rumor' } });
    fireEvent.submit(screen.getByRole('search'));
    expect(window.location.search).toBe(`?province=${encodeURIComponent('湖北')}&sentiment=negative&min_rumor=0.5&sort=rumor`);
    await waitFor(() => expect(lastApiQuery().get('min_rumor')).toBe('0.5'), { timeout: 5_000 });
    expect(Object.fromEntries(lastApiQuery())).toEqual({ hours: '24', sort: 'rumor', limit: '100', province: '湖北', sentiment: 'negative', min_rumor: '0.5' });
    // Refresh asks again with the same filters.
    const calls = fetch.mock.calls.length;
    await waitFor(() => expect((screen.getByRole('button', { name: '刷新' }) as HTMLButtonElement).disabled).toBe(false), { timeout: 5_000 });
    fireEvent.click(screen.getByRole('button', { name: '刷新' }));
    await waitFor(() => expect(fetch.mock.calls.length).toBe(calls + 1), { timeout: 5_000 });
    expect(lastApiQuery().get('sort')).toBe('rumor');
  });

  it('says when the list is cut at its limit', async () => {
    fetch.mockImplementation(async () => new Response(JSON.stringify({ from: T0, to: T0, events: Array.from({ length: 100 }, (_, i) => event(`e${i}`, `事件${i}`)) }), { status: 200 }));
    window.history.replaceState(null, '', '/events');
    render(<EventsPage params={{}} />);
    await screen.findByText('只显示前 100 个；请缩小范围或加筛选条件', undefined, { timeout: 5_000 });
  });

  it('lists each event with its numbers, badges in words and a link; a title is text, never HTML', async () => {
    window.history.replaceState(null, '', '/events');
    const { container } = render(<EventsPage params={{}} />);
    const link = await screen.findByRole('link', { name: '网传自来水有毒<img src=x onerror=alert(1)>' }, { timeout: 5_000 });
    expect(link.getAttribute('href')).toBe('/events/e1');
    expect(container.querySelector('img')).toBeNull();
    const row = link.closest('tr')!;
    expect(row.querySelector('.rumor-badge')!.textContent).toBe('0.82 高');
    expect(row.querySelector('.kb-badge')!.textContent).toBe('已辟谣');
    expect(row.textContent).toContain('微博 30，抖音 12');
    expect(row.textContent).toContain('12 / 2');
  });
});
