// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EventDetail, SimilarEvent } from '@fenghuo/shared/analytics';
import EventPage from './EventPage';

const T0 = Date.UTC(2026, 10, 27, 6, 0);

const DETAIL: EventDetail = {
  id: 'e1', title: '网传自来水有毒', representative: 'weibo:1', keywords: ['自来水', '有毒'], first_seen: T0, last_seen: T0 + 120_000, size: 40, recent: 12, expected: 2,
  platforms: { weibo: 30, douyin: 10 }, provinces: { 湖北省: 38, 湖南省: 2 }, cities: { 荆州市: 35 }, sentiment: { positive: 2, negative: 30, neutral: 8 }, rumor_score: 0.82,
  kb_match: { claim_id: 'k1', claim: '自来水有毒', similarity: 0.68, rebuttal: '水质达标，可放心饮用', source: '荆州市水务局', date: '2026-11-20', url: 'https://sw.jingzhou.gov.cn/1' },
  series: [{ t: T0, platform: 'weibo', count: 20 }, { t: T0, platform: 'douyin', count: 5 }, { t: T0 + 60_000, platform: 'weibo', count: 10 }, { t: T0 + 60_000, platform: 'douyin', count: 5 }],
  rumor_signals: [{ signal: 'hearsay_cues', value: 2, contribution: 0.8 }, { signal: 'author_official', value: 1, contribution: -1.2 }],
  samples: [{ platform: 'weibo', id: '1', kind: 'post', time: T0, text: '听说自来水有毒', url: 'https://weibo.com/1', author_name: '网友', author_official: false, sentiment_label: 'negative' }],
};
const SIMILAR: SimilarEvent[] = [{ ...DETAIL, id: 'old', title: '去年的自来水传言', first_seen: T0 - 200 * 86_400_000, size: 320, shared_keywords: ['自来水', '有毒'], similarity: 0.5 }];

beforeEach(() => {
  vi.stubGlobal('fetch', vi.fn(async (url: string) => {
    const body = url.endsWith('/similar') ? { events: SIMILAR } : url.startsWith('/api/v1/alerts') ? { alerts: [] } : DETAIL;
    return new Response(JSON.stringify(body), { status: 200 });
  }));
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('EventPage', () => {
  it('shows the curve by platform, regions and sentiment in numbers, the signals and the rebuttal with who and when', async () => {
    const { container } = render(<EventPage params={{ id: 'e1' }} />);
    await screen.findByRole('heading', { name: '网传自来水有毒' }, { timeout: 5_000 });
    expect(container.querySelectorAll('.stacked-area path.stack-layer')).toHaveLength(2);
    expect([...container.querySelectorAll('.legend li')].map((li) => li.textContent)).toEqual(['微博 30', '抖音 10']);
    const sentiment = [...container.querySelectorAll('.sentiment-table tr')].map((tr) => [...tr.children].map((c) => c.textContent));
    expect(sentiment).toEqual([['负面', '30', '75%'], ['中性', '8', '20%'], ['正面', '2', '5%']]);
    expect(container.querySelector('.count-table')!.textContent).toContain('湖北省38');
    expect(container.querySelector('.kb-line strong')!.textContent).toBe('已知谣言，2026-11-20 由荆州市水务局辟谣');
    expect(screen.getByRole('link', { name: '查看辟谣' }).getAttribute('rel')).toBe('noopener noreferrer');
    expect([...container.querySelectorAll('.signal-bars tr')].map((tr) => tr.getAttribute('data-signal'))).toEqual(['author_official', 'hearsay_cues']);
    expect(screen.queryByText('您打开的事件已并入此事件')).toBeNull();
  });

  it('links similar past events to their pages, with what they share', async () => {
    render(<EventPage params={{ id: 'e1' }} />);
    const link = await screen.findByRole('link', { name: '去年的自来水传言' }, { timeout: 5_000 });
    expect(link.getAttribute('href')).toBe('/events/old');
    expect(link.parentElement!.textContent).toContain('共同关键词：自来水、有毒');
  });

  it('says so when the id opened was merged into the event shown', async () => {
    render(<EventPage params={{ id: 'merged-one' }} />);
    await screen.findByText('您打开的事件已并入此事件', undefined, { timeout: 5_000 });
  });
});
