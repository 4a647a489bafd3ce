import { scaleBand, scaleLinear } from 'd3-scale';
import { binLabel, type LatencyBin } from './accessors';

export function histogramScales(bins: readonly LatencyBin[], width: number, height: number, margin = { top: 8, bottom: 22, left: 4, right: 4 }) {
  return {
    x: scaleBand<string>().domain(bins.map(binLabel)).range([margin.left, width - margin.right]).padding(0.15),
    y: scaleLinear().domain([0, Math.max(1, ...bins.map((b) => b.count))]).range([height - margin.bottom, margin.top]),
    margin,
  };
}
