import { scaleLinear, scaleUtc, type ScaleLinear, type ScaleTime } from 'd3-scale';
import { MINUTE, type StackRow } from './accessors';

export interface Margin {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export interface StackedScales {
  x: ScaleTime<number, number>;
  y: ScaleLinear<number, number>;
}

// Room on the right for the last time label, centred on the chart's end.
export const DEFAULT_MARGIN: Margin = { top: 10, right: 22, bottom: 24, left: 40 };

/** x from the first minute's start to the last minute's end, y from 0 to the tallest stack (at least 1). */
export function stackedScales(rows: readonly StackRow[], keys: readonly string[], width: number, height: number, margin: Margin = DEFAULT_MARGIN): StackedScales {
  const first = rows.length ? rows[0]!.t : 0;
  const last = rows.length ? rows[rows.length - 1]!.t : 0;
  let max = 1;
  for (const r of rows) {
    let sum = 0;
    for (const k of keys) sum += r[k] ?? 0;
    max = Math.max(max, sum);
  }
  return {
    x: scaleUtc().domain([new Date(first), new Date(last + MINUTE)]).range([margin.left, width - margin.right]),
    y: scaleLinear().domain([0, max]).nice().range([height - margin.bottom, margin.top]),
  };
}
