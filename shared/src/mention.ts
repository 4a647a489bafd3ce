import { z } from 'zod';

/** One shape for every source: see docs/ingest.md. */

export const PLATFORMS = ['weibo', 'wechat', 'douyin', 'toutiao', 'news', 'hotline', 'gov_board', 'other'] as const;
export type Platform = (typeof PLATFORMS)[number];

export const MENTION_KINDS = ['post', 'repost', 'comment', 'article', 'ticket', 'message'] as const;
export type MentionKind = (typeof MENTION_KINDS)[number];

export const TEXT_MAX_CHARS = 20_000;
export const EARLIEST_TIME_MS = Date.UTC(2000, 0, 1);
export const MAX_FUTURE_MS = 24 * 60 * 60 * 1000;

export interface MentionAuthor {
  id?: string;
  name?: string;
  followers?: number;
  verified?: boolean;
  verified_type?: number;
  location?: string;
  official?: boolean;
}

export interface MentionMetrics {
  reposts?: number;
  comments?: number;
  likes?: number;
  views?: number;
}

/** A validated, normalised mention. `time` is epoch milliseconds (event time). */
export interface Mention {
  id: string;
  platform: Platform;
  kind: MentionKind;
  text: string;
  title?: string;
  url?: string;
  time: number;
  author?: MentionAuthor;
  parent_id?: string;
  root_id?: string;
  metrics?: MentionMetrics;
  region?: string;
  /** The source record as JSON text. */
  raw?: string;
}

// Control characters other than tab and newline carry no meaning in a post and
// break downstream tools (CSV exports, terminals), so they are removed.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

export function cleanText(value: string): string {
  return value.replace(CONTROL_CHARS, '').trim();
}

function countCodePoints(value: string): number {
  let n = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < value.length) i++;
    n++;
  }
  return n;
}

const ISO_WITH_OFFSET = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})$/i;

