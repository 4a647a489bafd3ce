import path from 'node:path';
import type { IngestResponse, Store } from '@fenghuo/shared';
import { createLocalSubmitter, readRecords, runImport, type IngestService } from '@fenghuo/ingest';
import type { HttpCase } from './hostile-corpus';
import type { ImportCase } from './hostile-files';

/**
 * Sends the hostile corpus and checks the answers and the store, for the
 * test (small corpus) and `pnpm fenghuo bench fuzz` (large): one judge, so
 * the two cannot drift apart.
 */

/** What the API answered, summed over a run: the store must agree exactly. */
export interface HttpTally {
  requests: number;
  records: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  /** The distinct rows the rejections name (a bad record sent again is kept once, under the same id). */
  rejectIds: Set<string>;
  /** 400s: the unreadable body is kept as one invalid_body row. */
  keptBodies: number;
  /** 413 and 415: refused whole, the client told why; kept as one row too. */
  refused: number;
  /** The rows the 400, 413 and 415 answers name (the same body sent again is kept once). */
  requestRejectIds: Set<string>;
}

export const emptyTally = (): HttpTally => ({ requests: 0, records: 0, accepted: 0, duplicates: 0, rejected: 0, rejectIds: new Set(), keptBodies: 0, refused: 0, requestRejectIds: new Set() });

/** Codes of the rows that keep a whole request (unreadable, or refused before its records were read). */
export const REQUEST_REJECT_CODES = ['invalid_body', 'request_too_large', 'unsupported_request'] as const;

