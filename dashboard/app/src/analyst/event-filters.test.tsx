import { describe, expect, it } from 'vitest';
import { DEFAULT_FILTERS, filtersFromQuery, filtersToApi, filtersToQuery } from './event-filters';

describe('event filters in the URL', () => {
  it('round-trips every filter through the query string, leaving defaults out', () => {
    const f = { ...DEFAULT_FILTERS, range: '6h' as const, platform: 'douyin', province: '湖北', sentiment: 'negative', minRumor: '0.5', keyword: '自来水', sort: 'rumor' as const };
    const q = filtersToQuery(f);
    expect(q).toBe(`?range=6h&platform=douyin&province=${encodeURIComponent('湖北')}&sentiment=negative&min_rumor=0.5&keyword=${encodeURIComponent('自来水')}&sort=rumor`);
    expect(filtersFromQuery(new URLSearchParams(q))).toEqual(f);
    expect(filtersToQuery(DEFAULT_FILTERS)).toBe('');
  });

  it('ignores values it does not know and takes a from as a custom range', () => {
    expect(filtersFromQuery(new URLSearchParams('range=2y&sort=best&sentiment=angry'))).toEqual(DEFAULT_FILTERS);
    expect(filtersFromQuery(new URLSearchParams('from=2026-11-27T08:00'))).toMatchObject({ range: 'custom', from: '2026-11-27T08:00' });
  });

  it('asks the API for the last hours of a preset, or the custom range as epoch ms', () => {
    expect(filtersToApi({ ...DEFAULT_FILTERS, range: '7d', keyword: ' 水 ' })).toEqual({ hours: 168, sort: 'rising', limit: 100, platform: undefined, province: undefined, sentiment: undefined, min_rumor: undefined, keyword: '水' });
    const custom = filtersToApi({ ...DEFAULT_FILTERS, range: 'custom', from: '2026-11-27T08:00', to: '' });
    expect(custom.from).toBe(Date.parse('2026-11-27T08:00:00+08:00'));
    expect(custom.to).toBeUndefined();
    expect(custom.hours).toBeUndefined();
  });
});
