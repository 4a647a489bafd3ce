/** DateTime64(3, 'UTC') text for inserts: "2026-11-26 11:37:17.677". */
export function toDateTime64(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}`;
}

/** Parses DateTime64 text as returned for a column declared in UTC. */
export function fromDateTime64(text: string): number {
  return Date.parse(`${text.replace(' ', 'T')}Z`);
}
