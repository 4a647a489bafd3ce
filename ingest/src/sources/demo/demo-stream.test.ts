import { describe, expect, it } from 'vitest';
import { createMentionValidator } from '@fenghuo/shared';
import { createDemoStream, toMentionInput, type DemoMention } from './demo-stream';

const START = Date.parse('2026-11-26T20:00:00+08:00');
const HOUR = 3_600_000;

function run(seed: number, polls: number[]): DemoMention[] {
  const s = createDemoStream({ seed, start: START, rate: 10 });
  return polls.flatMap((t) => s.until(t));
}

describe('demo stream', () => {
  const hour = run(1, [START + HOUR]);

  it('is deterministic for a seed, however it is polled', () => {
    const chunked = run(1, Array.from({ length: 60 }, (_, i) => START + (i + 1) * 60_000 + 123));
    expect(chunked.map((m) => m.id)).toEqual(hour.map((m) => m.id));
    expect(JSON.stringify(chunked)).toBe(JSON.stringify(hour));
    expect(run(2, [START + HOUR]).map((m) => m.text)).not.toEqual(hour.map((m) => m.text));
  });

  it('every mention is valid, unique, in time order, and within the hour', () => {
    const validate = createMentionValidator(() => START + HOUR);
    const ids = new Set<string>();
    let last = 0;
    for (const m of hour) {
      const v = validate(toMentionInput(m));
      expect(v.ok, JSON.stringify(v)).toBe(true);
      expect(ids.has(m.id)).toBe(false);
      ids.add(m.id);
      expect(m.time).toBeGreaterThanOrEqual(last);
      last = m.time;
    }
    expect(last).toBeLessThan(START + HOUR);
  });

  it('has background chatter across platforms and provinces at about the configured rate', () => {
    const bg = hour.filter((m) => m.demo.stream === 'background');
    // 10/s at the 20:00 hour (0.88 of the peak): ~31,700.
    expect(bg.length).toBeGreaterThan(28_000);
    expect(bg.length).toBeLessThan(36_000);
    expect(new Set(bg.map((m) => m.platform)).size).toBe(7);
    expect(new Set(bg.map((m) => m.author.location?.split(' ')[0])).size).toBeGreaterThan(25);
  });

  it('follows the daily rhythm: 3 a.m. is quieter than 9 p.m.', () => {
    const count = (hourOfDay: number) => {
      const start = Date.parse(`2026-11-26T${String(hourOfDay).padStart(2, '0')}:00:00+08:00`);
      const s = createDemoStream({ seed: 1, start, rate: 10, firstIncidentAfterMin: 999 });
      return s.until(start + 600_000).length;
    };
    expect(count(21)).toBeGreaterThan(count(3) * 5);
  });

  it('an incident rises sharply, a rumor spreads with skeptical replies, and officials answer later', () => {
    const incident = hour.filter((m) => m.demo.stream === 'incident');
    const perMinute = (from: number, to: number) => incident.filter((m) => m.time >= START + from * 60_000 && m.time < START + to * 60_000).length / (to - from);
    expect(perMinute(1, 3)).toBeLessThan(60);
    expect(perMinute(12, 20)).toBeGreaterThan(5 * perMinute(1, 3));

    const rumor = hour.filter((m) => m.demo.stream === 'rumor');
    expect(rumor.some((m) => /网传|紧急扩散|转发/.test(m.text))).toBe(true);
    const replies = rumor.filter((m) => m.parent_id);
    expect(replies.some((m) => /真的假的|辟谣|谣言|官方/.test(m.text))).toBe(true);

    const official = hour.filter((m) => m.author.official);
    const firstBrief = official.find((m) => m.title?.includes('情况通报'));
    const rebuttal = official.find((m) => m.title?.includes('网传'));
    expect(firstBrief).toBeDefined();
    expect(rebuttal).toBeDefined();
    // The incident begins a minute in; its first statement comes 12 minutes later, the rebuttal after the rumor.
    expect(firstBrief!.time - START).toBeGreaterThanOrEqual(13 * 60_000 - 1000);
    expect(rebuttal!.time).toBeGreaterThan(rumor[0]!.time);
    expect(firstBrief!.author).toMatchObject({ verified: true, verified_type: 1, official: true });
  });
});
