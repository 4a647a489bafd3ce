import type { ChecklistEvent, StepState } from '@fenghuo/shared/playbook';
import type { IncidentType, Role } from '@fenghuo/shared/workflow';

export const STEP_STATE_LABELS: Record<StepState, [string, string]> = {
  pending: ['待办', 'Pending'],
  done: ['已完成', 'Done'],
  skipped: ['已跳过', 'Skipped'],
  overdue: ['已超时', 'Overdue'],
};

/** An icon per state, so the state never rests on colour alone. */
export const STEP_STATE_ICON: Record<StepState, string> = { pending: '○', done: '✓', skipped: '⤼', overdue: '!' };

export const ROLE_LABELS: Record<Role, [string, string]> = {
  viewer: ['查看', 'Viewer'],
  analyst: ['舆情分析', 'Analyst'],
  responder: ['处置人员', 'Responder'],
  reviewer: ['审核人员', 'Reviewer'],
  admin: ['管理员', 'Admin'],
};

export const INCIDENT_TYPE_LABELS_EN: Record<IncidentType, string> = {
  safety_accident: 'Work-safety accident',
  natural_disaster: 'Natural disaster',
  public_health: 'Public health',
  social_security: 'Public security',
  online_rumor: 'Online rumour',
  other: 'Other',
};

export const CHECKLIST_EVENT_LABELS: Record<ChecklistEvent['kind'], [string, string]> = {
  done: ['预案步骤完成', 'Playbook step done'],
  skipped: ['预案步骤跳过', 'Playbook step skipped'],
  overdue: ['预案步骤超时', 'Playbook step overdue'],
};
