import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Alert, EscalationSubject } from '@fenghuo/shared';
import { playbooks as playbookModule, type duty as dutyModule, type Notifier, type Workflow } from '@fenghuo/analytics';

/** Every 15 s: a step is paged within 15 s of its minute. */
export const ESCALATION_TICK_MS = 15_000;

const SECRET_FILE = 'duty-link-secret';

/**
 * The key that signs acknowledgement links, kept in the data directory
 * (0600) like the generated admin password and ingest token, so links stay
 * valid across restarts and every process of a deployment shares it.
 */
export function resolveDutyLinkSecret(dataDir: string): string {
  const file = path.join(dataDir, SECRET_FILE);
  try {
    const stored = fs.readFileSync(file, 'utf8').trim();
    if (stored.length >= 32) return stored;
  } catch {
    // first start: generated below
  }
  const secret = randomBytes(32).toString('base64url');
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

/** An engine alert as an escalation subject: it names no unit, so the configured alert unit answers it. */
export function alertSubject(alert: Alert, unitId: string): EscalationSubject {
  return { kind: 'alert', id: alert.id, unit_id: unitId, severity: alert.severity, title: alert.title, link: alert.event_id ? `/events/${encodeURIComponent(alert.event_id)}` : '/wall' };
}

/** An overdue step of an incident's playbook checklist, for the incident's unit. */
export function playbookStepSubject(step: playbookModule.OverdueStep): EscalationSubject {
  return { kind: step.kind, id: step.id, unit_id: step.unit_id, severity: step.severity, title: step.title, link: step.link, incident_id: step.incident_id };
}

/** A clock warning or breach as a subject of the incident's unit. */
export async function clockSubject(alert: Alert, workflow: Workflow): Promise<EscalationSubject | undefined> {
  if (!alert.incident_id) return undefined;
  // An overdue playbook step's notice: the workflow escalates it itself, as a playbook_step (playbookStepSubject).
  if (alert.reasons[0]?.kind === playbookModule.PLAYBOOK_OVERDUE_REASON) return undefined;
  const incident = (await workflow.ctx.log.get<{ unit_id: string }>('incident', alert.incident_id))?.state;
  if (!incident) return undefined;
  return { kind: 'incident_clock', id: alert.id, unit_id: incident.unit_id, severity: alert.severity, title: alert.title, link: `/incidents/${encodeURIComponent(alert.incident_id)}`, incident_id: alert.incident_id };
}

/** The alert notifier that also starts the duty chain when an alert opens (a burst pages the duty officer). */
export function withEscalation(notifier: Notifier, duty: dutyModule.Duty, onError: (error: unknown) => void): Notifier {
  // Pages in flight: draining or closing waits for them, so the store is not closed under a running chain.
  const pending = new Set<Promise<void>>();
  const settle = async () => {
    while (pending.size) await Promise.all([...pending]);
  };
  return {
    async notify(change) {
      const delivered = notifier.notify(change);
      if (change.action !== 'opened' || change.message) return delivered;
      // Not awaited by the caller: paging reads the rosters and writes the
      // chain, and the engine's loop must not wait for that. Counted as
      // pending from the start (the delivery included), so a close while the
      // delivery runs still waits for the page that follows it.
      const alert = change.alert;
      const paging = delivered
        .then(
          async () => {
            const unit = await duty.alertUnit();
            if (unit) await duty.startEscalation(alertSubject(alert, unit));
          },
          () => undefined, // the delivery's failure is the caller's
        )
        .catch(onError)
        .finally(() => pending.delete(paging));
      pending.add(paging);
      return delivered;
    },
    drain: async () => {
      await settle();
      await notifier.drain();
    },
    close: async () => {
      await settle();
      await notifier.close();
    },
  };
}

/** Ticks the chains periodically in the analytics process (one per deployment; optimistic concurrency keeps a second from paging twice). */
export function startDutyEscalations(duty: dutyModule.Duty, onError: (error: unknown) => void, intervalMs = ESCALATION_TICK_MS): { stop(): Promise<void>; tick(): Promise<void> } {
  let running: Promise<void> | undefined;
  const tick = async () => {
    if (running) return;
    running = duty
      .tick()
      .catch(onError)
      .finally(() => {
        running = undefined;
      });
    await running;
  };
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  // A tick in flight finishes before the store it writes to is closed.
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
    tick,
  };
}
