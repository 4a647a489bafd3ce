import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { SubmitItem } from '../../service/ingest-service';
import { parseJsonWellFormed, safeStringify } from '../safe-json';
import { KEPT_PREFIX_BYTES } from './open-input';
import { EMPTY_REPOST_TEXT, chineseCount, weiboHtmlToText, weiboTime } from './weibo-text';

/**
 * Directories of raw Weibo mobile-API records as common crawlers save them:
 * detail.json (the post, with the original inside retweeted_status when it is
 * a repost), comments.json (with replies nested under each comment) and
 * reposts.json. `target` is one such directory or a directory of them.
 */
export async function* readWeiboApi(target: string): AsyncGenerator<SubmitItem> {
  const dirs = postDirectories(target);
  if (dirs.length === 0) throw new Error(`${target}: no detail.json found here or in its subdirectories`);
  let position = 0;
  for (const dir of dirs) {
    const detail = readJson(path.join(dir, 'detail.json'));
    if (!detail.ok) {
      yield { position: position++, raw: detail.raw, error: `${dir}/detail.json: ${detail.error}`, code: detail.code };
      continue;
    }
    const post = unwrap(detail.value);
    const postId = idString(post.id ?? post.mid);
    const original = isObject(post.retweeted_status) ? post.retweeted_status : undefined;
    const rootId = original ? idString(original.id ?? original.mid) : postId;
    if (original) yield item(position++, weiboStatus(original, {}), original);
    yield item(position++, weiboStatus(post, original && rootId ? { parent_id: rootId, root_id: rootId, kind: 'repost' } : {}), post);

    for (const [file, kind] of [['comments.json', 'comment'], ['reposts.json', 'repost']] as const) {
      const full = path.join(dir, file);
      if (!findFile(full)) continue;
      const list = readJson(full);
      if (!list.ok) {
        yield { position: position++, raw: list.raw, error: `${full}: ${list.error}`, code: list.code };
        continue;
      }
      const records = Array.isArray(list.value) ? list.value : listOf(list.value);
      for (const rec of records) {
        if (!isObject(rec)) {
          yield { position: position++, raw: safeStringify(rec), error: `${full}: expected an object, got ${typeof rec}`, code: 'not_an_object' };
          continue;
        }
        if (kind === 'comment') {
          const { comments: replies, ...comment } = rec;
          yield item(position++, weiboComment(comment, postId, postId), comment);
          for (const reply of Array.isArray(replies) ? replies : []) {
            if (!isObject(reply)) continue;
            const parent = idString(reply.rootid ?? comment.id) ?? postId;
            yield item(position++, weiboComment(reply, parent, postId), reply);
          }
        } else {
          const parent = idString(rec.pid) ?? postId;
          yield item(position++, weiboStatus(rec, { parent_id: parent, root_id: rootId, kind: 'repost' }), rec);
        }
      }
    }
  }
}

function postDirectories(target: string): string[] {
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) throw new Error(`${target}: --format weibo-api reads a directory (of detail.json, comments.json, reposts.json)`);
  if (findFile(path.join(target, 'detail.json'))) return [target];
  return fs
    .readdirSync(target, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => path.join(target, d.name))
    .filter((d) => findFile(path.join(d, 'detail.json')))
    .sort();
}

/** The file, or its gzipped copy (detail.json.gz). */
function findFile(file: string): string | undefined {
  if (fs.existsSync(file)) return file;
  if (fs.existsSync(`${file}.gz`)) return `${file}.gz`;
  return undefined;
}

type Json = Record<string, unknown>;

/**
 * The largest detail/comments/reposts file read, decompressed. Crawlers save
 * pages of a few MB; a file past this (a gzip bomb, a wrong file) is rejected
 * with its start kept instead of filling memory.
 */
export const MAX_JSON_FILE_BYTES = 64 * 1024 * 1024;

function readJson(file: string): { ok: true; value: unknown } | { ok: false; raw: string | Buffer; error: string; code: string } {
  const found = findFile(file) ?? file;
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(found);
    if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = zlib.gunzipSync(bytes, { maxOutputLength: MAX_JSON_FILE_BYTES });
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    const tooBig = e.code === 'ERR_BUFFER_TOO_LARGE' || e.code === 'ERR_FS_FILE_TOO_LARGE' || /maxOutputLength|larger than/i.test(e.message);
    const head = Buffer.from(readHead(found));
    return tooBig
      ? { ok: false, raw: head, error: `larger than ${MAX_JSON_FILE_BYTES / 1024 / 1024} MB when decompressed`, code: 'file_too_large' }
      : { ok: false, raw: head, error: `could not be read: ${e.message}`, code: 'unreadable_file' };
  }
  if (bytes.length > MAX_JSON_FILE_BYTES) {
    return { ok: false, raw: Buffer.from(bytes.subarray(0, KEPT_PREFIX_BYTES)), error: `is ${bytes.length} bytes, larger than ${MAX_JSON_FILE_BYTES / 1024 / 1024} MB`, code: 'file_too_large' };
  }
  const raw = bytes.toString('utf8');
  try {
    return { ok: true, value: parseJsonWellFormed(raw) };
  } catch (error) {
    return { ok: false, raw, error: `not valid JSON: ${(error as Error).message}`, code: 'invalid_json' };
  }
}

