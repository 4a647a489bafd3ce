import { consultation, SYSTEM_ACTOR } from '@fenghuo/analytics';
import type { Runtime } from './runtime';

/**
 * The demo consultation (江城市's parking-fee draft, analytics/src/consultation/demo.ts):
 * created once under the city government (the governance demo's unit, or the
 * top unit) with its collecting posts and comments sent through ingest.
 */
export async function seedConsultationDemo(runtime: Runtime): Promise<{ seeded: boolean; mentions: number }> {
  const { workflow, consultations } = runtime;
  const existing = await workflow.ctx.log.list<{ policy: { title: string } }>('consultation');
  if (existing.some((c) => c.state.policy.title === consultation.DEMO_CONSULTATION_TITLE)) return { seeded: false, mentions: 0 };
  const units = await workflow.directory.units();
  const unit = units.find((u) => u.name === '江城市人民政府') ?? units.find((u) => !u.parent_id);
  if (!unit) return { seeded: false, mentions: 0 };
  const now = Date.now();
  await consultations.create(SYSTEM_ACTOR, consultation.demoConsultationInput(now), unit.id);
  const items = [...consultation.demoConsultationPosts(now), ...consultation.demoConsultationComments(now)];
  const batch = items.map((value, position) => ({ position, value, raw: JSON.stringify(value) }));
  await runtime.service.submit(batch, 'demo-consultation', now);
  return { seeded: true, mentions: items.length };
}
