import { useMemo } from 'react';
import { area, line } from 'd3-shape';
import { x as xOf, y as yOf } from './accessors';
import { sparkScales, type SparkScales } from './scales';

export interface SparklineProps {
  values: readonly number[];
  width?: number;
  height?: number;
  /** Fixed scales (tests, or several sparklines on one scale). */
  scales?: SparkScales;
  label?: string;
}

/** Mentions per minute as a line over a light area; the last point is marked. */
export function Sparkline({ values, width = 160, height = 36, scales, label }: SparklineProps) {
  const s = useMemo(() => scales ?? sparkScales(values, width, height), [scales, values, width, height]);
  const { linePath, areaPath } = useMemo(() => {
    const px = (v: number, i: number) => s.x(xOf(v, i));
    const py = (v: number) => s.y(yOf(v));
    return {
      linePath: line<number>().x(px).y(py)([...values]) ?? '',
      areaPath: area<number>().x(px).y0(s.y(0)).y1(py)([...values]) ?? '',
    };
  }, [s, values]);
  const last = values.length ? values[values.length - 1]! : undefined;
  return (
    <svg className="sparkline" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label}>
      <path className="sparkline-area" d={areaPath} />
      <path className="sparkline-line" d={linePath} fill="none" />
      {last !== undefined && <circle className="sparkline-last" cx={s.x(values.length - 1)} cy={s.y(last)} r={2.5} />}
    </svg>
  );
}