/** The first bytes of a file as stored (gzip stays gzip). */
function readHead(file: string): Buffer {
  try {
    const fd = fs.openSync(file, 'r');
    try {
      const head = Buffer.alloc(KEPT_PREFIX_BYTES);
      return head.subarray(0, fs.readSync(fd, head, 0, head.length, 0));
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return Buffer.alloc(0);
  }
}

/** Crawlers save either the status itself or the API envelope {ok, data}. */
function unwrap(value: unknown): Json {
  if (isObject(value) && isObject(value.data) && value.id === undefined) return value.data;
  return isObject(value) ? value : {};
}

function listOf(value: unknown): unknown[] {
  if (isObject(value) && isObject(value.data) && Array.isArray(value.data.data)) return value.data.data;
  if (isObject(value) && Array.isArray(value.data)) return value.data;
  return [];
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function idString(v: unknown): string | undefined {
  if (typeof v === 'string' && v.trim()) return v.trim();
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

function item(position: number, value: Json, source: Json): SubmitItem {
  const raw = safeStringify(source);
  return { position, value: { ...value, raw }, raw };
}

function author(user: unknown): Json | undefined {
  if (!isObject(user)) return undefined;
  const a: Json = {};
  const id = idString(user.id ?? user.idstr);
  if (id) a.id = id;
  if (typeof user.screen_name === 'string') a.name = user.screen_name;
  const followers = chineseCount(user.followers_count);
  if (followers !== undefined) a.followers = followers;
  if (typeof user.verified === 'boolean') a.verified = user.verified;
  if (typeof user.verified_type === 'number') {
    a.verified_type = user.verified_type;
    // Weibo's verified_type 1 is a government body.
    a.official = user.verified_type === 1;
  }
  if (typeof user.location === 'string' && user.location.trim()) a.location = user.location;
  return a;
}

function textOf(rec: Json): string {
  if (isObject(rec.longText) && typeof rec.longText.longTextContent === 'string') return rec.longText.longTextContent;
  if (typeof rec.raw_text === 'string' && rec.raw_text.trim()) return rec.raw_text;
  return typeof rec.text === 'string' ? weiboHtmlToText(rec.text) : '';
}

function weiboStatus(rec: Json, link: { parent_id?: string; root_id?: string; kind?: string }): Json {
  const id = idString(rec.id ?? rec.mid);
  let text = textOf(rec);
  if (link.kind === 'repost' && !text.trim()) text = EMPTY_REPOST_TEXT;
  const out: Json = {
    id,
    platform: 'weibo',
    kind: link.kind ?? 'post',
    text,
    time: weiboTime(rec.created_at),
  };
  if (id) out.url = `https://m.weibo.cn/detail/${id}`;
  const a = author(rec.user);
  if (a) {
    const region = typeof rec.region_name === 'string' ? rec.region_name.replace(/^发布于\s*/, '').trim() : '';
    if (region && !a.location) a.location = region;
    out.author = a;
  }
  if (link.parent_id && link.parent_id !== id) out.parent_id = link.parent_id;
  if (link.root_id && link.root_id !== id) out.root_id = link.root_id;
  const metrics: Json = {};
  const reposts = chineseCount(rec.reposts_count);
  const comments = chineseCount(rec.comments_count);
  const likes = chineseCount(rec.attitudes_count);
  if (reposts !== undefined) metrics.reposts = reposts;
  if (comments !== undefined) metrics.comments = comments;
  if (likes !== undefined) metrics.likes = likes;
  if (Object.keys(metrics).length) out.metrics = metrics;
  return out;
}

function weiboComment(rec: Json, parentId: string | undefined, rootId: string | undefined): Json {
  const id = idString(rec.id ?? rec.mid);
  const text = typeof rec.text === 'string' ? weiboHtmlToText(rec.text) : '';
  const out: Json = { id, platform: 'weibo', kind: 'comment', text, time: weiboTime(rec.created_at) };
  const a = author(rec.user);
  if (a) out.author = a;
  if (parentId && parentId !== id) out.parent_id = parentId;
  if (rootId && rootId !== id) out.root_id = rootId;
  const likes = chineseCount(rec.like_count ?? rec.like_counts);
  if (likes !== undefined) out.metrics = { likes };
  return out;
}
