import { useMemo } from 'react';
import type { CheckStatus } from '@fenghuo/shared/governance';
import { statusOf, weekOf, type TrendDatum } from './accessors';
import { trendScales, type TrendScales } from './scales';

/** The icon drawn in each cell, so a week's status reads without colour. */
const ICON: Record<CheckStatus, string> = { pass: '✓', warn: '!', fail: '✗', not_applicable: '–' };

export interface StatusTrendProps {
  data: readonly TrendDatum[];
  width?: number;
  height?: number;
  /** Fixed scales (tests). */
  scales?: TrendScales;
  /** The whole chart in words, for screen readers. */
  label: string;
  /** One week in words (its tooltip): the page's language. */
  describe: (d: TrendDatum) => string;
}

/**
 * An account's weekly status as a strip of cells, oldest first: each cell is
 * coloured by status and carries its icon (✓ ! ✗ –), with the week and the
 * failing checks in its tooltip.
 */
export function StatusTrend({ data, width = 132, height = 18, scales, label, describe }: StatusTrendProps) {
  const s = useMemo(() => scales ?? trendScales(data, width), [scales, data, width]);
  const w = s.x.bandwidth();
  return (
    <svg className="status-trend" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label}>
      {data.map((d) => {
        const x = s.x(weekOf(d)) ?? 0;
        const status = statusOf(d);
        return (
          <g key={weekOf(d)} className={`trend-cell trend-${status}`} data-week={weekOf(d)} data-status={status}>
            <title>{describe(d)}</title>
            <rect x={x} y={1} width={w} height={height - 2} rx={2} />
            <text x={x + w / 2} y={height / 2} dy="0.35em" textAnchor="middle" aria-hidden="true">
              {ICON[status]}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
