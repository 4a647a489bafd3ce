/**
 * The daily rhythm of online activity: how busy each hour of the day is
 * relative to the average (3 a.m. is not 9 p.m.). Starts from a generic
 * curve written for the project and learns the stream's own from the volume
 * it sees, hour by hour.
 */

/** A typical day of Chinese social media, local time, relative to the daily mean. */
const PRIOR = [
  0.62, 0.4, 0.25, 0.18, 0.16, 0.21, 0.4, 0.75, 1.1, 1.25, 1.32, 1.38,
  1.45, 1.32, 1.25, 1.28, 1.32, 1.35, 1.42, 1.56, 1.7, 1.77, 1.52, 1.06,
];
const PRIOR_WEIGHT_MINUTES = 180;

export class DailyRhythm {
  private readonly sums = new Float64Array(24);
  private readonly minutes = new Float64Array(24);
  private readonly hourFormat: Intl.DateTimeFormat;

  constructor(timezone = 'Asia/Shanghai') {
    this.hourFormat = new Intl.DateTimeFormat('en-GB', { timeZone: timezone, hour: '2-digit', hour12: false });
  }

  hourOf(t: number): number {
    return Number(this.hourFormat.format(new Date(t))) % 24;
  }

  /** Records the total volume of one finished minute. */
  observe(minuteStart: number, total: number): void {
    const h = this.hourOf(minuteStart);
    this.sums[h]! += total;
    this.minutes[h]!++;
  }

  /** Relative activity at time t (≈1 on average over a day). */
  factor(t: number): number {
    const levels = PRIOR.map((p, h) => {
      const n = this.minutes[h]!;
      const mean = n ? this.sums[h]! / n : 0;
      return { p, n, mean };
    });
    const learnedHours = levels.filter((l) => l.n > 0);
    if (learnedHours.length < 12) return PRIOR[this.hourOf(t)]!;
    const overall = learnedHours.reduce((s, l) => s + l.mean, 0) / learnedHours.length || 1;
    const l = levels[this.hourOf(t)]!;
    const w = l.n / (l.n + PRIOR_WEIGHT_MINUTES);
    return Math.max(0.05, (1 - w) * l.p + w * (l.mean / overall));
  }
}
