import { toNumber, type Platform, type Store } from '@fenghuo/shared';

export interface ConsultationCommentRow {
  platform: Platform;
  id: string;
  parent_id: string;
  root_id: string;
  author: string;
  t: number;
  text: string;
}

/** More than this many candidate comments and the analysis would be slow; the newest are dropped (the answer says how many were read). */
export const MAX_CONSULTATION_COMMENTS = 5000;

/**
 * Candidate comments of a consultation: mentions in the period on its
 * channels that reply to a collecting post (parent or thread root) or hold
 * one of the keyword rules' terms. The rules' all-of/any-of logic is applied
 * after, in `linkedToConsultation`; the collecting posts themselves are not
 * comments.
 */
export async function consultationComments(
  store: Store,
  q: { start: number; end: number; channels: readonly string[]; postIds: readonly string[]; terms: readonly string[] },
  limit = MAX_CONSULTATION_COMMENTS,
): Promise<ConsultationCommentRow[]> {
  const rows = await store.query<{ platform: Platform; id: string; parent_id: string; root_id: string; author: string; t: string | number; text: string }>(
    `SELECT platform, id, parent_id, root_id, if(author_id != '', author_id, author_name) AS author,
            toUnixTimestamp64Milli(time) AS t, text
     FROM mentions
     WHERE time >= fromUnixTimestamp64Milli({start:Int64}) AND time < fromUnixTimestamp64Milli({end:Int64})
       AND platform IN {channels:Array(String)}
       AND id NOT IN {post_ids:Array(String)}
       AND (parent_id IN {post_ids:Array(String)} OR root_id IN {post_ids:Array(String)}
            OR arrayExists(term -> position(text, term) > 0, {terms:Array(String)}))
     ORDER BY time ASC
     LIMIT 1 BY platform, id
     LIMIT {limit:UInt32}`,
    { start: q.start, end: q.end, channels: [...q.channels], post_ids: [...q.postIds], terms: [...q.terms], limit },
  );
  return rows.map((r) => ({ ...r, t: toNumber(r.t) }));
}
