import { ACCOUNT_LEVELS, type AccountLevel, type CadenceRule, type GovernanceCheckId, type GovernanceThresholds } from '@fenghuo/shared/governance';
import type { Issue } from '../analyst/form-errors';
import type { Lang } from '../i18n';

/**
 * The governance thresholds as a form: every setting of
 * `governanceThresholdsSchema` with its words and unit, grouped by check, and
 * the conversion between the thresholds and the form's strings. The form
 * always rebuilds the whole object, because the server replaces the stored
 * thresholds with what it receives (and the cadence rules by level are one
 * record that needs every level).
 */

type Pair = readonly [zh: string, en: string];

const UNITS = {
  days: ['天', 'days'],
  weeks: ['周', 'weeks'],
  hours: ['小时', 'hours'],
  minutes: ['分钟', 'minutes'],
  posts: ['条', 'posts'],
  messages: ['条', 'messages'],
  followers: ['人', 'followers'],
  accounts: ['个', 'accounts'],
  periods: ['个', 'days/weeks'],
  times: ['倍', '×'],
  percent: ['%', '%'],
  none: ['', ''],
} as const satisfies Record<string, Pair>;
export type UnitId = keyof typeof UNITS;

/**
 * How a setting is edited: a number, a share edited as a percentage (0.9 is
 * shown as 90, since inspection texts speak of 答复率 90%), a local time, or on/off.
 */
export type FieldKind = 'number' | 'percent' | 'time' | 'switch';

export interface ThresholdField {
  /** The schema's path, also the key of its error ("cadence.fail_silent_days"). */
  path: string;
  label: Pair;
  kind: FieldKind;
  unit: UnitId;
  hint?: Pair;
}

export type GroupId = GovernanceCheckId | 'reminders' | 'overview';

export interface ThresholdGroup {
  id: GroupId;
  fields: ThresholdField[];
}

const days = (path: string, label: Pair, hint?: Pair): ThresholdField => ({ path, label, kind: 'number', unit: 'days', ...(hint ? { hint } : {}) });
const share = (path: string, label: Pair, hint?: Pair): ThresholdField => ({ path, label, kind: 'percent', unit: 'percent', ...(hint ? { hint } : {}) });
const count = (path: string, label: Pair, unit: UnitId, hint?: Pair): ThresholdField => ({ path, label, kind: 'number', unit, ...(hint ? { hint } : {}) });

/** Every setting but the cadence rules by level (a field of its own: a choice and a count per level). */
export const THRESHOLD_GROUPS: readonly ThresholdGroup[] = [
  {
    id: 'cadence',
    fields: [
      days('cadence.fail_silent_days', ['连续未更新即不合格', 'Silent this long: fail'], ['2019 年政务新媒体检查指标：两周不更新即单项否决', '2019 inspection indicators: two weeks without an update fails']),
      days('cadence.warn_silent_days', ['连续未更新即预警', 'Silent this long: warning']),
      days('cadence.window_days', ['按级别要求核查的时段', 'Period judged for the level rules'], ['最近这些天内的工作日（或周）', 'The working days (or weeks) of the last days']),
      count('cadence.warn_missed_periods', ['时段内缺更仅预警的次数', 'Missed days or weeks that only warn'], 'periods', ['更多即不合格', 'More fail']),
      { path: 'cadence.daily_reminder_at', label: ['工作日未更新的提醒时间', 'Reminder time on a working day without a post'], kind: 'time', unit: 'none', hint: ['当地时间，时:分', 'Local time, HH:MM'] },
    ],
  },
  {
    id: 'zombie',
    fields: [
      days('zombie.silent_days', ['连续未更新即为僵尸账号', 'Silent this long: zombie'], ['建议关停', 'Recommended for closing']),
      days('zombie.window_days', ['睡眠账号核查时段', 'Period judged for sleeping accounts']),
      count('zombie.min_posts', ['时段内发布至少', 'Posts in the period at least'], 'posts', ['且无任何互动即为睡眠账号', 'and none drew any interaction: sleeping']),
    ],
  },
  {
    id: 'duplicate',
    fields: [share('duplicate.name_similarity', ['名称相似度达到即提示', 'Names this similar are flagged'], ['按字符二元组计算，50%–100%', 'Character bigrams, 50%–100%'])],
  },
  {
    id: 'interaction',
    fields: [
      days('interaction.window_days', ['核查时段', 'Period judged']),
      share('interaction.warn_answered_rate', ['答复率低于即预警', 'Answered share below: warning']),
      share('interaction.fail_answered_rate', ['答复率低于即不合格', 'Answered share below: fail']),
      share('interaction.warn_on_time_rate', ['按时答复率低于即预警', 'Answered in time below: warning']),
      share('interaction.off_topic_overlap', ['答复与问题重合低于即提示“答非所问”', 'Answer repeats less of the question: 答非所问 hint'], ['提示人工复核，不是结论', 'A hint for review, not a verdict']),
      count('interaction.min_received', ['留言少于此数不评判', 'Fewer messages than this: no verdict'], 'messages'),
    ],
  },
  {
    id: 'fake_followers',
    fields: [
      days('fake_followers.window_days', ['核查时段', 'Period judged']),
      share('fake_followers.jump_share', ['两次快照间粉丝增长达到', 'Follower gain between snapshots of at least']),
      count('fake_followers.min_gain', ['且至少增加', 'and at least'], 'followers'),
      count('fake_followers.engagement_factor', ['同期互动增长低于', 'while engagement grows less than'], 'times', ['即为与互动不符的粉丝跳增', 'is a jump not matched by engagement']),
      share('fake_followers.engager_share', ['新注册或不活跃互动者占比超过即可疑', 'New or inactive engagers above: suspicious']),
      count('fake_followers.min_engagers_sampled', ['至少抽样互动者', 'Engagers sampled at least'], 'accounts'),
    ],
  },
  {
    id: 'review_compliance',
    fields: [
      days('review_compliance.window_days', ['核查时段', 'Period judged']),
      count('review_compliance.match_minutes', ['与审核通过的发布记录相差不超过', 'Matches an approved publication within'], 'minutes'),
    ],
  },
  {
    id: 'reminders',
    fields: [
      { path: 'reminders.enabled', label: ['发送更新期限提醒', 'Send cadence deadline reminders'], kind: 'switch', unit: 'none' },
      count('reminders.before_hours', ['提前提醒', 'Remind this long before the limit'], 'hours'),
    ],
  },
  { id: 'overview', fields: [count('trend_weeks', ['趋势显示周数', 'Weeks of trend shown'], 'weeks')] },
];

