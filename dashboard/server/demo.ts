import { TABLES, toNumber } from '@fenghuo/shared';
import { startDemoFeed, type DemoFeed } from '@fenghuo/ingest';
import { createClaimRepository, demoClaimInputs } from '@fenghuo/analytics';
import type { Runtime } from './runtime';
import { seedGovernanceDemo } from './governance-demo';
import { seedDutyDemo } from './duty-demo';
import { seedConsultationDemo } from './consultation-demo';

/** Background the demo sends first on a fresh store, so the analytics know the everyday chatter. */
const HISTORY_MINUTES = 30;

export async function startDemo(runtime: Runtime, options: { seed: number; rate: number }): Promise<DemoFeed> {
  // A restart with recent mentions stored already has its history.
  const [row] = await runtime.store.query<{ t: string | number | null }>(`SELECT toUnixTimestamp64Milli(maxOrNull(time)) AS t FROM ${TABLES.mentions}`);
  const latest = row?.t === null || row?.t === undefined ? undefined : toNumber(row.t);
  // The demo's rumor has been rebutted before: an empty knowledge base gets the demo's entries.
  const claims = createClaimRepository(runtime.store);
  if ((await claims.list()).length === 0) await claims.createMany(demoClaimInputs.map(({ id: _id, ...c }) => c));
  // The demo city's official accounts with eight weeks of their posts, for the governance page.
  try {
    const g = await seedGovernanceDemo(runtime);
    if (g.seeded) runtime.logger.info({ mentions: g.mentions }, 'demo governance registry seeded (江城市)');
  } catch (error) {
    runtime.logger.warn({ err: error }, 'demo governance registry could not be seeded');
  }
  // Duty rosters of the demo city: engine alerts page its duty officer, then the backup and the leader.
  try {
    const d = await seedDutyDemo(runtime);
    if (d.seeded) runtime.logger.info({ units: d.units.length }, 'demo duty rosters seeded (江城市)');
  } catch (error) {
    runtime.logger.warn({ err: error }, 'demo duty rosters could not be seeded');
  }
  // A draft policy under public consultation with its comments, for the consultations page.
  try {
    const c = await seedConsultationDemo(runtime);
    if (c.seeded) runtime.logger.info({ mentions: c.mentions }, 'demo consultation seeded (停车收费征求意见稿)');
  } catch (error) {
    runtime.logger.warn({ err: error }, 'demo consultation could not be seeded');
  }
  const historyMinutes = latest !== undefined && Date.now() - latest < HISTORY_MINUTES * 60_000 ? 0 : HISTORY_MINUTES;
  return startDemoFeed({
    service: runtime.service,
    seed: options.seed,
    rate: options.rate,
    timezone: runtime.config.timezone,
    historyMinutes,
    firstIncidentAfterMin: 3,
    onError: (error) => runtime.logger.warn({ err: error }, 'demo stream: submit failed; will retry'),
  });
}
