import { useMemo } from 'react';
import { binLabel, latencyBins } from './accessors';
import { histogramScales } from './scales';

export interface LatencyHistogramProps {
  latenciesMs: readonly number[];
  width?: number;
  height?: number;
}

/** How long units took from detection to their first release; bars past the 5-hour rule are marked late (hatched, not colour alone). */
export function LatencyHistogram({ latenciesMs, width = 420, height = 140 }: LatencyHistogramProps) {
  const bins = useMemo(() => latencyBins(latenciesMs), [latenciesMs]);
  const s = useMemo(() => histogramScales(bins, width, height), [bins, width, height]);
  return (
    <svg className="histogram" width="100%" viewBox={`0 0 ${width} ${height}`} role="img" aria-label="首次发布用时分布 / time to first release">
      <defs>
        <pattern id="late-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="6" height="6" className="bar-late-bg" />
          <line x1="0" y1="0" x2="0" y2="6" className="bar-late-line" strokeWidth="3" />
        </pattern>
      </defs>
      {bins.map((b) => {
        const label = binLabel(b);
        const x = s.x(label) ?? 0;
        const y = s.y(b.count);
        const late = b.from >= 5;
        return (
          <g key={label} className={late ? 'bar late' : 'bar'} data-bin={label} data-count={b.count}>
            <rect x={x} y={y} width={s.x.bandwidth()} height={Math.max(0, s.y(0) - y)} fill={late ? 'url(#late-hatch)' : undefined} />
            {b.count > 0 && (
              <text x={x + s.x.bandwidth() / 2} y={y - 2} textAnchor="middle" className="bar-count">
                {b.count}
              </text>
            )}
            <text x={x + s.x.bandwidth() / 2} y={height - 6} textAnchor="middle" className="bar-label">
              {label.replace('h', '')}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
