import { useMemo } from 'react';
import { hourOf, negativeOf, totalOf, type HourDatum } from './accessors';
import { DEFAULT_MARGINS, hourlyScales, type HourlyScales } from './scales';

export interface HourlyVolumeProps {
  data: readonly HourDatum[];
  width?: number;
  height?: number;
  /** Fixed scales (tests). */
  scales?: HourlyScales;
  label: string;
  /** Legend words (the page's language). */
  words?: { mentions: string; negative: string };
}

/**
 * Mentions per local hour as bars, the negative part darker and hatched at
 * the bottom of each bar (so the split reads without colour), with hours
 * every three and a few counts on the y axis.
 */
export function HourlyVolume({ data, width = 640, height = 140, scales, label, words = { mentions: '提及', negative: '负面' } }: HourlyVolumeProps) {
  const s = useMemo(() => scales ?? hourlyScales(data, width, height), [scales, data, width, height]);
  const base = s.y(0);
  const ticks = s.y.ticks(4);
  return (
    <svg className="hourly-volume" width="100%" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label} preserveAspectRatio="xMidYMid meet">
      <defs>
        <pattern id="hourly-neg-hatch" width="4" height="4" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="4" height="4" className="hourly-neg-bg" />
          <line x1="0" y1="0" x2="0" y2="4" className="hourly-neg-line" />
        </pattern>
      </defs>
      {ticks.map((t) => (
        <g key={t} className="hourly-tick">
          <line x1={DEFAULT_MARGINS.left} x2={width - DEFAULT_MARGINS.right} y1={s.y(t)} y2={s.y(t)} />
          <text x={DEFAULT_MARGINS.left - 4} y={s.y(t)} dy="0.32em" textAnchor="end">{t}</text>
        </g>
      ))}
      {data.map((d) => {
        const x = s.x(hourOf(d)) ?? 0;
        const w = s.x.bandwidth();
        const top = s.y(totalOf(d));
        const negTop = s.y(negativeOf(d));
        return (
          <g key={hourOf(d)} className="hourly-bar" data-hour={hourOf(d)} data-mentions={totalOf(d)} data-negative={negativeOf(d)}>
            <title>{`${String(hourOf(d)).padStart(2, '0')}:00 ${words.mentions} ${totalOf(d)}, ${words.negative} ${negativeOf(d)}`}</title>
            <rect className="hourly-total" x={x} y={top} width={w} height={Math.max(0, base - top)} />
            {negativeOf(d) > 0 && <rect className="hourly-negative" x={x} y={negTop} width={w} height={Math.max(0, base - negTop)} fill="url(#hourly-neg-hatch)" />}
          </g>
        );
      })}
      {data.filter((d) => hourOf(d) % 3 === 0).map((d) => (
        <text key={hourOf(d)} className="hourly-hour" x={(s.x(hourOf(d)) ?? 0) + s.x.bandwidth() / 2} y={height - 4} textAnchor="middle">
          {String(hourOf(d)).padStart(2, '0')}
        </text>
      ))}
      <line className="hourly-axis" x1={DEFAULT_MARGINS.left} x2={width - DEFAULT_MARGINS.right} y1={base} y2={base} />
    </svg>
  );
}
