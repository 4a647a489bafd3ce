const HOUR = 3_600_000;

/** Bucket edges in hours: fine up to the 5-hour rule, coarser to the 48-hour one. */
export const EDGES_H = [0, 1, 2, 3, 4, 5, 6, 12, 24, 48] as const;

export interface LatencyBin {
  /** Lower edge, hours. */
  from: number;
  /** Upper edge, hours; Infinity for the last bucket. */
  to: number;
  count: number;
}

/** Counts of detection → first release latencies per bucket; the last bucket holds everything past 48 h. */
export function latencyBins(latenciesMs: readonly number[]): LatencyBin[] {
  const bins: LatencyBin[] = EDGES_H.map((from, i) => ({ from, to: EDGES_H[i + 1] ?? Infinity, count: 0 }));
  for (const ms of latenciesMs) {
    const h = ms / HOUR;
    const bin = bins.find((b) => h >= b.from && h < b.to) ?? bins[bins.length - 1]!;
    bin.count++;
  }
  return bins;
}

export function binLabel(b: LatencyBin): string {
  return b.to === Infinity ? `>${b.from}h` : `${b.from}–${b.to}h`;
}
