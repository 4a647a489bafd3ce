import type { SubmitItem } from '../../service/ingest-service';
import { isReadFailure, readLines } from './open-input';
import { tooLongError } from './ndjson.format';
import { parseJsonWellFormed, safeStringify } from '../safe-json';
import { EMPTY_REPOST_TEXT } from './weibo-text';

/**
 * The cascade format (../shared/data/README.md): one source post per line
 * with its reactions (reposts and comments, with their repost tree). The post
 * and every reaction become mentions; reactions point at their parent (or the
 * post) and at the post as root. A line that is not JSON, or has no post, is
 * rejected whole with its line number.
 */
export async function* readCascades(file: string, options: { platform?: string; limit?: number } = {}): AsyncGenerator<SubmitItem> {
  let position = 0;
  let cascades = 0;
  for await (const x of readLines(file)) {
    if (isReadFailure(x)) {
      yield { position: position++, raw: '', error: x.failed, code: 'unreadable_file' };
      return;
    }
    const { line, lineNo } = x;
    if (x.tooLong !== undefined) {
      yield { position: position++, raw: line, error: tooLongError(lineNo, x.tooLong), code: 'line_too_long' };
      continue;
    }
    if (!line.trim()) continue;
    if (options.limit !== undefined && cascades >= options.limit) break;
    cascades++;
    let c: CascadeLine;
    try {
      c = parseJsonWellFormed(line) as CascadeLine;
    } catch (error) {
      yield { position: position++, raw: line, error: `line ${lineNo + 1} is not valid JSON: ${(error as Error).message}`, code: 'invalid_json' };
      continue;
    }
    const post = c?.post;
    if (typeof post !== 'object' || post === null) {
      yield { position: position++, raw: line, error: `line ${lineNo + 1}: cascade has no "post" object`, code: 'invalid_cascade' };
      continue;
    }
    const platform = post.platform ?? options.platform ?? 'weibo';
    const postId = idOf(post.id);
    const a = post.author ?? {};
    const author: Record<string, unknown> = {};
    if (typeof a.verified === 'boolean') author.verified = a.verified;
    if (typeof a.verified_type === 'number') {
      author.verified_type = a.verified_type;
      author.official = a.verified_type === 1;
    }
    if (typeof a.followers === 'number') author.followers = a.followers;
    if (typeof a.location === 'string' && a.location.trim()) author.location = a.location;
    const metrics: Record<string, unknown> = {};
    for (const k of ['reposts', 'comments', 'likes'] as const) if (typeof post[k] === 'number') metrics[k] = post[k];
    const { reactions, ...rest } = c;
    const postRaw = safeStringify({ ...rest, reactions: Array.isArray(reactions) ? reactions.length : 0 });
    yield {
      position: position++,
      raw: postRaw,
      value: {
        id: postId ?? post.id ?? undefined,
        platform,
        kind: 'post',
        text: post.text,
        time: post.time,
        ...(Object.keys(author).length ? { author } : {}),
        ...(Object.keys(metrics).length ? { metrics } : {}),
        raw: postRaw,
      },
    };
    for (const r of Array.isArray(reactions) ? reactions : []) {
      const raw = safeStringify(r);
      if (typeof r !== 'object' || r === null) {
        yield { position: position++, raw, error: `line ${lineNo + 1}: a reaction is not an object`, code: 'not_an_object' };
        continue;
      }
      const kind = r.kind === 'comment' ? 'comment' : 'repost';
      let text = typeof r.text === 'string' ? r.text : '';
      if (kind === 'repost' && !text.trim()) text = EMPTY_REPOST_TEXT;
      // A parent that is not an id goes on as it is, for the validator to reject with its reason.
      const parent = r.parent === null || r.parent === undefined ? postId : (idOf(r.parent) ?? r.parent);
      yield {
        position: position++,
        raw,
        value: {
          id: idOf(r.id) ?? r.id ?? undefined,
          platform,
          kind,
          text,
          time: r.time,
          ...(idOf(r.author_id) !== undefined ? { author: { id: idOf(r.author_id) } } : {}),
          ...(parent ? { parent_id: parent } : {}),
          ...(postId ? { root_id: postId } : {}),
          raw,
        },
      };
    }
  }
}

interface CascadeLine {
  id?: string;
  label?: string;
  split?: string;
  post?: {
    id?: string | number;
    platform?: string;
    text?: string;
    time?: string;
    author?: { verified?: boolean; verified_type?: number; followers?: number; location?: string };
    reposts?: number;
    comments?: number;
    likes?: number;
  };
  reactions?: { id?: string | number; parent?: string | number | null; kind?: string; author_id?: string | number; time?: string; text?: string }[];
}

/** A string or number id as a string; anything else (an object, a list) is not an id. */
function idOf(v: unknown): string | undefined {
  return typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)) ? String(v) : undefined;
}
