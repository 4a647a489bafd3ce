// @vitest-environment jsdom
import { cleanup, render } from '@testing-library/react';
import { scaleBand, scaleLinear } from 'd3-scale';
import { afterEach, describe, expect, it } from 'vitest';
import { formatContribution, topSignals } from './accessors';
import { signalScales } from './scales';
import { SignalBars } from './SignalBars';

afterEach(cleanup);

const BARS = [
  { signal: 'hearsay_cues', value: 2, contribution: 1.6 },
  { signal: 'author_official', value: 1, contribution: -1.2 },
  { signal: 'links', value: 0, contribution: 0 },
  { signal: 'exclamations', value: 3, contribution: 0.45 },
];

describe('SignalBars', () => {
  it('keeps the signals that moved the score, largest push first either way', () => {
    expect(topSignals(BARS).map((b) => b.signal)).toEqual(['hearsay_cues', 'author_official', 'exclamations']);
    expect(topSignals(BARS, 1).map((b) => b.signal)).toEqual(['hearsay_cues']);
    expect([formatContribution(0.8), formatContribution(-0.4)]).toEqual(['+0.80', '−0.40']);
  });

  it('scales contributions symmetrically around zero', () => {
    const s = signalScales(topSignals(BARS), 200);
    expect(s.x.domain()).toEqual([-1.6, 1.6]);
    expect(s.x(0)).toBe(100);
  });

  it('draws bars right of zero for signals towards a rumor and left for those against, each with its number', () => {
    const bars = topSignals(BARS);
    const scales = { x: scaleLinear().domain([-2, 2]).range([0, 200]), y: scaleBand<string>().domain(bars.map((b) => b.signal)).range([0, 60]) };
    const { container } = render(<SignalBars bars={bars} scales={scales} width={200} label="谣言信号" signalLabel={(s) => (s === 'hearsay_cues' ? '传闻用语' : s)} />);
    const rect = (signal: string) => {
      const r = container.querySelector(`tr[data-signal="${signal}"] rect`)!;
      return [r.getAttribute('x'), r.getAttribute('width'), r.getAttribute('class')];
    };
    expect(rect('hearsay_cues')).toEqual(['100', '80', 'bar-towards']);
    expect(rect('author_official')).toEqual(['40', '60', 'bar-against']);
    const row = container.querySelector('tr[data-signal="hearsay_cues"]')!;
    expect(row.querySelector('th')!.textContent).toBe('传闻用语');
    expect(row.querySelector('.num')!.textContent).toBe('+1.60');
    expect(container.querySelector('table')!.getAttribute('aria-label')).toBe('谣言信号');
  });
});
