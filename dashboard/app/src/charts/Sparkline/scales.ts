import { scaleLinear, type ScaleLinear } from 'd3-scale';

export interface SparkScales {
  x: ScaleLinear<number, number>;
  y: ScaleLinear<number, number>;
}

/** x over the steps, y from 0 to the largest value (at least 1, so a flat zero line sits at the bottom). */
export function sparkScales(values: readonly number[], width: number, height: number, pad = 2): SparkScales {
  const max = Math.max(1, ...values);
  return {
    x: scaleLinear().domain([0, Math.max(1, values.length - 1)]).range([pad, width - pad]),
    y: scaleLinear().domain([0, max]).range([height - pad, pad]),
  };
}
