import type { Lang } from '../i18n';

/** Display names of platforms, sentiment labels, severities, alert states and rumor signals (zh, en); an unknown key shows as itself. */
const PLATFORM: Record<string, [string, string]> = {
  weibo: ['微博', 'Weibo'],
  wechat: ['微信', 'WeChat'],
  douyin: ['抖音', 'Douyin'],
  toutiao: ['今日头条', 'Toutiao'],
  news: ['新闻网站', 'News sites'],
  hotline: ['12345热线', '12345 hotline'],
  gov_board: ['政府留言板', 'Gov. message boards'],
  other: ['其他', 'Other'],
};

export const PLATFORM_KEYS = Object.keys(PLATFORM);

const SENTIMENT: Record<string, [string, string]> = {
  negative: ['负面', 'Negative'],
  neutral: ['中性', 'Neutral'],
  positive: ['正面', 'Positive'],
};

// 紧急 for critical, as on the wall.
const SEVERITY: Record<string, [string, string]> = {
  low: ['低', 'Low'],
  medium: ['中', 'Medium'],
  high: ['高', 'High'],
  critical: ['紧急', 'Critical'],
};

const ALERT_STATUS: Record<string, [string, string]> = {
  open: ['未处理', 'Open'],
  acknowledged: ['已确认', 'Acknowledged'],
  resolved: ['已解除', 'Resolved'],
};

const SIGNAL: Record<string, [string, string]> = {
  hearsay_cues: ['传闻用语（"听说""据说"）', 'Hearsay phrases'],
  urgency_cues: ['催促转发用语', 'Urgency / "please share"'],
  sensational_cues: ['耸动用语', 'Sensational phrases'],
  official_source_cues: ['引用官方来源', 'Cites an official source'],
  post_debunk_cues: ['帖子本身在辟谣', 'The post refutes a claim'],
  no_official_source: ['无官方作者或来源', 'No official author or source'],
  headline: ['【标题】格式', '【Headline】 style'],
  exclamations: ['感叹号', 'Exclamation marks'],
  links: ['附链接', 'Carries a link'],
  author_official: ['官方/媒体账号', 'Official / media account'],
  author_verified: ['认证账号', 'Verified author'],
  author_log_followers: ['粉丝数', 'Followers'],
  author_account_age_days: ['新注册账号', 'New account'],
  author_has_description: ['有个人简介', 'Has a profile description'],
  author_vague_location: ['地区模糊', 'Vague location'],
  debunk_share: ['回复中辟谣比例', 'Share of refuting replies'],
  skeptical_share: ['回复中质疑比例', 'Share of doubting replies'],
  believing_share: ['回复中惊慌转告比例', 'Share of alarmed replies'],
  reaction_mention_share: ['转发中@他人比例', 'Share of reactions @-tagging'],
  reactor_new_share: ['新账号/空账号转发比例', 'Share of new / empty accounts'],
  reactor_unverified_share: ['未认证账号转发比例', 'Share of unverified accounts'],
  direct_share: ['直接转发原帖比例', 'Share of direct reposts'],
};

const pick = (table: Record<string, [string, string]>, key: string, lang: Lang) => {
  const e = table[key];
  return e ? e[lang === 'zh' ? 0 : 1] : key;
};

export const platformLabel = (p: string, lang: Lang) => pick(PLATFORM, p, lang);
export const sentimentLabel = (s: string, lang: Lang) => pick(SENTIMENT, s, lang);
export const severityLabel = (s: string, lang: Lang) => pick(SEVERITY, s, lang);
export const alertStatusLabel = (s: string, lang: Lang) => pick(ALERT_STATUS, s, lang);
export const signalLabel = (s: string, lang: Lang) => pick(SIGNAL, s, lang);