const GROUP_WORDS: Record<'reminders' | 'overview', Pair> = { reminders: ['提醒', 'Reminders'], overview: ['概览', 'Overview'] };
export const groupWords = (id: 'reminders' | 'overview', lang: Lang) => GROUP_WORDS[id][lang === 'zh' ? 0 : 1];

export type CadenceMode = 'every_working_day' | 'per_week' | 'none';
export const CADENCE_MODES: readonly CadenceMode[] = ['every_working_day', 'per_week', 'none'];
const MODE_WORDS: Record<CadenceMode, Pair> = { every_working_day: ['每个工作日更新', 'Every working day'], per_week: ['每周至少', 'At least per week'], none: ['不作要求', 'No requirement'] };
export const modeLabel = (m: CadenceMode, lang: Lang) => MODE_WORDS[m][lang === 'zh' ? 0 : 1];

/** Form keys of a level's rule: the choice, and the weekly count when the choice is per_week (its schema path). */
export const levelKey = (l: AccountLevel) => `cadence.by_level.${l}`;
export const perWeekKey = (l: AccountLevel) => `cadence.by_level.${l}.per_week`;

const ALL_FIELDS = THRESHOLD_GROUPS.flatMap((g) => g.fields);
const PER_WEEK_FIELD: Omit<ThresholdField, 'path'> = { label: ['每周条数', 'Posts a week'], kind: 'number', unit: 'posts' };
const fieldAt = (path: string): ThresholdField | undefined => ALL_FIELDS.find((f) => f.path === path) ?? (/^cadence\.by_level\.\w+\.per_week$/.test(path) ? { path, ...PER_WEEK_FIELD } : undefined);

/** The form's values as typed, by form key: strings, so that an emptied field stays empty and is refused rather than becoming 0. */
export type ThresholdsDraft = Record<string, string>;

function valueAt(o: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), o);
}

function setAt(o: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let at = o;
  for (const k of keys.slice(0, -1)) at = (at[k] ??= {}) as Record<string, unknown>;
  at[keys[keys.length - 1]!] = value;
}

/** A share as a percentage without float noise (0.07 is 7, not 7.000000000000001). */
const percentOf = (v: number) => String(Number((v * 100).toPrecision(12)));

function showValue(f: ThresholdField, v: unknown): string {
  if (f.kind === 'switch') return v ? 'true' : 'false';
  if (f.kind === 'percent' && typeof v === 'number') return percentOf(v);
  return v === undefined || v === null ? '' : String(v);
}

export const modeOf = (r: CadenceRule | undefined): CadenceMode => (!r ? 'none' : 'every_working_day' in r ? 'every_working_day' : 'per_week' in r ? 'per_week' : 'none');

export function draftOf(t: GovernanceThresholds): ThresholdsDraft {
  const d: ThresholdsDraft = {};
  for (const f of ALL_FIELDS) d[f.path] = showValue(f, valueAt(t, f.path));
  for (const l of ACCOUNT_LEVELS) {
    const rule = t.cadence.by_level[l];
    d[levelKey(l)] = modeOf(rule);
    // A level switched to per_week starts from two posts (Guizhou's rule for departments and counties).
    d[perWeekKey(l)] = rule && 'per_week' in rule ? String(rule.per_week) : '2';
  }
  return d;
}

