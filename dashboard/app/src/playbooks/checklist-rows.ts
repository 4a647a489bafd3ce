import type { ChecklistEvent } from '@fenghuo/shared/playbook';
import type { Lang } from '../i18n';
import type { TimelineRow } from '../workspace/timeline';
import { CHECKLIST_EVENT_LABELS } from './labels';

/** The checklist's events as rows of the incident's timeline list (and its CSV). */
export function checklistRows(events: readonly ChecklistEvent[], lang: Lang): TimelineRow[] {
  const zh = lang === 'zh';
  return events.map((e) => ({
    at: e.at,
    kind: `playbook:${e.kind}`,
    label: CHECKLIST_EVENT_LABELS[e.kind][zh ? 0 : 1],
    detail: [!zh && e.title_en ? e.title_en : e.title, e.by_name, e.text].filter(Boolean).join(' | '),
  }));
}
