// @vitest-environment jsdom
import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { latencyBins } from './accessors';
import { histogramScales } from './scales';
import { LatencyHistogram } from './LatencyHistogram';

const H = 3_600_000;

describe('LatencyHistogram', () => {
  it('counts each latency in its bucket, edges going up, past 48 h in the last', () => {
    const bins = latencyBins([0, 0.5 * H, 1 * H, 4.99 * H, 5 * H, 30 * H, 100 * H]);
    const counts = Object.fromEntries(bins.map((b) => [`${b.from}`, b.count]));
    expect(counts).toMatchObject({ '0': 2, '1': 1, '4': 1, '5': 1, '24': 1, '48': 1 });
    expect(bins.reduce((n, b) => n + b.count, 0)).toBe(7);
  });

  it('scales bar heights from zero to the largest bucket', () => {
    const s = histogramScales(latencyBins([0, 0, 2 * H]), 200, 100, { top: 0, bottom: 0, left: 0, right: 0 });
    expect(s.y(0)).toBe(100);
    expect(s.y(2)).toBe(0);
  });

  it('marks buckets past the 5-hour rule as late', () => {
    const { container } = render(<LatencyHistogram latenciesMs={[1 * H, 7 * H]} />);
    expect(container.querySelector('[data-bin="1–2h"]')!.getAttribute('class')).toBe('bar');
    expect(container.querySelector('[data-bin="6–12h"]')!.getAttribute('class')).toBe('bar late');
    expect(container.querySelector('[data-bin="6–12h"]')!.getAttribute('data-count')).toBe('1');
  });
});
