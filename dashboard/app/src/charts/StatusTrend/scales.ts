import { scaleBand, type ScaleBand } from 'd3-scale';
import { weekOf, type TrendDatum } from './accessors';

export interface TrendScales {
  x: ScaleBand<string>;
}

/** A band per week, oldest on the left, with a small gap so neighbouring cells of one status stay countable. */
export function trendScales(data: readonly TrendDatum[], width: number, pad = 1): TrendScales {
  return { x: scaleBand<string>().domain(data.map(weekOf)).range([pad, width - pad]).paddingInner(0.15) };
}
