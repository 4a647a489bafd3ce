// @vitest-environment jsdom
import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { TrendDatum } from './accessors';
import { trendScales } from './scales';
import { StatusTrend } from './StatusTrend';

const weeks: TrendDatum[] = [
  { week: '2026-11-02', status: 'pass', failing: [] },
  { week: '2026-11-09', status: 'warn', failing: [] },
  { week: '2026-11-16', status: 'fail', failing: ['cadence', 'interaction'] },
  { week: '2026-11-23', status: 'not_applicable', failing: [] },
];

describe('StatusTrend', () => {
  it('gives each week an equal band, oldest on the left', () => {
    const s = trendScales(weeks, 100, 0);
    expect(s.x.domain()).toEqual(['2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23']);
    expect(s.x('2026-11-02')).toBe(0);
    expect(s.x('2026-11-23')! + s.x.bandwidth()).toBeCloseTo(100);
    expect(s.x('2026-11-09')!).toBeGreaterThan(s.x('2026-11-02')! + s.x.bandwidth());
  });

  it.each([
    ['2026-11-02', 'pass', '✓'],
    ['2026-11-09', 'warn', '!'],
    ['2026-11-16', 'fail', '✗'],
    ['2026-11-23', 'not_applicable', '–'],
  ])('draws week %s as a %s cell with the icon %s, at its band with fixed scales', (week, status, icon) => {
    const scales = trendScales(weeks, 100, 0);
    const { container } = render(<StatusTrend data={weeks} width={100} height={20} scales={scales} label="近4周" describe={(d) => `${d.week} ${d.status} ${d.failing.join(',')}`} />);
    const cell = container.querySelector(`[data-week="${week}"]`)!;
    expect(cell.getAttribute('data-status')).toBe(status);
    expect(cell.classList.contains(`trend-${status}`)).toBe(true);
    expect(cell.querySelector('text')!.textContent).toBe(icon);
    expect(Number(cell.querySelector('rect')!.getAttribute('x'))).toBeCloseTo(scales.x(week)!);
    expect(Number(cell.querySelector('rect')!.getAttribute('width'))).toBeCloseTo(scales.x.bandwidth());
  });

  it('tells each week in its tooltip and the whole strip in its label', () => {
    const { container } = render(<StatusTrend data={weeks} label="近4周状态" describe={(d) => `${d.week}：${d.failing.join('、') || d.status}`} />);
    expect(container.querySelector('svg')!.getAttribute('aria-label')).toBe('近4周状态');
    expect(container.querySelectorAll('.trend-cell')).toHaveLength(4);
    expect(container.querySelector('[data-week="2026-11-16"] title')!.textContent).toBe('2026-11-16：cadence、interaction');
  });
});
