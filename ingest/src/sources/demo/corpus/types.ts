/**
 * Types for the synthetic demo corpus (烽火 demo stream).
 *
 * Placeholder conventions used by every text in this folder (`{name}` syntax):
 *   {city} {district} {province}  place names (the demo city, its districts, a province)
 *   {road} {landmark} {food} {brand} {school} {hospital} {community} {weather}
 *                                  filled from the arrays in slots.ts
 *                                  ({community} is a bare 小区 name, texts add 小区 themselves;
 *                                   {weather} reads well after 今天/明天/预计)
 *   {num}                          a small integer (about 2–60): minutes, counts, casualties
 *   {num2}                         a larger integer (about 100–5000); in official incident
 *                                  statements it is always the larger of the two figures
 *   {time}                         a clock time such as 14时20分 / 下午3点
 *   {date}                         a calendar date such as 11月26日
 *   {emoji}                        one entry of slots.emojis (incident/rumor texts use literal emoji)
 *   {hashtag}                      a #话题#; for incident texts prefer incidentHashtags
 *   {nickname}                     a Weibo-style nickname (see composeNickname)
 *   {park} {company}               the industrial park / company of the incident scenario
 */

export type Platform = 'weibo' | 'wechat' | 'douyin' | 'toutiao' | 'news' | 'hotline' | 'gov_board';

export type MentionKind = 'post' | 'comment' | 'article' | 'ticket' | 'message';

export type Sentiment = 'positive' | 'negative' | 'neutral';

export interface BackgroundTemplate {
  topic: string;
  platforms: readonly Platform[];
  kind?: MentionKind;
  sentiment: Sentiment;
  title?: string;
  text: string;
}

export interface ScenarioTemplate {
  platforms: readonly Platform[];
  kind?: MentionKind;
  sentiment: Sentiment;
  title?: string;
  text: string;
}

export type IncidentPhaseName = 'first-reports' | 'spreading' | 'peak' | 'official-brief' | 'aftermath';

export interface IncidentPhase {
  phase: IncidentPhaseName;
  templates: readonly ScenarioTemplate[];
}

export type IncidentAuthorRole = 'emergency' | 'government' | 'fire' | 'health';

/** Where a statement sits in the official response sequence. */
export type StatementStage = 'first-brief' | 'update' | 'press-conference' | 'continuing';

export interface OfficialStatement {
  authorRole: IncidentAuthorRole;
  kind: 'post' | 'article';
  title: string;
  text: string;
  stage?: StatementStage;
}

export type RebuttalAuthorRole = 'water' | 'environment' | 'police' | 'government';

export interface OfficialRebuttal {
  authorRole: RebuttalAuthorRole;
  kind: 'post' | 'article';
  title: string;
  text: string;
}

export type AccountLevel = 'city' | 'department' | 'district';

export interface OfficialAccount {
  /** Matches OfficialStatement.authorRole / OfficialRebuttal.authorRole / RoutineOfficialPost.role. */
  role: string;
  platform: Platform;
  name: string;
  unitName: string;
  level: AccountLevel;
}

export type OfficialPostCategory = 'weather' | 'traffic' | 'service' | 'policy' | 'event' | 'reply';

export interface RoutineOfficialPost {
  role: string;
  platforms: readonly Platform[];
  kind: MentionKind;
  category: OfficialPostCategory;
  title?: string;
  text: string;
}
