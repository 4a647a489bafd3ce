import {
  ACCOUNT_LEVEL_LABELS,
  ACCOUNT_STATUS_LABELS,
  GOVERNANCE_CHECK_LABELS,
  REPORT_RECOMMENDATION_LABELS,
  type AccountLevel,
  type AccountStatus,
  type CheckStatus,
  type GovernanceCheckId,
  type ReportRecommendation,
} from '@fenghuo/shared/governance';
import { platformLabel } from '../analyst/labels';
import type { Lang } from '../i18n';

/**
 * Words for the governance vocabulary. The Chinese comes from the shared
 * contract (the words the server's report and messages use), so the page and
 * the report never disagree; only the English is the app's.
 */
const CHECK_EN: Record<GovernanceCheckId, string> = {
  cadence: 'Update cadence',
  zombie: 'Zombie / sleeping',
  duplicate: 'Duplicates',
  interaction: 'Interaction',
  fake_followers: 'Follower anomalies',
  review_compliance: 'Review before publishing',
};

const LEVEL_EN: Record<AccountLevel, string> = {
  provincial_government: 'Provincial government',
  provincial_department: 'Provincial department',
  city_government: 'City government',
  city_department: 'City department',
  county_government: 'County government',
  county_department: 'County department',
  township: 'Township / street',
  other: 'Other',
};

const ACCOUNT_STATUS_EN: Record<AccountStatus, string> = {
  active: 'Active',
  merging: 'Merging',
  closing: 'Closing',
  closed: 'Closed',
};

const RECOMMENDATION_EN: Record<ReportRecommendation, string> = {
  keep: 'Keep',
  fix: 'Fix by a deadline',
  merge: 'Merge',
  close: 'Close',
};

/** A check status as an icon and a word, never colour alone. */
export const CHECK_STATUS_WORDS: Record<CheckStatus, { icon: string; zh: string; en: string }> = {
  pass: { icon: '✓', zh: '合格', en: 'pass' },
  warn: { icon: '⚠', zh: '预警', en: 'warning' },
  fail: { icon: '✗', zh: '不合格', en: 'fail' },
  not_applicable: { icon: '–', zh: '不适用', en: 'n/a' },
};

const pick = <K extends string>(zh: Record<K, string>, en: Record<K, string>, key: K, lang: Lang): string => (lang === 'zh' ? zh[key] : en[key]) ?? key;

export const checkLabel = (c: GovernanceCheckId, lang: Lang) => pick(GOVERNANCE_CHECK_LABELS, CHECK_EN, c, lang);
export const levelLabel = (l: AccountLevel, lang: Lang) => pick(ACCOUNT_LEVEL_LABELS, LEVEL_EN, l, lang);
export const accountStatusLabel = (s: AccountStatus, lang: Lang) => pick(ACCOUNT_STATUS_LABELS, ACCOUNT_STATUS_EN, s, lang);
export const recommendationLabel = (r: ReportRecommendation, lang: Lang) => pick(REPORT_RECOMMENDATION_LABELS, RECOMMENDATION_EN, r, lang);
export const checkStatusLabel = (s: CheckStatus, lang: Lang) => (lang === 'zh' ? CHECK_STATUS_WORDS[s].zh : CHECK_STATUS_WORDS[s].en);

/** Platforms an official account may be on: the events' platform names, plus the ones only accounts have. */
const ACCOUNT_PLATFORM: Record<string, [string, string]> = {
  website: ['政府网站', 'Website'],
  message_board: ['留言板', 'Message board'],
  hotline_12345: ['12345热线', '12345 hotline'],
  kuaishou: ['快手', 'Kuaishou'],
  bilibili: ['哔哩哔哩', 'Bilibili'],
};

export function accountPlatformLabel(p: string, lang: Lang): string {
  const own = ACCOUNT_PLATFORM[p];
  return own ? own[lang === 'zh' ? 0 : 1] : platformLabel(p, lang);
}
