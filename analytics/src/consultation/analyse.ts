import type {
  AnalysedComment,
  Campaign,
  ConsultationAnalysis,
  ConsultationDraftPolicy,
  ConsultationTheme,
  FeedbackRow,
  Platform,
  SectionCount,
  StanceCounts,
  VolumePoint,
} from '@fenghuo/shared';
import { detectRepeatsAndCampaigns, type CampaignOptions } from './campaigns';
import { createSectionMatcher } from './sections';
import { OPPOSE_CUES, SUGGESTION_CUES, SUPPORT_CUES, type StanceClassifier } from './stance';
import { clusterThemes, type ThemeOptions } from './themes';

/** A comment linked to the consultation (a mention). */
export interface ConsultationComment {
  /** platform:id. */
  id: string;
  platform: Platform;
  author: string;
  at: number;
  text: string;
}

export interface CommentFeatures {
  /** Width-folded text without links or @names (stance cues and article numbers are looked up here). */
  plain: string;
  /** Content words, distinct. */
  tokens: string[];
  bigrams: Set<number>;
  simhash: bigint | undefined;
}

export interface AnalysisDeps {
  features(text: string): CommentFeatures;
  idf(token: string): number;
  classify: StanceClassifier;
}

export interface AnalysisOptions {
  campaigns?: Partial<CampaignOptions>;
  themes?: Partial<ThemeOptions>;
  suggestions?: number;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Day buckets start at midnight in China (UTC+8, no daylight saving). */
const CHINA_OFFSET = 8 * HOUR;
/** Periods up to this long are charted by hour. */
const HOURLY_UP_TO = 3 * DAY;
const MAX_SUGGESTIONS = 10;

const zeroStances = (): StanceCounts => ({ support: 0, oppose: 0, suggestion: 0, other: 0 });

/** Buckets from the period start to its end (or now, if earlier), each with comments and distinct accounts. */
export function volumeSeries(comments: readonly Pick<ConsultationComment, 'at' | 'author'>[], period: { start: number; end: number }, now: number): { bucketMs: number; points: VolumePoint[] } {
  const bucketMs = period.end - period.start <= HOURLY_UP_TO ? HOUR : DAY;
  const offset = bucketMs === DAY ? CHINA_OFFSET : 0;
  const bucketOf = (t: number) => Math.floor((t + offset) / bucketMs) * bucketMs - offset;
  const last = bucketOf(Math.max(period.start, Math.min(period.end - 1, now)));
  const points = new Map<number, { comments: number; accounts: Set<string> }>();
  for (let t = bucketOf(period.start); t <= last; t += bucketMs) points.set(t, { comments: 0, accounts: new Set() });
  for (const c of comments) {
    const p = points.get(bucketOf(c.at));
    if (!p) continue;
    p.comments++;
    p.accounts.add(c.author);
  }
  return { bucketMs, points: [...points].map(([t, p]) => ({ t, comments: p.comments, accounts: p.accounts.size })) };
}

/** The saved feedback rows, then a pending row for every theme not answered yet (the table lists every theme). */
export function feedbackTable(saved: readonly FeedbackRow[], themes: readonly Pick<ConsultationTheme, 'key' | 'label'>[]): FeedbackRow[] {
  const answered = new Set(saved.map((r) => r.theme_key));
  return [...saved, ...themes.filter((t) => !answered.has(t.key)).map((t) => ({ theme_key: t.key, theme_label: t.label, decision: 'pending' as const, reason: '' }))];
}

/**
 * The whole analysis of a consultation's comments (pure: the features, IDF
 * and stance classifier are given). Stance shares count each account's
 * repeated wording once and each coordinated campaign once (as its first
 * comment): the office reads how many voices said what, not how many times.
 * Theme and campaign sizes still count every comment.
 */
export function analyseConsultation(
  consultation: { id: string; version: number; policy: ConsultationDraftPolicy; feedback: readonly FeedbackRow[] },
  comments: readonly ConsultationComment[],
  deps: AnalysisDeps,
  now: number,
  options: AnalysisOptions = {},
): ConsultationAnalysis {
  const policy = consultation.policy;
  const sorted = [...comments].sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
  const features = sorted.map((c) => deps.features(c.text));
  const stances = features.map((f) => deps.classify(f.plain));
  const matchSections = createSectionMatcher(policy.sections, { tokens: (t) => deps.features(t).tokens, idf: deps.idf });
  const sectionsOf = features.map((f) => matchSections({ text: f.plain, tokens: f.tokens }));

  const { campaigns, repeatOf } = detectRepeatsAndCampaigns(
    sorted.map((c, i) => ({ author: c.author, at: c.at, bigrams: features[i]!.bigrams, simhash: features[i]!.simhash })),
    options.campaigns,
  );
  const campaignOf = new Map<number, number>();
  campaigns.forEach((members, k) => members.forEach((i) => campaignOf.set(i, k)));
  /** The comment whose voice this one repeats (itself if none). */
  const canonical = (i: number): number => {
    const k = campaignOf.get(i);
    if (k !== undefined) return campaigns[k]![0]!;
    const r = repeatOf.get(i);
    return r === undefined ? i : canonical(r);
  };
  const weighted = sorted.map((_, i) => canonical(i) === i);

  // Themes over the weighted comments; repeats and campaign members join their canonical comment's theme.
  const weightedIdx = sorted.map((_, i) => i).filter((i) => weighted[i]);
  const excluded = new Set([...SUPPORT_CUES, ...OPPOSE_CUES, ...SUGGESTION_CUES, ...deps.features(policy.title).tokens]);
  const clusters = clusterThemes(weightedIdx.map((i) => features[i]!.tokens), deps.idf, excluded, options.themes);
  const themeOf = new Map<number, string>();
  for (const c of clusters) for (const m of c.members) themeOf.set(weightedIdx[m]!, c.key);

  const analysed: AnalysedComment[] = sorted.map((c, i) => {
    const k = campaignOf.get(i);
    const theme = themeOf.get(canonical(i));
    return {
      id: c.id,
      platform: c.platform,
      author: c.author,
      at: c.at,
      text: c.text,
      stance: stances[i]!.stance,
      cues: stances[i]!.cues,
      sections: sectionsOf[i]!,
      ...(theme ? { theme_key: theme } : {}),
      ...(k !== undefined ? { campaign_id: `campaign-${k + 1}` } : {}),
      duplicate: repeatOf.has(i),
    };
  });

  const count = (idx: readonly number[]): StanceCounts => {
    const s = zeroStances();
    for (const i of idx) if (weighted[i]) s[analysed[i]!.stance]++;
    return s;
  };
  const all = sorted.map((_, i) => i);

  const themes: ConsultationTheme[] = clusters.map((c) => {
    const members = all.filter((i) => themeOf.get(canonical(i)) === c.key);
    const sectionIds = [...new Set(members.flatMap((i) => analysed[i]!.sections))];
    return {
      key: c.key,
      label: c.label,
      keywords: c.keywords,
      size: members.length,
      stances: count(members),
      representatives: c.members.slice(0, 3).map((m) => analysed[weightedIdx[m]!]!),
      sections: sectionIds,
    };
  });

  const sections: SectionCount[] = policy.sections.map((s) => {
    const about = weightedIdx.filter((i) => analysed[i]!.sections.includes(s.id));
    return { section_id: s.id, title: s.title, count: about.length, stances: count(about) };
  });

  const campaignRows: Campaign[] = campaigns.map((members, k) => ({
    id: `campaign-${k + 1}`,
    text: sorted[members[0]!]!.text,
    accounts: new Set(members.map((i) => sorted[i]!.author)).size,
    first_at: sorted[members[0]!]!.at,
    last_at: sorted[members[members.length - 1]!]!.at,
    stance: analysed[members[0]!]!.stance,
    members: members.map((i) => ({ id: sorted[i]!.id, author: sorted[i]!.author, at: sorted[i]!.at })),
  }));

  const seenText = new Set<string>();
  const suggestions = weightedIdx
    .filter((i) => analysed[i]!.stance === 'suggestion')
    .sort((a, b) => features[b]!.tokens.length - features[a]!.tokens.length || a - b)
    .map((i) => analysed[i]!)
    .filter((c) => !seenText.has(c.text) && seenText.add(c.text))
    .slice(0, options.suggestions ?? MAX_SUGGESTIONS);

  const volume = volumeSeries(sorted, policy.period, now);
  return {
    consultation_id: consultation.id,
    version: consultation.version,
    generated_at: now,
    totals: {
      comments: sorted.length,
      accounts: new Set(sorted.map((c) => c.author)).size,
      weighted: weightedIdx.length,
      duplicates: repeatOf.size,
      campaign_comments: campaignOf.size,
      general: weightedIdx.filter((i) => analysed[i]!.sections.length === 0).length,
    },
    stances: count(all),
    bucket_ms: volume.bucketMs,
    volume: volume.points,
    themes,
    sections,
    campaigns: campaignRows,
    suggestions,
    feedback: feedbackTable(consultation.feedback, themes),
  };
}
