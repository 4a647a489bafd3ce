import { tileOf } from './tiles';

export interface ProvinceDatum {
  province: string;
  mentions: number;
  negative: number;
}

export type MapMeasure = 'mentions' | 'negative_share';

/** The value a tile shows: mention volume, or the share of negative mentions (undefined without mentions). */
export function measure(d: ProvinceDatum, m: MapMeasure): number | undefined {
  if (m === 'mentions') return d.mentions;
  return d.mentions > 0 ? d.negative / d.mentions : undefined;
}

/** Rows keyed by tile (short name); rows that match no province are counted apart. */
export function byTile(rows: readonly ProvinceDatum[]): { values: Map<string, ProvinceDatum>; unmatched: number } {
  const values = new Map<string, ProvinceDatum>();
  let unmatched = 0;
  for (const r of rows) {
    const tile = tileOf(r.province);
    if (!tile) {
      unmatched += r.mentions;
      continue;
    }
    const prev = values.get(tile.short);
    values.set(tile.short, prev ? { province: tile.short, mentions: prev.mentions + r.mentions, negative: prev.negative + r.negative } : { ...r, province: tile.short });
  }
  return { values, unmatched };
}
