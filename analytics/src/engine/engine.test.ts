import { describe, expect, it } from 'vitest';
import type { AlertRuleInput } from '@fenghuo/shared';
import { alertRuleInputSchema } from '@fenghuo/shared';
import { AnalyticsEngine } from './engine';
import { BACKGROUND, RUMOR, STORY, engineDeps, mention, syntheticStream } from './test-support';
import { DEFAULT_ENGINE_CONFIG, type AlertChange, type AnalyzedMention, type EngineDeps } from './types';

const START = Date.parse('2026-11-26T19:00:00+08:00');
/** A quieter stream than production: it knows the chatter after 500 mentions. */
const CONFIG = { ...DEFAULT_ENGINE_CONFIG, warmupMentions: 500 };
const MIN = 60_000;

/** Feeds the mentions in steps of `stepMs` of event time and collects what comes out. */
function run(mentions: readonly AnalyzedMention[], options: { stepMs?: number; deps?: Partial<EngineDeps>; engine?: AnalyticsEngine; until?: number } = {}) {
  const engine = options.engine ?? new AnalyticsEngine(CONFIG, { ...engineDeps(), ...options.deps });
  const step = options.stepMs ?? 1_000;
  const alerts: AlertChange[] = [];
  const events = new Map<string, number>();
  let i = 0;
  const end = options.until ?? (mentions.at(-1)?.time ?? START) + 20 * MIN;
  for (let t = (mentions[0]?.time ?? START) + step; t <= end + step; t += step) {
    const batch: AnalyzedMention[] = [];
    while (i < mentions.length && mentions[i]!.time < t) batch.push(mentions[i++]!);
    engine.ingest(batch);
    const out = engine.advance(Math.min(t, end) - 2_000);
    alerts.push(...out.alerts);
    for (const e of out.events) events.set(e.id, e.size);
  }
  return { engine, alerts, events, opened: alerts.filter((a) => a.action === 'opened') };
}

const background = (minutes: number, seed = 1) => syntheticStream({ start: START, minutes, perMinute: 60, seed });

