import type { AnalyzedMention } from './types';

/** The columns the analytics read from `mentions` (one query, see read-mentions.query.ts). */
export const ANALYZED_COLUMNS = `platform, id, kind, toUnixTimestamp64Milli(time) AS t, text, title, url,
  author_id, author_name, author_followers, author_verified, author_verified_type, author_location, author_official,
  parent_id, root_id, reposts, comments, likes, province, city, length(tokens) AS token_count, keywords, toString(simhash) AS simhash,
  sentiment_label, toUnixTimestamp64Milli(ingested_at) AS ingested`;

export interface AnalyzedRow {
  platform: string;
  id: string;
  kind: string;
  t: string | number;
  text: string;
  title: string;
  url: string;
  author_id: string;
  author_name: string;
  author_followers: string | number | null;
  author_verified: boolean;
  author_verified_type: number | null;
  author_location: string;
  author_official: boolean;
  parent_id: string;
  root_id: string;
  reposts: string | number | null;
  comments: string | number | null;
  likes: string | number | null;
  province: string;
  city: string;
  token_count: string | number;
  keywords: string[];
  simhash: string;
  sentiment_label: string;
  ingested: string | number;
}

const num = (v: string | number | null): number | null => (v === null || v === undefined ? null : Number(v));

export function decodeRow(r: AnalyzedRow): AnalyzedMention {
  return {
    key: `${r.platform}:${r.id}`,
    platform: r.platform,
    id: r.id,
    kind: r.kind,
    time: Number(r.t),
    text: r.text,
    title: r.title,
    url: r.url,
    authorId: r.author_id,
    authorName: r.author_name,
    authorFollowers: num(r.author_followers),
    authorVerified: Boolean(r.author_verified),
    authorVerifiedType: r.author_verified_type,
    authorLocation: r.author_location,
    authorOfficial: Boolean(r.author_official),
    parentId: r.parent_id,
    rootId: r.root_id,
    reposts: num(r.reposts),
    comments: num(r.comments),
    likes: num(r.likes),
    province: r.province,
    city: r.city,
    tokenCount: Number(r.token_count),
    keywords: r.keywords,
    simhash: BigInt(r.simhash || '0'),
    sentimentLabel: r.sentiment_label,
    ingestedAt: Number(r.ingested),
  };
}
