// @vitest-environment jsdom
import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { HourlyVolume } from './HourlyVolume';
import { hourlyScales } from './scales';
import type { HourDatum } from './accessors';

const day = (counts: Record<number, [number, number]>): HourDatum[] =>
  Array.from({ length: 24 }, (_, hour) => ({ hour, mentions: counts[hour]?.[0] ?? 0, negative: counts[hour]?.[1] ?? 0 }));

describe('HourlyVolume', () => {
  it('one band per hour; y from zero to the busiest hour, nice-rounded; an empty day still has a y range', () => {
    const s = hourlyScales(day({ 10: [37, 5] }), 640, 140, { top: 0, right: 0, bottom: 20, left: 40 });
    expect(s.x.domain()).toHaveLength(24);
    expect(s.y.domain()).toEqual([0, 40]);
    expect(s.y(0)).toBe(120);
    expect(s.y(40)).toBe(0);
    expect(hourlyScales(day({}), 640, 140).y.domain()[1]).toBeGreaterThan(0);
  });

  it('draws each hour’s total and its negative part from the base line, with fixed scales', () => {
    const data = day({ 2: [10, 4], 5: [20, 0] });
    const scales = hourlyScales(data, 640, 140, { top: 0, right: 0, bottom: 20, left: 40 });
    const { container } = render(<HourlyVolume data={data} width={640} height={140} scales={scales} label="每小时提及" />);
    const bar = (h: number) => container.querySelector(`[data-hour="${h}"]`)!;
    expect(container.querySelectorAll('.hourly-bar')).toHaveLength(24);
    expect(bar(5).querySelector('.hourly-total')!.getAttribute('y')).toBe('0');
    expect(bar(5).querySelector('.hourly-total')!.getAttribute('height')).toBe('120');
    expect(bar(2).querySelector('.hourly-total')!.getAttribute('height')).toBe('60');
    expect(bar(2).querySelector('.hourly-negative')!.getAttribute('height')).toBe('24');
    expect(bar(5).querySelector('.hourly-negative')).toBeNull();
    expect(bar(2).getAttribute('data-mentions')).toBe('10');
    expect(bar(2).querySelector('title')!.textContent).toBe('02:00 提及 10, 负面 4');
    expect([...container.querySelectorAll('.hourly-hour')].map((t) => t.textContent)).toEqual(['00', '03', '06', '09', '12', '15', '18', '21']);
    expect(container.querySelector('svg')!.getAttribute('aria-label')).toBe('每小时提及');
  });
});
