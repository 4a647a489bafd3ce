import { useId, useMemo } from 'react';
import { area, curveStepAfter, stack, type SeriesPoint } from 'd3-shape';
import { MINUTE, stackRows, value, x as xOf, type StackPoint, type StackRow } from './accessors';
import { DEFAULT_MARGIN, stackedScales, type Margin, type StackedScales } from './scales';

/** The data is per minute: ticks on whole minutes only, so a short event does not label one minute four times. */
export function minuteTicks(ticks: readonly Date[]): Date[] {
  return ticks.filter((d) => d.getTime() % 60_000 === 0);
}

/** Colours in a fixed order (blue, amber, green, purple, red, teal, brown, grey): distinct and dark enough for white text nearby. */
export const STACK_COLOURS = ['#2f6fb5', '#d08a1a', '#3b8c5a', '#7b5ea7', '#c0463e', '#2a8c8c', '#8a6a3f', '#6b7680'];

export interface StackedAreaProps {
  series: readonly StackPoint[];
  width?: number;
  height?: number;
  margin?: Margin;
  /** Fixed scales (tests); computed from the data otherwise. */
  scales?: StackedScales;
  /** Display name of a key (platform). */
  keyLabel?: (key: string) => string;
  /** Tick label of a time. */
  formatTime?: (ms: number) => string;
  /** What the chart shows, for screen readers and the figure caption. */
  label: string;
  /** "per minute" wording of the peak line, e.g. (n, at) => `峰值 ${n} 条/分钟（${at}）`. */
  describePeak?: (count: number, at: string) => string;
}

/**
 * Mentions per minute stacked by platform: d3 stacks and shapes the areas,
 * React draws them, as steps (a count is the minute's, not a point's).
 * Every area has its platform's name in the legend with
 * its total, so the chart never depends on telling colours apart.
 */
export function StackedArea({ series, width = 720, height = 220, margin = DEFAULT_MARGIN, scales, keyLabel = (k) => k, formatTime = (ms) => new Date(ms).toISOString().slice(11, 16), label, describePeak }: StackedAreaProps) {
  const titleId = useId();
  const descId = useId();
  const { rows, keys, totals } = useMemo(() => stackRows(series), [series]);
  const s = useMemo(() => scales ?? stackedScales(rows, keys, width, height, margin), [scales, rows, keys, width, height, margin]);
  const layers = useMemo(() => {
    // Each count covers its whole minute: a step from the minute's start to the next one, the last
    // minute closed by a copy at its end (so an event of one minute is a block, not a line).
    const last = rows[rows.length - 1];
    const drawn = last ? [...rows, { ...last, t: last.t + MINUTE }] : rows;
    const stacked = stack<StackRow, string>().keys(keys).value((d, k) => value(d, k))(drawn);
    const shape = area<SeriesPoint<StackRow>>()
      .curve(curveStepAfter)
      .x((d) => s.x(new Date(xOf(d.data))))
      .y0((d) => s.y(d[0]))
      .y1((d) => s.y(d[1]));
    return stacked.map((layer, i) => ({ key: layer.key, d: shape(layer) ?? '', colour: STACK_COLOURS[i % STACK_COLOURS.length]! }));
  }, [rows, keys, s]);
  const peak = useMemo(() => {
    let best: { t: number; n: number } | undefined;
    for (const r of rows) {
      const n = keys.reduce((sum, k) => sum + value(r, k), 0);
      if (!best || n > best.n) best = { t: r.t, n };
    }
    return best;
  }, [rows, keys]);
  const [y0, y1] = s.y.range() as [number, number];
  return (
    <figure className="stacked-area">
      <svg width="100%" viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${titleId} ${descId}`}>
        <title id={titleId}>{label}</title>
        <desc id={descId}>
          {keys.map((k) => `${keyLabel(k)} ${totals[k]}`).join('，')}
          {peak && describePeak ? `；${describePeak(peak.n, formatTime(peak.t))}` : ''}
        </desc>
        <g className="axis y-axis" aria-hidden="true">
          {s.y.ticks(4).map((v) => (
            <g key={v} transform={`translate(0,${s.y(v)})`}>
              <line x1={margin.left} x2={width - margin.right} className="grid" />
              <text x={margin.left - 6} dy="0.32em" textAnchor="end">
                {v}
              </text>
            </g>
          ))}
        </g>
        {layers.map((l) => (
          <path key={l.key} className="stack-layer" data-key={l.key} d={l.d} fill={l.colour} />
        ))}
        <g className="axis x-axis" aria-hidden="true" transform={`translate(0,${y0})`}>
          <line x1={margin.left} x2={width - margin.right} />
          {minuteTicks(s.x.ticks(6)).map((d) => (
            <text key={d.getTime()} x={s.x(d)} y={16} textAnchor="middle">
              {formatTime(d.getTime())}
            </text>
          ))}
        </g>
        <line className="axis-top" x1={margin.left} x2={margin.left} y1={y1} y2={y0} aria-hidden="true" />
      </svg>
      <figcaption>
        <ul className="legend">
          {layers.map((l) => (
            <li key={l.key} data-key={l.key}>
              <span className="swatch" style={{ background: l.colour }} aria-hidden="true" />
              {keyLabel(l.key)} <b>{totals[l.key]}</b>
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