describe('analytics engine', () => {
  it('raises nothing on everyday chatter', () => {
    const { alerts, engine } = run(background(60));
    expect(alerts).toEqual([]);
    expect(engine.liveEvents().length).toBeGreaterThan(5);
  });

  it('a new story: one alert with its evidence, escalating as it grows', () => {
    const mentions = syntheticStream({ start: START, minutes: 50, perMinute: 60, bursts: [{ at: 30, texts: STORY, peakPerMinute: 80, prefix: 'story' }] });
    const { opened, alerts } = run(mentions);
    expect(opened).toHaveLength(1);
    const a = opened[0]!.alert;
    expect(a.title).toContain('青石镇');
    expect(a.reasons[0]).toMatchObject({ kind: 'first_story', statistic: 'mentions_in_window', threshold: DEFAULT_ENGINE_CONFIG.firstStoryMinRecent });
    expect(a.reasons[0]!.observed).toBeGreaterThanOrEqual(DEFAULT_ENGINE_CONFIG.firstStoryMinRecent);
    expect(a.first_mentions.length).toBeGreaterThan(0);
    expect(a.first_mentions[0]!.text).toContain('青石镇');
    expect(a.samples.length).toBeGreaterThan(0);
    // Within minutes of the story's start.
    expect(a.opened_at - (START + 30 * MIN)).toBeLessThan(4 * MIN);
    // One alert that escalates, then resolves when the story calms.
    const forIt = alerts.filter((c) => c.alert.id === a.id).map((c) => c.action);
    expect(forIt).toContain('escalated');
    expect(forIt.at(-1)).toBe('resolved');
    expect(new Set(alerts.map((c) => c.alert.id)).size).toBe(1);
  });

  it('other wordings of the same story ride on its alert as related events', () => {
    // Other sides of the story in other words: they share the story's new place name, not its text.
    const more = ['青石镇的朋友们注意安全，安置点在镇中学，需要帮助可以打镇政府电话', '给青石镇抢险的武警官兵点赞，辛苦了，一定要平安回来', '青石镇安置点还缺棉被和饮用水，附近的志愿者可以送过去'];
    const mentions = syntheticStream({
      start: START,
      minutes: 60,
      perMinute: 60,
      bursts: [
        { at: 30, texts: STORY, peakPerMinute: 60, prefix: 'story' },
        { at: 36, texts: more, peakPerMinute: 30, prefix: 'side' },
      ],
    });
    const { opened, alerts } = run(mentions);
    expect(opened).toHaveLength(1);
    const last = alerts.filter((c) => c.alert.id === opened[0]!.alert.id).at(-1)!.alert;
    expect(last.related_events?.length).toBeGreaterThanOrEqual(1);
    expect(last.related_events).not.toContain(last.event_id);
  });

  it('a story split over many wordings is alerted the confirmation time after its new word holds, not when one of its events next grows', () => {
    // Five wordings, each its own event: none reaches the first-story rule alone for a while.
    const texts = ['桃源镇一座桥突然垮塌了，有人掉进河里', '刚路过桃源镇，看到消防车和救护车都来了', '有人知道桃源镇发生了什么吗？警戒线拉了好长', '桃源镇那边封路了，绕行吧，听说是桥塌了', '家里人在桃源镇，说听到一声巨响'];
    const at = START + 20 * MIN;
    const story = Array.from({ length: 40 }, (_, i) => mention({ id: `s${i}`, time: at + i * 1_000, text: texts[i % texts.length]!, author: `s${i}` }));
    const mentions = [...background(30), ...story].sort((a, b) => a.time - b.time || (a.key < b.key ? -1 : 1));
    const { opened } = run(mentions, { stepMs: 500 });
    expect(opened).toHaveLength(1);
    const twelfth = story[CONFIG.firstStoryMinRecent - 1]!.time;
    expect(opened[0]!.alert.reasons[0]).toMatchObject({ kind: 'first_story', series: 'keyword:桃源' });
    // Held from the 12th mention, confirmed 1 s later on the word, whichever event got the next mention.
    expect(opened[0]!.alert.opened_at).toBe(twelfth + CONFIG.firstStoryConfirmMs);
  });

  it('a made-up name jieba cuts differently in different wordings is counted as one new name', () => {
    // 河龙石乡: cut 河龙 + 石乡 in three wordings, 龙石乡 in one, 河龙石 in another; no single piece is in every mention.
    const texts = [
      '河龙石乡一座人行桥突然垮塌，桥上好像有人掉进河里了，消防正在搜救',
      '刚路过河龙石乡，那座桥塌了一半，好多人在围观，救护车也来了',
      '河龙石乡桥梁垮塌现场，河里全是碎石，希望没有人受伤',
      '有人知道河龙石乡那座桥为什么会塌吗？前几天还有车在上面走',
      '河龙石乡塌桥了，家里人说听到一声巨响，整条街都在震',
    ];
    const at = START + 20 * MIN;
    const story = Array.from({ length: 40 }, (_, i) => mention({ id: `s${i}`, time: at + i * 1_000, text: texts[i % texts.length]!, author: `s${i}` }));
    expect(story.filter((m) => m.keywords.includes('河龙')).length).toBeLessThan(story.length);
    const mentions = [...background(30), ...story].sort((a, b) => a.time - b.time || (a.key < b.key ? -1 : 1));
    const { opened } = run(mentions, { stepMs: 500 });
    expect(opened).toHaveLength(1);
    const reason = opened[0]!.alert.reasons[0]!;
    expect(reason).toMatchObject({ kind: 'first_story', series: 'keyword:河龙' });
    expect(reason.detail).toMatch(/also cut as .*龙石乡/);
    // Held from the 12th mention of the name (not of one of its pieces), confirmed 1 s later.
    expect(opened[0]!.alert.opened_at).toBe(story[CONFIG.firstStoryMinRecent - 1]!.time + CONFIG.firstStoryConfirmMs);
  });

  it('two stories at once that share only everyday words (好多, 全是) get an alert each', () => {
    const fire = ['青松镇农贸市场着火了，好多人跑出来，街上全是浓烟', '青松镇市场大火，好多消防车，路上全是水', '在青松镇拍到的，好多摊位烧了，天上全是黑烟'];
    const school = ['红枫乡小学好多学生午饭后呕吐，医院里全是家长', '红枫乡小学好多孩子疑似食物中毒，急诊全是孩子', '红枫乡小学好多孩子吃完午饭肚子疼，教室里全是哭声'];
    const mentions = syntheticStream({
      start: START,
      minutes: 50,
      perMinute: 60,
      bursts: [
        { at: 25, texts: fire, peakPerMinute: 60, prefix: 'fire' },
        { at: 31, texts: school, peakPerMinute: 60, prefix: 'school' },
      ],
    });
    const { opened } = run(mentions);
    const about = (c: AlertChange) => [...c.alert.first_mentions, ...c.alert.samples].map((m) => m.id.replace(/\d+$/, ''));
    expect(opened.map((c) => [...new Set(about(c))].sort().join('+')).sort()).toEqual(['fire', 'school']);
  });

  it('a rumor about the story gets an alert of its own with a high rumor score', () => {
    const scorer = (c: { post: { text: string }; reactions: { text: string }[] }) => {
      const rumor = /网传|据说|朋友说|紧急扩散|转发救人/.test(c.post.text);
      return { score: rumor ? 0.95 : 0.2, contributions: [{ signal: 'hearsay_cues', value: rumor ? 1 : 0, contribution: rumor ? 2 : 0 }] };
    };
    const mentions = syntheticStream({
      start: START,
      minutes: 60,
      perMinute: 60,
      bursts: [
        { at: 30, texts: STORY, peakPerMinute: 60, prefix: 'story' },
        { at: 38, texts: RUMOR, peakPerMinute: 40, prefix: 'rumor' },
      ],
    });
    const { opened } = run(mentions, { deps: { rumorScorer: scorer } });
    expect(opened).toHaveLength(2);
    const rumor = opened.find((o) => o.alert.rumor_score >= 0.8)!;
    expect(rumor.alert.title).toMatch(/网传|据说|朋友说/);
    expect(opened.find((o) => o.alert.rumor_score < 0.5)!.alert.title).not.toMatch(/网传|据说|朋友说/);
  });

  it('a known rumor is linked to its rebuttal and scored at least 0.6', () => {
    const kbMatcher = (texts: string[]) =>
      texts.some((t) => t.includes('溃坝') || t.includes('垮了') || t.includes('决口'))
        ? { claim_id: 'kb-1', claim: '青石镇水库溃坝', similarity: 0.8, rebuttal: '大坝未溃坝，正在抢险加固', source: '某县应急管理局', date: '2026-11-26' }
        : undefined;
    const mentions = syntheticStream({ start: START, minutes: 50, perMinute: 60, bursts: [{ at: 30, texts: RUMOR, peakPerMinute: 40, prefix: 'rumor' }] });
    const { opened } = run(mentions, { deps: { kbMatcher } });
    expect(opened).toHaveLength(1);
    expect(opened[0]!.alert.kb_match?.source).toBe('某县应急管理局');
    expect(opened[0]!.alert.rumor_score).toBeGreaterThanOrEqual(0.6);
  });

  it('rising: a known topic that suddenly takes off, confirmed by its words rising across the stream', () => {
    const topic = BACKGROUND[7]!; // parking fees
    const mentions = syntheticStream({ start: START, minutes: 80, perMinute: 60, bursts: [{ at: 60, texts: [topic, `${topic}，业主们准备集体去物业讨说法`], peakPerMinute: 60, prefix: 'up' }] });
    const { opened } = run(mentions);
    expect(opened).toHaveLength(1);
    const kinds = opened[0]!.alert.reasons.map((r) => r.kind);
    expect(kinds).toEqual(['rising', 'keyword_rising']);
    const r = opened[0]!.alert.reasons[0]!;
    expect(r.observed).toBeGreaterThan(3 * r.expected);
    expect(opened[0]!.alert.reasons[1]!.series).toMatch(/^keyword:/);
  });

  it.each([
    { name: 'keyword watch list', rule: { kind: 'keyword', name: '大坝', phrases: ['大坝'], min_count: 3, window_minutes: 10, severity: 'high' } },
    { name: 'volume', rule: { kind: 'volume', name: '大量', min_count: 100, window_minutes: 10, severity: 'critical' } },
    { name: 'negative share', rule: { kind: 'negative_share', name: '负面', min_share: 0.5, min_count: 20, severity: 'medium' } },
  ] as { name: string; rule: AlertRuleInput }[])('user rule: $name fires with its own severity', ({ rule }) => {
    const parsed = { ...alertRuleInputSchema.parse(rule), id: 'rule-1', updated_at: 0 };
    const mentions = syntheticStream({ start: START, minutes: 45, perMinute: 30, bursts: [{ at: 30, texts: STORY, peakPerMinute: 60, prefix: 'story' }] }).map((m) =>
      m.key.startsWith('weibo:story') ? { ...m, sentimentLabel: 'negative' } : m,
    );
    const engine = new AnalyticsEngine(CONFIG, engineDeps());
    engine.setRules([parsed]);
    const { alerts } = run(mentions, { engine });
    const fired = alerts.flatMap((c) => c.alert.reasons).find((r) => r.kind === 'rule:rule-1');
    expect(fired?.severity).toBe(parsed.severity);
    expect(fired?.detail).toContain(parsed.name);
  });

  it('the same mentions give the same events and alerts whatever the watermark steps (replay at any speed)', () => {
    const mentions = syntheticStream({ start: START, minutes: 70, perMinute: 60, bursts: [{ at: 30, texts: STORY, peakPerMinute: 80, prefix: 'story' }, { at: 40, texts: RUMOR, peakPerMinute: 30, prefix: 'rumor' }] });
    const shape = (r: ReturnType<typeof run>) => ({
      alerts: r.alerts.map((c) => [c.alert.id, c.action, c.severity, c.alert.updated_at, c.alert.reasons.map((x) => `${x.kind}:${x.observed}`).join()]),
      events: [...r.events].sort(),
    });
    const slow = shape(run(mentions, { stepMs: 500 }));
    const fast = shape(run(mentions, { stepMs: 37_000 }));
    expect(slow.alerts.length).toBeGreaterThan(0);
    expect(fast).toEqual(slow);
  });

  it('mentions far behind the stream are stored but not analysed; a little late is fine', () => {
    const engine = new AnalyticsEngine(CONFIG, engineDeps());
    engine.ingest([mention({ id: 'now', time: START + 60 * MIN, text: BACKGROUND[0]! })]);
    engine.advance(START + 60 * MIN);
    engine.ingest([
      mention({ id: 'late', time: START + 59 * MIN, text: BACKGROUND[1]! }),
      mention({ id: 'old', time: START, text: BACKGROUND[2]! }),
    ]);
    engine.advance(START + 61 * MIN);
    expect(engine.counts()).toMatchObject({ late: 1, too_late: 1 });
  });

  it('acknowledging keeps the alert open for escalation, and a restored alert carries on under its id', () => {
    const mentions = syntheticStream({ start: START, minutes: 45, perMinute: 60, bursts: [{ at: 30, texts: STORY, peakPerMinute: 80, prefix: 'story' }] });
    const cut = START + 33 * MIN;
    const first = run(mentions.filter((m) => m.time < cut), { until: cut });
    const alert = first.opened[0]!.alert;
    const ack = first.engine.acknowledge(alert.id, '值班员', cut);
    expect(ack?.alert).toMatchObject({ status: 'acknowledged', acknowledged_by: '值班员' });
    expect(first.engine.acknowledge(alert.id, '值班员', cut)).toBeUndefined();

    // A restart: replay the stored stream silently, take the open alert back, go on.
    const engine = new AnalyticsEngine(CONFIG, engineDeps());
    const stored = mentions.filter((m) => m.time < cut).map((m) => ({ ...m, storedEventId: m.key.startsWith('weibo:story') ? alert.event_id : undefined }));
    engine.ingest(stored.map(({ storedEventId, ...m }) => (storedEventId ? { ...m, storedEventId } : m)));
    engine.advance(cut - 2_000, { silent: true });
    engine.setStartedAt(START);
    engine.restoreAlerts([{ ...alert, ...ack!.alert }]);
    const after = run(mentions.filter((m) => m.time >= cut), { engine });
    expect(after.opened).toEqual([]);
    const changes = after.alerts.filter((c) => c.alert.id === alert.id);
    expect(changes.length).toBeGreaterThan(0);
    expect(changes.some((c) => c.action === 'escalated' && c.alert.status === 'acknowledged')).toBe(true);
  });

  it('writes a busy event out at most every eventWriteEveryMs of event time, and its last state on a flush', () => {
    const engine = new AnalyticsEngine({ ...CONFIG, eventWriteEveryMs: 5_000 }, engineDeps());
    const text = '人民路早高峰又堵了半个小时，打工人太难了';
    const written: { at: number; size: number }[] = [];
    // One mention every 250 ms for a minute, the watermark advanced every 500 ms.
    for (let i = 0; i < 240; i++) {
      engine.ingest([mention({ id: `busy-${i}`, time: START + i * 250, text })]);
      if (i % 2 === 1) for (const e of engine.advance(START + i * 250).events) written.push({ at: START + i * 250, size: e.size });
    }
    const gaps = written.slice(1).map((w, i) => w.at - written[i]!.at);
    expect(written.length).toBeGreaterThan(5);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(5_000);
    // Nothing changed since the last write went out unwritten: a flush hands out the final size.
    expect(written.at(-1)!.size).toBeLessThan(240);
    const flushed = engine.advance(START + 239 * 250, { flush: true }).events;
    expect(flushed.map((e) => e.size)).toEqual([240]);
    expect(engine.advance(START + 240 * 250, { flush: true }).events).toEqual([]);
  });
});