export async function sendCase(url: string, token: string, c: HttpCase): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${url}/api/v1/mentions`, { method: 'POST', headers: { authorization: `Bearer ${token}`, ...c.headers }, body: c.body });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: judged below
  }
  return { status: res.status, body };
}

/** Problems with one answer ([] when it is right); counts it into `tally`. */
export function judgeAnswer(c: HttpCase, r: { status: number; body: unknown }, tally: HttpTally): string[] {
  tally.requests++;
  const what = `${c.name}: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`;
  const problems: string[] = [];
  if (r.status >= 500) problems.push(`server error for bad input: ${what}`);
  if (c.expect && r.status !== c.expect) problems.push(`expected ${c.expect}: ${what}`);
  if (r.status === 202) {
    const b = r.body as IngestResponse;
    if (typeof b?.accepted !== 'number' || !Array.isArray(b.rejected)) return [...problems, `202 without per-record results: ${what}`];
    if (c.records !== undefined && b.accepted + b.rejected.length !== c.records) problems.push(`${c.records} records sent, ${b.accepted + b.rejected.length} answered for: ${what}`);
    if (b.rejected.some((x) => !/\S/.test(x.error ?? ''))) problems.push(`a rejection without a reason: ${what}`);
    if (b.rejected.some((x) => typeof x.reject_id !== 'string' || !x.reject_id)) problems.push(`a rejection without the id it is kept under: ${what}`);
    for (const x of b.rejected) tally.rejectIds.add(x.reject_id);
    tally.records += b.accepted + b.rejected.length;
    tally.accepted += b.accepted;
    tally.duplicates += b.duplicates ?? 0;
    tally.rejected += b.rejected.length;
  } else if (r.status < 500) {
    if (![400, 413, 415].includes(r.status)) problems.push(`unexpected status: ${what}`);
    const b = r.body as { error?: unknown; reject_id?: unknown } | undefined;
    if (!/\S/.test(String(b?.error ?? ''))) problems.push(`no reason given: ${what}`);
    if (typeof b?.reject_id !== 'string' || !b.reject_id) problems.push(`a refused request without the id it is kept under: ${what}`);
    else tally.requestRejectIds.add(b.reject_id);
    if (r.status === 400) tally.keptBodies++;
    else tally.refused++;
  }
  return problems;
}

async function count(store: Store, sql: string, params: Record<string, unknown> = {}): Promise<number> {
  const [row] = await store.query<{ n: string }>(sql, params);
  return Number(row?.n ?? 0);
}

/** The store against the answers: what `source` stored and kept, and rows stored twice anywhere. */
export async function checkHttpStore(
  store: Store,
  tally: HttpTally,
  source = 'http',
): Promise<{
  stored: number;
  rejected: number;
  bodies: number;
  /** Records answered as accepted but not stored, and rejections answered but not kept. */
  lost: number;
  /** Rejections of a bad record sent again: answered each time, kept once under the same id. */
  repeatedRejections: number;
  problems: string[];
}> {
  const stored = await count(store, 'SELECT count() AS n FROM mentions WHERE source = {s:String}', { s: source });
  const codes = [...REQUEST_REJECT_CODES];
  const rejected = await count(store, 'SELECT count() AS n FROM rejected_mentions WHERE source = {s:String} AND code NOT IN {codes:Array(String)}', { s: source, codes });
  const bodies = await count(store, 'SELECT count() AS n FROM rejected_mentions WHERE source = {s:String} AND code IN {codes:Array(String)}', { s: source, codes });
  const reasonless = await count(store, "SELECT count() AS n FROM rejected_mentions WHERE source = {s:String} AND (reason = '' OR code = '')", { s: source });
  const problems: string[] = [];
  if (stored !== tally.accepted - tally.duplicates) problems.push(`stored ${stored}, answered ${tally.accepted} accepted − ${tally.duplicates} duplicates`);
  // Every rejection answered is kept, once: as many rows as distinct ids answered, and each id is there.
  if (rejected !== tally.rejectIds.size) problems.push(`kept ${rejected} rejects, answered ${tally.rejected} rejections naming ${tally.rejectIds.size} distinct rows`);
  const ids = [...tally.rejectIds];
  let found = 0;
  for (let i = 0; i < ids.length; i += 5000) {
    found += await count(store, 'SELECT count() AS n FROM rejected_mentions WHERE reject_id IN {ids:Array(String)}', { ids: ids.slice(i, i + 5000) });
  }
  if (found !== ids.length) problems.push(`${ids.length - found} rejections answered but not kept`);
  // Every request refused or unreadable as a whole is kept, once per distinct request.
  if (bodies !== tally.requestRejectIds.size) problems.push(`kept ${bodies} whole requests, answered ${tally.keptBodies} 400s and ${tally.refused} 413/415s naming ${tally.requestRejectIds.size} distinct rows`);
  const requestIds = [...tally.requestRejectIds];
  const requestsFound = requestIds.length ? await count(store, 'SELECT count() AS n FROM rejected_mentions WHERE reject_id IN {ids:Array(String)}', { ids: requestIds }) : 0;
  if (requestsFound !== requestIds.length) problems.push(`${requestIds.length - requestsFound} refused requests answered but not kept`);
  if (reasonless) problems.push(`${reasonless} rejects without a code or reason`);
  problems.push(...(await duplicateProblems(store)));
  const lost = Math.max(0, tally.accepted - tally.duplicates - stored) + (ids.length - found);
  return { stored, rejected, bodies, lost, repeatedRejections: tally.rejected - tally.rejectIds.size, problems };
}

/** Mentions stored twice and rejects kept twice (both 0 when nothing is). */
export async function storedTwice(store: Store): Promise<{ mentions: number; rejects: number }> {
  return {
    mentions: await count(store, 'SELECT count() - uniqExact(platform, id) AS n FROM mentions'),
    rejects: await count(store, 'SELECT count() - uniqExact(reject_id) AS n FROM rejected_mentions'),
  };
}

export async function duplicateProblems(store: Store): Promise<string[]> {
  const twice = await storedTwice(store);
  return [...(twice.mentions ? [`${twice.mentions} mentions stored twice`] : []), ...(twice.rejects ? [`${twice.rejects} rejects kept twice`] : [])];
}

export interface ImportOutcome {
  read: number;
  accepted: number;
  rejected: number;
  duplicates: number;
  /** The importer refused the target as a whole (expected when the case says so). */
  failed?: string;
  problems: string[];
}

/** Imports one case into the running pipeline as `fenghuo import` does, and checks the store against its summary. */
export async function importCase(service: IngestService, store: Store, c: ImportCase): Promise<ImportOutcome> {
  const source = `import:${path.basename(c.target)}`;
  let s;
  try {
    s = await runImport(readRecords(c.target, { format: c.format }), createLocalSubmitter(service, source));
  } catch (error) {
    const message = (error as Error).message;
    const ok = c.fails !== undefined && c.fails.test(message);
    return { read: 0, accepted: 0, rejected: 0, duplicates: 0, failed: message, problems: ok ? [] : [`${c.name}: the import failed: ${message}`] };
  }
  const problems: string[] = [];
  if (c.fails) problems.push(`${c.name}: expected a refusal matching ${c.fails}`);
  if (c.records !== undefined && s.read !== c.records) problems.push(`${c.name}: read ${s.read}, the file holds ${c.records}`);
  if (c.rejectedAtLeast !== undefined && s.rejected < c.rejectedAtLeast) problems.push(`${c.name}: rejected ${s.rejected}, expected at least ${c.rejectedAtLeast}`);
  if (s.accepted + s.rejected !== s.read) problems.push(`${c.name}: read ${s.read} ≠ accepted ${s.accepted} + rejected ${s.rejected}`);
  const stored = await count(store, 'SELECT count() AS n FROM mentions WHERE source = {s:String}', { s: source });
  const kept = await count(store, "SELECT count() AS n FROM rejected_mentions WHERE source = {s:String} AND reason != ''", { s: source });
  if (stored !== s.accepted - s.duplicates) problems.push(`${c.name}: stored ${stored}, accepted ${s.accepted} − duplicates ${s.duplicates}`);
  if (kept !== s.rejected) problems.push(`${c.name}: kept ${kept} rejects, the summary says ${s.rejected}`);
  return { read: s.read, accepted: s.accepted, rejected: s.rejected, duplicates: s.duplicates, problems };
}
