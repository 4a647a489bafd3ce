import { scaleBand, scaleLinear, type ScaleBand, type ScaleLinear } from 'd3-scale';
import { hourOf, totalOf, type HourDatum } from './accessors';

export interface HourlyScales {
  x: ScaleBand<number>;
  y: ScaleLinear<number, number>;
}

export interface HourlyMargins {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export const DEFAULT_MARGINS: HourlyMargins = { top: 8, right: 8, bottom: 18, left: 36 };

/** A band per hour; y from zero to the busiest hour (at least 1, so an empty day draws on the axis), rounded to nice ticks. */
export function hourlyScales(data: readonly HourDatum[], width: number, height: number, m: HourlyMargins = DEFAULT_MARGINS): HourlyScales {
  const max = Math.max(1, ...data.map(totalOf));
  return {
    x: scaleBand<number>().domain(data.map(hourOf)).range([m.left, width - m.right]).paddingInner(0.15),
    y: scaleLinear().domain([0, max]).nice(4).range([height - m.bottom, m.top]),
  };
}
