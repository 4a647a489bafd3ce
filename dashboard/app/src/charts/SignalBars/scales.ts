import { scaleBand, scaleLinear, type ScaleBand, type ScaleLinear } from 'd3-scale';
import { contribution, name, type SignalBar } from './accessors';

export interface SignalScales {
  /** Contribution → x, symmetric around 0 so both directions read on one scale. */
  x: ScaleLinear<number, number>;
  y: ScaleBand<string>;
}

export function signalScales(bars: readonly SignalBar[], width: number, rowHeight = 26, labelWidth = 0): SignalScales {
  const m = Math.max(0.1, ...bars.map((b) => Math.abs(contribution(b))));
  return {
    x: scaleLinear().domain([-m, m]).range([labelWidth, width]),
    y: scaleBand<string>().domain(bars.map(name)).range([0, bars.length * rowHeight]).padding(0.2),
  };
}
