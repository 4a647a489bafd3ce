import fs from 'node:fs';
import path from 'node:path';
import { parseLocalDate } from './local-day';

export interface StoredBrief {
  date: string;
  bytes: number;
  generated_at: number;
}

/** Generated briefs as files: `<dataDir>/briefs/YYYY-MM-DD.pdf`, written whole (temporary file, then rename). */
export interface BriefArchive {
  readonly dir: string;
  save(date: string, pdf: Buffer): Promise<StoredBrief>;
  /** The file of a stored brief, or undefined. */
  file(date: string): string | undefined;
  list(): Promise<StoredBrief[]>;
}

export function createBriefArchive(dataDir: string): BriefArchive {
  const dir = path.join(dataDir, 'briefs');
  const fileOf = (date: string) => {
    // Only real dates name files: nothing else reaches the file system.
    if (!parseLocalDate(date)) throw new RangeError(`not a date: ${date}`);
    return path.join(dir, `${date}.pdf`);
  };
  return {
    dir,
    async save(date, pdf) {
      const target = fileOf(date);
      await fs.promises.mkdir(dir, { recursive: true });
      const tmp = `${target}.${process.pid}.tmp`;
      await fs.promises.writeFile(tmp, pdf);
      await fs.promises.rename(tmp, target);
      const st = await fs.promises.stat(target);
      return { date, bytes: st.size, generated_at: st.mtimeMs };
    },
    file(date) {
      if (!parseLocalDate(date)) return undefined;
      const f = fileOf(date);
      return fs.existsSync(f) ? f : undefined;
    },
    async list() {
      let names: string[];
      try {
        names = await fs.promises.readdir(dir);
      } catch {
        return [];
      }
      const out: StoredBrief[] = [];
      for (const name of names) {
        const m = /^(\d{4}-\d{2}-\d{2})\.pdf$/.exec(name);
        if (!m || !parseLocalDate(m[1]!)) continue;
        const st = await fs.promises.stat(path.join(dir, name));
        out.push({ date: m[1]!, bytes: st.size, generated_at: Math.round(st.mtimeMs) });
      }
      return out.sort((a, b) => b.date.localeCompare(a.date));
    },
  };
}
