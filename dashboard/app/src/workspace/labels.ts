import type { ActionKind, DraftStatus, TemplateKindName } from '@fenghuo/shared/workflow';

/** Display names (zh, en) of the workflow's codes, in one place so every page says the same. */

export const ACTION_LABELS: Record<ActionKind, [string, string]> = {
  statement: ['情况通报', 'Statement'],
  rebuttal: ['辟谣', 'Rebuttal'],
  press_conference: ['新闻发布会', 'Press conference'],
  update: ['后续发布', 'Update'],
  reply: ['回复', 'Reply'],
};

export const SEVERITY_LABELS_EN: Record<string, string> = {
  especially_major: 'Especially major',
  major: 'Major',
  large: 'Large',
  general: 'General',
  public_opinion: 'Public opinion',
};

export const STATUS_LABELS: Record<string, [string, string]> = {
  open: ['待处置', 'Open'],
  responding: ['处置中', 'Responding'],
  monitoring: ['持续关注', 'Monitoring'],
  closed: ['已结束', 'Closed'],
};

export const DEADLINE_STATE_LABELS: Record<string, [string, string]> = {
  pending: ['计时中', 'running'],
  warning: ['临近', 'due soon'],
  breached: ['已超时', 'breached'],
  met: ['已按时完成', 'met'],
  met_late: ['逾期完成', 'met late'],
};

export const DRAFT_STATUS_LABELS: Record<DraftStatus, [string, string]> = {
  draft: ['草稿', 'Draft'],
  submitted: ['待审核', 'In review'],
  approved: ['已通过', 'Approved'],
  published: ['已发布', 'Published'],
  rejected: ['已退回', 'Rejected'],
};

/** An icon per draft status, so the status never rests on colour alone. */
export const DRAFT_STATUS_ICON: Record<DraftStatus, string> = { draft: '✎', submitted: '…', approved: '✓', published: '◉', rejected: '↩' };

export const TEMPLATE_LABELS: Record<TemplateKindName, [string, string]> = {
  situation_report: ['情况通报', 'Situation report'],
  rebuttal: ['辟谣声明', 'Rebuttal'],
  talking_points: ['回应口径', 'Talking points'],
  press_qa: ['答记者问', 'Press Q&A'],
};

export const PLATFORM_LABELS: Record<string, [string, string]> = {
  weibo: ['微博', 'Weibo'],
  wechat: ['微信公众号', 'WeChat'],
  douyin: ['抖音', 'Douyin'],
  toutiao: ['今日头条', 'Toutiao'],
  news: ['新闻稿', 'News release'],
  website: ['政府网站', 'Website'],
  message_board: ['留言板', 'Message board'],
  press_conference: ['新闻发布会', 'Press conference'],
};