/** An empty or unreadable number is sent to the schema as null or NaN so that it is refused, never replaced by a default. */
const numberOf = (s: string | undefined) => (s === undefined || s.trim() === '' ? null : Number(s));

function parseValue(f: ThresholdField, s: string | undefined): unknown {
  if (f.kind === 'switch') return s === 'true';
  if (f.kind === 'time') return (s ?? '').trim();
  const n = numberOf(s);
  // 57 / 100 is 0.57 exactly, unlike 0.57 * 100: dividing keeps the share the admin typed.
  return f.kind === 'percent' && n !== null ? n / 100 : n;
}

/** The whole thresholds object the form describes (every check, every level), for the schema to check and the server to store. */
export function thresholdsOf(d: ThresholdsDraft): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of ALL_FIELDS) setAt(out, f.path, parseValue(f, d[f.path]));
  const byLevel: Record<string, unknown> = {};
  for (const l of ACCOUNT_LEVELS) {
    const mode = d[levelKey(l)] as CadenceMode | undefined;
    byLevel[l] = mode === 'every_working_day' ? { every_working_day: true } : mode === 'per_week' ? { per_week: numberOf(d[perWeekKey(l)]) } : { none: true };
  }
  setAt(out, 'cadence.by_level', byLevel);
  return out;
}

/** A value of a field with its unit, as the hints and errors say it ("14 天", "90%", "on"). */
export function formatValue(f: ThresholdField, value: string, lang: Lang): string {
  if (f.kind === 'switch') return value === 'true' ? (lang === 'zh' ? '开启' : 'on') : lang === 'zh' ? '关闭' : 'off';
  const plural = UNITS[f.unit][lang === 'zh' ? 0 : 1];
  if (!plural) return value;
  // "1 day", not "1 days" (Chinese units have no plural).
  const unit = value === '1' && /^[a-z]+s$/.test(plural) ? plural.slice(0, -1) : plural;
  // "90%" and "1.5×" read as one token; "14 天" and "14 days" keep a space.
  return unit === '%' || unit === '×' ? `${value}${unit}` : `${value} ${unit}`;
}

export const unitWords = (u: UnitId, lang: Lang) => UNITS[u][lang === 'zh' ? 0 : 1];

/** A level's rule in words ("每周至少 2 条"). */
export function ruleWords(d: ThresholdsDraft, l: AccountLevel, lang: Lang): string {
  const mode = (d[levelKey(l)] ?? 'none') as CadenceMode;
  return mode === 'per_week' ? `${modeLabel(mode, lang)} ${formatValue({ path: perWeekKey(l), ...PER_WEEK_FIELD }, d[perWeekKey(l)] ?? '', lang)}` : modeLabel(mode, lang);
}

/** What the schema's refinements mean, in the form's words. */
const CROSS_CHECKS: Record<string, Pair> = {
  'cadence.warn_silent_days': ['预警天数不能超过不合格天数', 'Must not exceed the days that fail'],
  'interaction.fail_answered_rate': ['不合格的答复率不能高于预警的答复率', 'Must not exceed the share that warns'],
};

/** The schema's finding on a field in the admin's words, with the field's unit (a share's limits as percentages). */
export function thresholdIssueWords(issue: Issue, lang: Lang): string {
  const w = (zh: string, en: string) => (lang === 'zh' ? zh : en);
  const path = Array.isArray(issue.path) ? issue.path.map(String).join('.') : issue.path;
  const f = fieldAt(path);
  const bound = (k: 'minimum' | 'maximum') => {
    const v = k in issue ? Number((issue as Issue & Record<typeof k, unknown>)[k]) : NaN;
    return f && Number.isFinite(v) ? formatValue(f, f.kind === 'percent' ? percentOf(v) : String(v), lang) : '';
  };
  if (issue.code === 'custom' && CROSS_CHECKS[path]) return w(...CROSS_CHECKS[path]);
  if (issue.code === 'invalid_type' && 'expected' in issue && issue.expected === 'int') return w('请填写整数', 'Enter a whole number');
  if (issue.code === 'invalid_type') return w('请填写数字', 'Enter a number');
  if (issue.code === 'too_small') return w(`不能小于 ${bound('minimum')}`, `At least ${bound('minimum')}`);
  if (issue.code === 'too_big') return w(`不能大于 ${bound('maximum')}`, `At most ${bound('maximum')}`);
  if (issue.code === 'invalid_format') return w('请按 时:分 填写，如 15:00', 'Enter a time as HH:MM, e.g. 15:00');
  return issue.message;
}
