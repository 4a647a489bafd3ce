/** One rumor signal's part in the score: its raw value and what it added to the logit (+ towards rumor). */
export interface SignalBar {
  signal: string;
  value: number;
  contribution: number;
}

export const contribution = (b: SignalBar) => b.contribution;
export const name = (b: SignalBar) => b.signal;

/** The signals that moved the score most, largest push first (either way). */
export function topSignals(bars: readonly SignalBar[], limit = 10): SignalBar[] {
  return [...bars].filter((b) => b.contribution !== 0).sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution) || a.signal.localeCompare(b.signal)).slice(0, limit);
}

/** "+0.80" / "−0.40": the sign carries the direction in text as well as in the bar's side. */
export function formatContribution(c: number): string {
  return `${c >= 0 ? '+' : '−'}${Math.abs(c).toFixed(2)}`;
}
