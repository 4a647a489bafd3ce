import type { governance } from '@fenghuo/analytics';

/** Every five minutes: a 15:00 reminder goes out within five minutes of 15:00. */
export const REMINDER_INTERVAL_MS = 5 * 60_000;

/**
 * Runs the cadence reminders periodically in the process that runs the
 * analytics worker (one per deployment; the notice claim in the workflow
 * log keeps a second one from sending twice anyway).
 */
export function startGovernanceReminders(gov: governance.Governance, onError: (error: unknown) => void, intervalMs = REMINDER_INTERVAL_MS): { stop(): void; tick(): Promise<void> } {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await gov.remind();
    } catch (error) {
      onError(error);
    } finally {
      running = false;
    }
  };
  const first = setTimeout(() => void tick(), 30_000);
  first.unref();
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  return {
    stop() {
      clearTimeout(first);
      clearInterval(timer);
    },
    tick,
  };
}
