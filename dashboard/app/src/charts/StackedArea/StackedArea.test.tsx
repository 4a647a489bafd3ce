// @vitest-environment jsdom
import { cleanup, render } from '@testing-library/react';
import { scaleLinear, scaleUtc } from 'd3-scale';
import { afterEach, describe, expect, it } from 'vitest';
import { stackRows, type StackPoint } from './accessors';
import { stackedScales } from './scales';
import { minuteTicks, StackedArea } from './StackedArea';

const T0 = Date.UTC(2026, 10, 27, 6, 0);
const M = 60_000;
const SERIES: StackPoint[] = [
  { t: T0, platform: 'weibo', count: 2 },
  { t: T0, platform: 'douyin', count: 1 },
  { t: T0 + M, platform: 'weibo', count: 4 },
  { t: T0 + 2 * M, platform: 'weibo', count: 1 },
  { t: T0 + 2 * M, platform: 'douyin', count: 3 },
];

afterEach(cleanup);

describe('StackedArea', () => {
  it('pivots the series into one row per minute, quiet minutes as 0, keys by total', () => {
    const { rows, keys, totals } = stackRows([...SERIES, { t: T0 + 5 * M + 30_000, platform: 'news', count: 1 }]);
    expect(keys).toEqual(['weibo', 'douyin', 'news']);
    expect(totals).toEqual({ weibo: 7, douyin: 4, news: 1 });
    expect(rows.map((r) => r.t)).toEqual([0, 1, 2, 3, 4, 5].map((i) => T0 + i * M));
    expect(rows[1]).toEqual({ t: T0 + M, weibo: 4, douyin: 0, news: 0 });
    expect(rows[5]).toEqual({ t: T0 + 5 * M, weibo: 0, douyin: 0, news: 1 });
    expect(stackRows([])).toEqual({ rows: [], keys: [], totals: {} });
  });

  it('scales y from zero to the tallest stack and x from the first minute to the end of the last', () => {
    const { rows, keys } = stackRows(SERIES);
    const s = stackedScales(rows, keys, 240, 120, { top: 0, right: 0, bottom: 20, left: 40 });
    expect(s.y.domain()).toEqual([0, 4]);
    expect(s.y(4)).toBe(0);
    expect(s.x(new Date(T0))).toBe(40);
    expect(s.x(new Date(T0 + 3 * M))).toBe(240);
    const one = stackRows([{ t: T0, platform: 'weibo', count: 3 }]);
    expect(stackedScales(one.rows, one.keys, 100, 50).x.domain().map((d) => d.getTime())).toEqual([T0, T0 + M]);
  });

  it('draws each platform stacked on the ones below, a step per minute, with fixed scales', () => {
    const scales = { x: scaleUtc().domain([new Date(T0), new Date(T0 + 3 * M)]).range([0, 300]), y: scaleLinear().domain([0, 10]).range([100, 0]) };
    const { container } = render(<StackedArea series={SERIES} scales={scales} width={200} height={120} label="声量曲线" keyLabel={(k) => ({ weibo: '微博', douyin: '抖音' })[k] ?? k} />);
    const d = (key: string) => container.querySelector(`path[data-key="${key}"]`)!.getAttribute('d');
    // weibo 2, 4, 1 from the axis; each minute a flat step from its start to the next.
    expect(d('weibo')).toBe('M0,80L100,80L100,60L200,60L200,90L300,90L300,90L300,100L300,100L200,100L200,100L100,100L100,100L0,100Z');
    // douyin 1, 0, 3 on top of weibo's steps.
    expect(d('douyin')).toBe('M0,70L100,70L100,60L200,60L200,60L300,60L300,60L300,90L300,90L200,90L200,60L100,60L100,80L0,80Z');
    // The legend names every platform with its total: nothing rests on colour alone.
    expect([...container.querySelectorAll('.legend li')].map((li) => li.textContent)).toEqual(['微博 7', '抖音 4']);
  });

  it('labels the time axis on whole minutes only', () => {
    expect(minuteTicks([new Date(T0), new Date(T0 + 15_000), new Date(T0 + M)]).map((d) => d.getTime())).toEqual([T0, T0 + M]);
  });

  it('is labelled for screen readers with its title and a summary with the peak', () => {
    const { getByRole } = render(<StackedArea series={SERIES} label="声量曲线" keyLabel={(k) => k.toUpperCase()} formatTime={() => '14:00'} describePeak={(n, at) => `峰值 ${n} 条/分钟（${at}）`} />);
    const svg = getByRole('img');
    const [title, desc] = svg.getAttribute('aria-labelledby')!.split(' ').map((id) => document.getElementById(id)!.textContent);
    expect(title).toBe('声量曲线');
    expect(desc).toBe('WEIBO 7，DOUYIN 4；峰值 4 条/分钟（14:00）');
  });
});
