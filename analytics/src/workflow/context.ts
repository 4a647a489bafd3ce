import type { AuditLog } from './store/audit-log';
import type { WorkflowLog } from './store/workflow-log';
import type { Role } from '@fenghuo/shared';

/** Who is acting: a signed-in user, or the system itself (jobs). */
export interface Actor {
  id: string;
  name: string;
  roles: readonly Role[];
  unit_id: string;
  /** Units the actor sees: its own and every one below it. */
  unitIds: ReadonlySet<string>;
  ip?: string;
}

export const SYSTEM_ACTOR: Actor = { id: 'system', name: '系统', roles: ['admin'], unit_id: '', unitIds: new Set(), ip: '' };

export interface WorkflowContext {
  log: WorkflowLog;
  audit: AuditLog;
  now: () => number;
  timezone: string;
}

export class ForbiddenError extends Error {
  override name = 'ForbiddenError';
  readonly status = 403;
}

export class BadRequestError extends Error {
  override name = 'BadRequestError';
  readonly status = 400;
}

/** Records a change in the audit log with the state before and after. */
export async function audited(ctx: WorkflowContext, actor: Actor, action: string, objectType: string, objectId: string, before: unknown, after: unknown, detail?: string): Promise<void> {
  await ctx.audit.append({
    at: ctx.now(),
    actor: actor.id,
    actor_name: actor.name,
    action,
    object_type: objectType,
    object_id: objectId,
    ...(before !== undefined ? { before } : {}),
    ...(after !== undefined ? { after } : {}),
    ...(actor.ip ? { ip: actor.ip } : {}),
    ...(detail ? { detail } : {}),
  });
}

/** System actors see every unit. */
export function seesUnit(actor: Actor, unitId: string): boolean {
  return actor.id === 'system' || actor.unitIds.has(unitId);
}
