import fs from 'node:fs';
import readline from 'node:readline';
import zlib from 'node:zlib';
import { seededRandom } from '@fenghuo/shared/ml';

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

/** A cascade file one cascade at a time (JSON lines, gzip or plain): large files need not fit in memory. */
export async function* eachCascade(file: string, split?: string): AsyncGenerator<Cascade> {
  for await (const { value, line } of jsonLines(file)) {
    const c = value as Cascade;
    if (!c || typeof c !== 'object' || !c.post || typeof c.post.text !== 'string') throw new Error(`${file}:${line}: not a cascade (needs post.text)`);
    if (split && c.split && c.split !== split) continue;
    c.reactions = Array.isArray(c.reactions) ? c.reactions : [];
    yield c;
  }
}

/** Reads a cascade file (JSON lines, gzip or plain); `split` keeps one split when given. */
export async function readCascades(file: string, split?: string): Promise<Cascade[]> {
  const out: Cascade[] = [];
  for await (const c of eachCascade(file, split)) out.push(c);
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

/** What an unlabelled-text file holds, told apart by its first non-empty line. */
export type TextFileFormat = 'cascade' | 'sentiment' | 'text';

export interface UnlabeledTextOptions {
  /** At most this many texts, a uniform random sample (reservoir) of those that pass the filters. Default 20,000. */
  sample?: number;
  seed?: number;
  /** Cascade files: the source posts, the reactions, or both. Default 'all'. */
  from?: 'posts' | 'reactions' | 'all';
  /** Texts with fewer characters (after links, @names, emoticons and repost chains are taken out) are dropped. Default 5. */
  minChars?: number;
}

export interface UnlabeledTexts {
  texts: string[];
  format: TextFileFormat;
  /** Texts read, before filtering. */
  read: number;
  /** Texts that passed the length and duplicate filters (the sample is drawn from these). */
  eligible: number;
}

export const DEFAULT_UNLABELED_SAMPLE = 20_000;

/** Sniffs the format: a cascade (post.text), a labelled-post line (text), else plain text, one post per line. */
export async function textFileFormat(file: string): Promise<TextFileFormat> {
  const lines = textLines(file);
  try {
    for await (const line of lines) {
      if (!line.trim()) continue;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        return 'text';
      }
      const o = value as { post?: { text?: unknown }; text?: unknown } | null;
      if (o && typeof o === 'object' && o.post && typeof o.post.text === 'string') return 'cascade';
      if (o && typeof o === 'object' && typeof o.text === 'string') return 'sentiment';
      return 'text';
    }
    return 'text';
  } finally {
    lines.close();
  }
}

// The reacting user's own words come before the first "//@": what follows is the repost chain, i.e. other users' text (often the source post again).
const REPOST_CHAIN_RE = /\/\/\s*@.*$/s;
// What the length filter counts: links, @names and [emoticons] carry no words of their own.
const NOT_WORDS_RE = /https?:\/\/\S+|(?:回复)?@[\p{L}\p{N}_\-·]{1,30}\s*[:：]?|\[[^\]]{1,8}\]|[\p{P}\p{S}\s]/gu;

/** 53-bit FNV-1a-style hash of a string: the duplicate filter keeps hashes, not the (up to a million) texts. */
function textHash(text: string): number {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
  }
  return (h1 >>> 0) * 2 ** 21 + ((h2 >>> 0) & 0x1fffff);
}

/**
 * Unlabelled texts for domain adaptation from a cascade file (source posts
 * and/or reactions), a labelled-post file (labels ignored) or a plain text
 * file with one post per line; gzip or plain, the format found by content.
 * Reposts are cut to the reacting user's own words; texts shorter than
 * `minChars` and exact duplicates (after that cut) are dropped ("转发微博",
 * "[蜡烛]" and copies of one text would otherwise dominate); of the rest, a
 * seeded uniform sample of `sample` texts is kept, so a file of a million
 * reactions is read in one pass in bounded memory.
 */
export async function readUnlabeledTexts(file: string, options: UnlabeledTextOptions = {}): Promise<UnlabeledTexts> {
  const size = options.sample ?? DEFAULT_UNLABELED_SAMPLE;
  if (!Number.isInteger(size) || size < 1) throw new Error(`sample must be a positive integer (got ${size})`);
  const from = options.from ?? 'all';
  const minChars = options.minChars ?? 5;
  const rand = seededRandom(options.seed ?? 7);
  const format = await textFileFormat(file);
  const seen = new Set<number>();
  const texts: string[] = [];
  let read = 0;
  let eligible = 0;
  const offer = (raw: unknown) => {
    if (typeof raw !== 'string' || !raw.trim()) return;
    read++;
    const text = raw.replace(REPOST_CHAIN_RE, '').trim();
    if (text.replace(NOT_WORDS_RE, '').length < minChars) return;
    const h = textHash(text);
    if (seen.has(h)) return;
    seen.add(h);
    // Reservoir sampling (Algorithm R): every eligible text ends up in the sample with the same probability.
    eligible++;
    if (texts.length < size) texts.push(text);
    else {
      const j = Math.floor(rand() * eligible);
      if (j < size) texts[j] = text;
    }
  };
  if (format === 'cascade') {
    for await (const c of eachCascade(file)) {
      if (from !== 'reactions') offer(c.post.text);
      if (from !== 'posts') for (const r of c.reactions) offer(r?.text);
    }
  } else if (format === 'sentiment') {
    for await (const { value } of jsonLines(file)) offer((value as { text?: unknown } | null)?.text);
  } else {
    for await (const line of textLines(file)) offer(line);
  }
  return { texts, format, read, eligible };
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
