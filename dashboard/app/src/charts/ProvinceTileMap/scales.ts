import { scaleLinear, scaleSqrt } from 'd3-scale';
import type { MapMeasure } from './accessors';

/** Colour of a tile: from the empty tone to the hot one; volume on a square-root scale so one hot province does not wash out the rest. */
export function colourScale(m: MapMeasure, max: number) {
  const range: [string, string] = ['#1d3347', '#ffb347'];
  if (m === 'negative_share') return scaleLinear<string>().domain([0, Math.max(0.01, max)]).range(range).clamp(true);
  return scaleSqrt<string>().domain([0, Math.max(1, max)]).range(range).clamp(true);
}

/** Tile positions: columns and rows to pixels with a gap. */
export function tilePosition(row: number, col: number, tile: number, gap: number): { x: number; y: number } {
  return { x: col * (tile + gap), y: row * (tile + gap) };
}