/** Parses ISO-8601 with an explicit offset, or epoch milliseconds. Returns an error message on failure. */
export function parseEventTime(value: unknown): number | string {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return 'time must be a finite number of epoch milliseconds';
    return Math.trunc(value);
  }
  if (typeof value !== 'string') return 'time must be an ISO-8601 string with a UTC offset, or epoch milliseconds';
  const s = value.trim();
  const m = ISO_WITH_OFFSET.exec(s);
  if (!m) {
    if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(s)) return `time "${truncate(s)}" has no UTC offset (add Z or +08:00)`;
    return `time "${truncate(s)}" is not ISO-8601 with a UTC offset`;
  }
  let offset = m[8]!;
  if (/^[+-]\d{4}$/.test(offset)) offset = `${offset.slice(0, 3)}:${offset.slice(3)}`;
  const fraction = m[7] ? `.${m[7].slice(0, 3).padEnd(3, '0')}` : '';
  const normalised = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? '00'}${fraction}${offset.toUpperCase()}`;
  const ms = Date.parse(normalised);
  if (Number.isNaN(ms)) return `time "${truncate(s)}" is not a valid date`;
  // Date.parse rolls 2021-02-30 over into March; reject dates that do not exist.
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(Number(m[1]), month)) {
    return `time "${truncate(s)}" is not a valid date`;
  }
  return ms;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** A time for an error message: ISO when a Date can hold it (±8.64e15 ms), else the number (toISOString throws on 1e20). */
function timeText(ms: number): string {
  return Math.abs(ms) <= 8.64e15 ? new Date(ms).toISOString() : `${ms} ms since 1970`;
}

function truncate(s: string, max = 40): string {
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

const idSchema = z
  .union([z.string(), z.number()])
  .transform((v, ctx) => {
    if (typeof v === 'number') {
      if (!Number.isSafeInteger(v) || v < 0) {
        ctx.addIssue({ code: 'custom', message: 'numeric ids must be non-negative safe integers; send large ids as strings' });
        return z.NEVER;
      }
      return String(v);
    }
    const t = v.trim();
    if (t.length === 0) {
      ctx.addIssue({ code: 'custom', message: 'must not be empty' });
      return z.NEVER;
    }
    if (t.length > 256) {
      ctx.addIssue({ code: 'custom', message: 'must be at most 256 characters' });
      return z.NEVER;
    }
    return t;
  });

const optionalString = (max: number) =>
  z
    .string()
    .max(max)
    .transform((v) => cleanText(v))
    .optional();

const count = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

const authorSchema = z.object({
  id: idSchema.optional(),
  name: optionalString(200),
  followers: count.optional(),
  verified: z.boolean().optional(),
  verified_type: z.number().int().min(-(2 ** 31)).max(2 ** 31 - 1).optional(),
  location: optionalString(200),
  official: z.boolean().optional(),
});

const metricsSchema = z.object({
  reposts: count.optional(),
  comments: count.optional(),
  likes: count.optional(),
  views: count.optional(),
});

const urlSchema = z
  .string()
  .max(2048)
  .refine(
    (v) => {
      try {
        const u = new URL(v);
        return u.protocol === 'http:' || u.protocol === 'https:';
      } catch {
        return false;
      }
    },
    { message: 'must be an http or https URL' },
  );

/** The wire shape accepted by every ingest entry point (before time checks). */
export const mentionInputSchema = z.object({
  id: idSchema,
  platform: z.enum(PLATFORMS),
  kind: z.enum(MENTION_KINDS).default('post'),
  text: z.string().transform((v, ctx) => {
    const t = cleanText(v);
    if (t.length === 0) {
      ctx.addIssue({ code: 'custom', message: 'is empty after trimming' });
      return z.NEVER;
    }
    if (t.length > TEXT_MAX_CHARS && countCodePoints(t) > TEXT_MAX_CHARS) {
      ctx.addIssue({ code: 'custom', message: `is longer than ${TEXT_MAX_CHARS} characters` });
      return z.NEVER;
    }
    return t;
  }),
  title: optionalString(1000),
  url: urlSchema.optional(),
  time: z.unknown().transform((v, ctx) => {
    if (v === undefined || v === null) {
      ctx.addIssue({ code: 'custom', message: 'is required' });
      return z.NEVER;
    }
    const parsed = parseEventTime(v);
    if (typeof parsed === 'string') {
      ctx.addIssue({ code: 'custom', message: parsed });
      return z.NEVER;
    }
    return parsed;
  }),
  author: authorSchema.optional(),
  parent_id: idSchema.optional(),
  root_id: idSchema.optional(),
  metrics: metricsSchema.optional(),
  region: optionalString(64),
  raw: z.unknown().optional(),
});

export type MentionInput = z.input<typeof mentionInputSchema>;

export type ValidationResult = { ok: true; mention: Mention } | { ok: false; code: string; error: string };

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v = input;
  for (const key of path) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

function describeIssues(input: unknown, issues: readonly z.core.$ZodIssue[]): { code: string; error: string } {
  const parts = issues.slice(0, 5).map((issue) => {
    const path = issue.path.length ? issue.path.join('.') : 'record';
    if (issue.code !== 'custom' && valueAt(input, issue.path) === undefined) return `${path}: is required`;
    return `${path}: ${issue.message}`;
  });
  const first = issues[0];
  const field = first && first.path.length ? String(first.path[0]) : 'record';
  return { code: `invalid_${field}`, error: parts.join('; ') };
}

/**
 * Builds the validator once (the schema is compiled on first use and reused).
 * `now` is injected so tests and replays control "the future".
 *
 * Valid records take a hand-written fast path that builds exactly what the
 * zod schema would (mention-fast.test.ts checks the two agree on generated
 * inputs); anything the fast path does not accept goes through zod, which
 * decides and words the error.
 */
export function createMentionValidator(now: () => number = Date.now): (input: unknown) => ValidationResult {
  return (input) => {
    const fast = fastMention(input, now);
    if (fast) return { ok: true, mention: fast };
    return validateWithSchema(input, now);
  };
}

/** The zod path alone (exported for the equivalence test). */
export function validateWithSchema(input: unknown, now: () => number): ValidationResult {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      const got = input === null ? 'null' : Array.isArray(input) ? 'array' : typeof input;
      return { ok: false, code: 'not_an_object', error: `expected a mention object, got ${got}` };
    }
    const parsed = mentionInputSchema.safeParse(input);
    if (!parsed.success) return { ok: false, ...describeIssues(input, parsed.error.issues) };
    const v = parsed.data;
    if (v.time < EARLIEST_TIME_MS) {
      const hint = v.time > 0 && v.time < 1e11 ? ' (it looks like epoch seconds; send milliseconds)' : '';
      return { ok: false, code: 'time_out_of_range', error: `time: ${timeText(v.time)} is before 2000-01-01${hint}` };
    }
    if (v.time > now() + MAX_FUTURE_MS) {
      return { ok: false, code: 'time_out_of_range', error: `time: ${timeText(v.time)} is more than 1 day in the future` };
    }
    const mention: Mention = { id: v.id, platform: v.platform, kind: v.kind, text: v.text, time: v.time };
    if (v.title) mention.title = v.title;
    if (v.url) mention.url = v.url;
    if (v.author) mention.author = stripUndefined(v.author);
    if (v.parent_id) mention.parent_id = v.parent_id;
    if (v.root_id) mention.root_id = v.root_id;
    if (v.metrics) mention.metrics = stripUndefined(v.metrics);
    if (v.region) mention.region = v.region;
    if (v.raw !== undefined && v.raw !== null) {
      if (typeof v.raw === 'string') mention.raw = v.raw;
      else {
        // JSON.parse reads nesting JSON.stringify cannot write back (it recurses): a reject, not a crash.
        try {
          mention.raw = JSON.stringify(v.raw);
        } catch (error) {
          return { ok: false, code: 'invalid_raw', error: `raw: cannot be kept as JSON: ${(error as Error).message}` };
        }
      }
    }
    return { ok: true, mention };
}

const PLATFORM_SET: ReadonlySet<string> = new Set(PLATFORMS);
const KIND_SET: ReadonlySet<string> = new Set(MENTION_KINDS);
const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

type Obj = Record<string, unknown>;

function fastId(v: unknown): string | undefined {
  if (typeof v === 'string') {
    const t = v.trim();
    return t.length > 0 && t.length <= 256 ? t : undefined;
  }
  if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return String(v);
  return undefined;
}

/** undefined: absent; null: invalid; string: the cleaned value (may be ''). */
function fastString(v: unknown, max: number): string | undefined | null {
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || v.length > max) return null;
  return cleanText(v);
}

function fastCount(v: unknown): number | undefined | null {
  if (v === undefined) return undefined;
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : null;
}

function isPlainObject(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The mention for a record that is valid, built the way the schema builds
 * it; undefined for anything else (then the schema decides and explains).
 */
function fastMention(input: unknown, now: () => number): Mention | undefined {
  if (!isPlainObject(input)) return undefined;
  const id = fastId(input.id);
  if (id === undefined) return undefined;
  const platform = input.platform;
  if (typeof platform !== 'string' || !PLATFORM_SET.has(platform)) return undefined;
  const kind = input.kind === undefined ? 'post' : input.kind;
  if (typeof kind !== 'string' || !KIND_SET.has(kind)) return undefined;
  if (typeof input.text !== 'string') return undefined;
  const text = cleanText(input.text);
  if (text.length === 0 || (text.length > TEXT_MAX_CHARS && countCodePoints(text) > TEXT_MAX_CHARS)) return undefined;
  if (input.time === undefined || input.time === null) return undefined;
  const time = parseEventTime(input.time);
  if (typeof time !== 'number' || time < EARLIEST_TIME_MS || time > now() + MAX_FUTURE_MS) return undefined;

  const mention: Mention = { id, platform: platform as Platform, kind: kind as MentionKind, text, time };
  const title = fastString(input.title, 1000);
  if (title === null) return undefined;
  if (title) mention.title = title;
  if (input.url !== undefined) {
    if (typeof input.url !== 'string' || input.url.length > 2048 || !/^https?:\/\//i.test(input.url)) return undefined;
    try {
      const u = new URL(input.url);
      if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
    } catch {
      return undefined;
    }
    if (input.url) mention.url = input.url;
  }
  if (input.author !== undefined) {
    const a = input.author;
    if (!isPlainObject(a)) return undefined;
    const author: MentionAuthor = {};
    if (a.id !== undefined) {
      const aid = fastId(a.id);
      if (aid === undefined) return undefined;
      author.id = aid;
    }
    const name = fastString(a.name, 200);
    if (name === null) return undefined;
    if (name) author.name = name;
    const followers = fastCount(a.followers);
    if (followers === null) return undefined;
    if (followers !== undefined) author.followers = followers;
    if (a.verified !== undefined) {
      if (typeof a.verified !== 'boolean') return undefined;
      author.verified = a.verified;
    }
    if (a.verified_type !== undefined) {
      const vt = a.verified_type;
      if (typeof vt !== 'number' || !Number.isInteger(vt) || vt < INT32_MIN || vt > INT32_MAX) return undefined;
      author.verified_type = vt;
    }
    const location = fastString(a.location, 200);
    if (location === null) return undefined;
    if (location) author.location = location;
    if (a.official !== undefined) {
      if (typeof a.official !== 'boolean') return undefined;
      author.official = a.official;
    }
    mention.author = author;
  }
  for (const key of ['parent_id', 'root_id'] as const) {
    const v = input[key];
    if (v === undefined) continue;
    const ref = fastId(v);
    if (ref === undefined) return undefined;
    mention[key] = ref;
  }
  if (input.metrics !== undefined) {
    const m = input.metrics;
    if (!isPlainObject(m)) return undefined;
    const metrics: MentionMetrics = {};
    for (const key of ['reposts', 'comments', 'likes', 'views'] as const) {
      const n = fastCount(m[key]);
      if (n === null) return undefined;
      if (n !== undefined) metrics[key] = n;
    }
    mention.metrics = metrics;
  }
  const region = fastString(input.region, 64);
  if (region === null) return undefined;
  if (region) mention.region = region;
  if (input.raw !== undefined && input.raw !== null) {
    if (typeof input.raw === 'string') mention.raw = input.raw;
    else {
      try {
        mention.raw = JSON.stringify(input.raw);
      } catch {
        return undefined;
      }
    }
  }
  return mention;
}

function stripUndefined<T extends object>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, val] of Object.entries(o)) if (val !== undefined && val !== '') out[k] = val;
  return out as T;
}

export function mentionKey(m: { platform: string; id: string }): string {
  return `${m.platform}:${m.id}`;
}
