import fs from 'node:fs';
import readline from 'node:readline';
import zlib from 'node:zlib';

/** One cascade: a source post with its reactions (../shared/data/README.md). */
export interface Cascade {
  id: string;
  label?: 'rumor' | 'non-rumor';
  split?: string;
  post: {
    id?: string;
    text: string;
    time: string;
    author?: {
      verified?: boolean;
      verified_type?: number;
      followers?: number;
      friends?: number;
      statuses?: number;
      gender?: string;
      location?: string;
      has_description?: boolean;
      created?: string;
    };
    reposts?: number;
    comments?: number;
    likes?: number;
    pics?: number;
    has_url?: boolean;
    client?: string;
  };
  reactions: {
    id: string;
    parent: string | null;
    kind: 'repost' | 'comment';
    author_id?: string;
    time: string;
    text: string;
    /** The reacting account, when the source has it (live mentions do; CED does not). */
    author?: { verified?: boolean; followers?: number; created?: string };
  }[];
}

export interface SentimentExample {
  id?: string;
  text: string;
  label: string;
  split?: string;
}

/** A file's text lines, gunzipped when the file starts with the gzip magic bytes. */
export function textLines(file: string): readline.Interface {
  const head = Buffer.alloc(2);
  const fd = fs.openSync(file, 'r');
  fs.readSync(fd, head, 0, 2, 0);
  fs.closeSync(fd);
  const raw = fs.createReadStream(file);
  const input = head[0] === 0x1f && head[1] === 0x8b ? raw.pipe(zlib.createGunzip()) : raw;
  return readline.createInterface({ input, crlfDelay: Infinity });
}

async function* jsonLines(file: string): AsyncGenerator<{ value: unknown; line: number }> {
  let line = 0;
  for await (const text of textLines(file)) {
    line++;
    if (!text.trim()) continue;
    try {
      yield { value: JSON.parse(text), line };
    } catch (error) {
      throw new Error(`${file}:${line}: not JSON: ${(error as Error).message}`);
    }
  }
}

/** Reads a cascade file (JSON lines, gzip or plain); `split` keeps one split when given. */
export async function readCascades(file: string, split?: string): Promise<Cascade[]> {
  const out: Cascade[] = [];
  for await (const { value, line } of jsonLines(file)) {
    const c = value as Cascade;
    if (!c || typeof c !== 'object' || !c.post || typeof c.post.text !== 'string') throw new Error(`${file}:${line}: not a cascade (needs post.text)`);
    if (split && c.split && c.split !== split) continue;
    c.reactions = Array.isArray(c.reactions) ? c.reactions : [];
    out.push(c);
  }
  return out;
}

/** Reads an emotion/polarity file (JSON lines, gzip or plain). */
export async function readSentiment(file: string, split?: string): Promise<SentimentExample[]> {
  const out: SentimentExample[] = [];
  for await (const { value, line } of jsonLines(file)) {
    const e = value as SentimentExample;
    if (!e || typeof e.text !== 'string' || typeof e.label !== 'string') throw new Error(`${file}:${line}: needs text and label`);
    if (split && e.split && e.split !== split) continue;
    out.push(e);
  }
  return out;
}

/** Reactions within `windowMs` of the post (all when undefined). */
export function withinWindow(c: Cascade, windowMs: number | undefined): Cascade['reactions'] {
  if (windowMs === undefined) return c.reactions;
  const t0 = Date.parse(c.post.time);
  return c.reactions.filter((r) => Date.parse(r.time) - t0 <= windowMs);
}

export function parseWindow(text: string | undefined): number | undefined {
  if (!text || text === 'all') return undefined;
  const m = /^(\d+(?:\.\d+)?)\s*(m|h|d)$/.exec(text.trim());
  if (!m) throw new Error(`--window takes 1h, 6h, 24h, 30m or all (got ${text})`);
  return Number(m[1]) * { m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as 'm' | 'h' | 'd'];
}
