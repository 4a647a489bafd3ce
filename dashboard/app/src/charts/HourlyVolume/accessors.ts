/** One bar per local hour of the day: all mentions, and the negative part of them. */
export interface HourDatum {
  hour: number;
  mentions: number;
  negative: number;
}

export const hourOf = (d: HourDatum) => d.hour;
export const totalOf = (d: HourDatum) => d.mentions;
export const negativeOf = (d: HourDatum) => Math.min(d.negative, d.mentions);
