import type { DutyChannelKind, EscalationRole, ShiftKind } from '@fenghuo/shared/duty';

type T = (zh: string, en: string) => string;

export function shiftLabel(k: ShiftKind | 'none' | undefined, t: T): string {
  if (k === 'day') return t('白班', 'day');
  if (k === 'night') return t('夜班', 'night');
  if (k === 'holiday') return t('节假日班', 'holiday');
  return t('无班次', 'no shift');
}

export function roleLabel(r: EscalationRole, t: T): string {
  return { on_duty: t('值班员', 'duty officer'), backup: t('备班', 'backup'), leader: t('带班领导', 'leader'), higher_unit: t('上级单位值班', 'higher unit') }[r];
}

export function channelLabel(c: DutyChannelKind, t: T): string {
  return { webhook: 'Webhook', wecom: t('企业微信', 'WeCom'), dingtalk: t('钉钉', 'DingTalk'), feishu: t('飞书', 'Feishu'), email: t('邮件', 'email'), in_app: t('系统内', 'in app') }[c];
}
