import { scaleLinear, type ScaleLinear } from 'd3-scale';
import type { StackRow, TimelineDeadline, TimelineMarker } from './accessors';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export interface TimelineScales {
  x: ScaleLinear<number, number>;
  y: ScaleLinear<number, number>;
}

export interface TimelineMargin {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export const DEFAULT_MARGIN: TimelineMargin = { top: 64, right: 24, bottom: 28, left: 56 };

/**
 * The time span to draw: from the earliest of the volume, the markers and
 * now, to the latest of them; deadlines due soon after are drawn too, but a
 * deadline days away would squash the curve into a sliver, so those beyond
 * half the span again are left off the axis (the component shows them at the
 * edge with an arrow). At least one hour.
 */
export function timelineDomain(rows: readonly StackRow[], markers: readonly TimelineMarker[], deadlines: readonly TimelineDeadline[], now: number, bin = MINUTE): [number, number] {
  const times = [...rows.map((r) => r.t), ...markers.map((m) => m.at), now];
  let start = Math.min(...times);
  let end = Math.max(...times, ...rows.map((r) => r.t + bin));
  const reach = end + Math.max(2 * HOUR, end - start);
  for (const d of deadlines) if (d.due_at <= reach) end = Math.max(end, d.due_at);
  if (end - start < HOUR) start = end - HOUR;
  return [start, end];
}

export function timelineScales(domain: [number, number], maxTotal: number, width: number, height: number, margin: TimelineMargin = DEFAULT_MARGIN): TimelineScales {
  return {
    x: scaleLinear().domain(domain).range([margin.left, width - margin.right]),
    y: scaleLinear().domain([0, Math.max(1, maxTotal)]).range([height - margin.bottom, margin.top]).nice(),
  };
}

const STEPS = [MINUTE, 5 * MINUTE, 10 * MINUTE, 15 * MINUTE, 30 * MINUTE, HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, 24 * HOUR];

/**
 * Axis ticks on round minutes or hours of the configured zone (offset in ms
 * east of UTC: Asia/Shanghai is +8 h), at most `max` of them.
 */
export function timeTicks(domain: [number, number], max = 8, zoneOffsetMs = 8 * HOUR): number[] {
  const span = domain[1] - domain[0];
  const step = STEPS.find((s) => span / s <= max) ?? Math.ceil(span / max / (24 * HOUR)) * 24 * HOUR;
  const first = Math.ceil((domain[0] + zoneOffsetMs) / step) * step - zoneOffsetMs;
  const out: number[] = [];
  for (let t = first; t <= domain[1]; t += step) out.push(t);
  return out;
}
