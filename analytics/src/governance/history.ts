import type { GovernanceThresholds, OfficialAccount } from '@fenghuo/shared';

/**
 * What the checks read about one account: its own posts, the comments and
 * messages addressed to it (the reply queue), audience snapshots and the
 * publications recorded through the 先审后发 workflow. The loader fills it
 * from ClickHouse and the workflow log; tests construct it by hand.
 */
export interface AccountPost {
  /** platform:id */
  id: string;
  at: number;
  text: string;
  /** Likes + comments + reposts as last seen; undefined when the source did not say. */
  interactions?: number;
  /** The author's followers when the post was collected. */
  followers?: number;
}

export interface AccountMessage {
  id: string;
  received_at: number;
  text: string;
  due_at: number;
  status: 'open' | 'answered' | 'closed';
  answered_at?: number;
  answer?: string;
}

export interface AudiencePoint {
  at: number;
  followers: number;
  /** Engagement since the previous point (likes + comments + reposts). */
  engagement?: number;
  engagers_sampled?: number;
  engagers_new_or_inactive?: number;
}

export interface WorkflowPublication {
  draft_id: string;
  at: number;
  platform: string;
  where: string;
  approved: boolean;
}

export interface AccountHistory {
  /** Newest first is not required: checks sort what they need. */
  posts: AccountPost[];
  messages: AccountMessage[];
  snapshots: AudiencePoint[];
  publications: WorkflowPublication[];
}

export const EMPTY_HISTORY: AccountHistory = { posts: [], messages: [], snapshots: [], publications: [] };

export interface CheckContext {
  account: OfficialAccount;
  history: AccountHistory;
  /** Every registered account (duplicates compare against them). */
  registry: readonly OfficialAccount[];
  /** The moment judged: checks ignore anything after it, so past weeks can be re-judged for the trend. */
  now: number;
  timezone: string;
  thresholds: GovernanceThresholds;
  /** Words of a text for the 答非所问 hint (jieba without stop words in production). */
  tokenize: (text: string) => string[];
}
