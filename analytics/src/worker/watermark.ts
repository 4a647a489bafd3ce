/** A stream whose newest mention is this close to the wall clock is live: its event time moves with the clock while it is quiet. */
export const LIVE_WINDOW_MS = 5 * 60_000;
/** How long a live stream must bring nothing before its event time moves on with the wall clock. */
export const QUIET_AFTER_MS = 3_000;

export interface WatermarkInput {
  /** The newest event time read so far. */
  maxEventTime: number;
  /** Wall clock now, and when rows last arrived. */
  wall: number;
  lastArrival: number;
  /** Whether this poll brought rows. */
  arrived: boolean;
  latenessMs: number;
}

/**
 * Event time up to which the engine may analyse: the newest mention less the
 * lateness allowance. A live stream that went quiet still has its time pass
 * (alerts resolve, the last mentions are analysed), but only after
 * QUIET_AFTER_MS without a row: a poll that finds nothing on a busy stream is
 * a pause in the pipeline (a slow insert, a garbage collection), and moving
 * the watermark on with the clock then made the rows behind the pause late.
 */
export function liveWatermark(i: WatermarkInput): number {
  const w = i.maxEventTime - i.latenessMs;
  const quiet = i.wall - i.lastArrival - QUIET_AFTER_MS;
  if (i.arrived || quiet <= 0 || Math.abs(i.wall - i.maxEventTime) >= LIVE_WINDOW_MS) return w;
  return Math.max(w, Math.min(i.wall, i.maxEventTime + quiet) - i.latenessMs);
}
