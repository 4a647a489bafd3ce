/** A one-line progress display on a terminal; silent when stderr is not a TTY. */
export function createProgressLine(stream: NodeJS.WriteStream = process.stderr) {
  const enabled = Boolean(stream.isTTY);
  let last = 0;
  return {
    update(text: string) {
      if (!enabled) return;
      const t = Date.now();
      if (t - last < 100) return;
      last = t;
      stream.write(`\r\x1b[2K${text}`);
    },
    done() {
      if (enabled) stream.write('\r\x1b[2K');
    },
  };
}

export function fmt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}
