/** A sparkline's data is one number per step (mentions per minute), oldest first. */
export const x = (_v: number, i: number) => i;
export const y = (v: number) => v;
