import type { Escalation, EscalationLogEntry } from '@fenghuo/shared/duty';
import type { Lang } from '../i18n';
import type { TimelineRow } from '../workspace/timeline';
import { channelLabel, roleLabel } from './labels';

const ACTIONS: Record<EscalationLogEntry['action'], [string, string]> = {
  started: ['升级链启动', 'Escalation started'],
  paged: ['已通知', 'Paged'],
  skipped: ['跳过', 'Skipped'],
  page_failed: ['通知失败', 'Page failed'],
  acknowledged: ['已确认（停止升级）', 'Acknowledged (chain stopped)'],
  exhausted: ['无人确认', 'Nobody acknowledged'],
  cancelled: ['升级取消', 'Escalation cancelled'],
};

const VIA: Record<NonNullable<EscalationLogEntry['via']>, [string, string]> = { link: ['确认链接', 'the link'], app: ['系统内', 'the app'], api: ['接口', 'the API'] };

/** Every step of an incident's escalation chains (clock notices, overdue playbook steps) as rows of its timeline list and CSV. */
export function escalationRows(escalations: readonly Escalation[], lang: Lang): TimelineRow[] {
  const zh = lang === 'zh';
  const t = (a: string, b: string) => (zh ? a : b);
  return escalations.flatMap((e) =>
    e.log.map((l) => ({
      at: l.at,
      kind: `escalation:${l.action}`,
      label: t(...ACTIONS[l.action]),
      detail: [
        e.subject.title,
        l.role ? roleLabel(l.role, t) : '',
        l.person ?? '',
        l.channel ? channelLabel(l.channel, t) : '',
        l.by ? `${l.by}${l.via ? t(`（${VIA[l.via][0]}）`, ` (via ${VIA[l.via][1]})`) : ''}` : '',
        l.detail ?? '',
      ]
        .filter(Boolean)
        .join(' | '),
    })),
  );
}
