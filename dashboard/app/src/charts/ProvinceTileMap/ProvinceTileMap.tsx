import { useMemo } from 'react';
import { formatCount, formatPercent } from '../../format';
import { useI18n } from '../../i18n';
import { byTile, measure, type MapMeasure, type ProvinceDatum } from './accessors';
import { colourScale, tilePosition } from './scales';
import { GRID, TILES } from './tiles';

export interface ProvinceTileMapProps {
  rows: readonly ProvinceDatum[];
  measure?: MapMeasure;
  tile?: number;
  gap?: number;
}

/** Mention volume (or negative share) by province as a tile-grid cartogram, with the value written in each tile. */
export function ProvinceTileMap({ rows, measure: m = 'mentions', tile = 46, gap = 4 }: ProvinceTileMapProps) {
  const { lang } = useI18n();
  const { values } = useMemo(() => byTile(rows), [rows]);
  const max = useMemo(() => Math.max(0, ...[...values.values()].map((d) => measure(d, m) ?? 0)), [values, m]);
  const colour = useMemo(() => colourScale(m, max), [m, max]);
  const width = GRID.cols * (tile + gap);
  const height = GRID.rows * (tile + gap);
  return (
    <svg className="tilemap" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={m === 'mentions' ? '各省声量' : '各省负面占比'}>
      {TILES.map((t) => {
        const d = values.get(t.short);
        const v = d ? measure(d, m) : undefined;
        const { x, y } = tilePosition(t.row, t.col, tile, gap);
        const hot = v !== undefined && max > 0 && v / max > 0.55;
        return (
          <g key={t.short} transform={`translate(${x},${y})`} className="tile" data-province={t.short} data-value={v ?? ''}>
            <title>{`${t.short}: ${v === undefined ? '–' : m === 'mentions' ? formatCount(v, lang) : formatPercent(v)}`}</title>
            <rect width={tile} height={tile} rx={4} fill={v === undefined ? '#16212c' : colour(v)} />
            <text x={tile / 2} y={tile * 0.42} textAnchor="middle" className={hot ? 'tile-name dark' : 'tile-name'}>
              {lang === 'zh' ? t.short : t.en}
            </text>
            <text x={tile / 2} y={tile * 0.8} textAnchor="middle" className={hot ? 'tile-value dark' : 'tile-value'}>
              {v === undefined ? '' : m === 'mentions' ? formatCount(v, lang) : formatPercent(v)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
