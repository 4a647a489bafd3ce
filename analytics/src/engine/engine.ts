import type { Alert, AlertReason, AlertRule, EventSummary, KbMatch, RumorSignalContribution } from '@fenghuo/shared';
import { severityRank } from '@fenghuo/shared';
import type { Cascade } from '../eval/datasets';
import { Clusterer, type ClusterEvent } from './clusterer';
import { firstStory, firstStoryWord, rising, zScore, type SeriesStats } from './detectors';
import { KeywordRates } from './keyword-rates';
import { NewNames, type NewName, type NewWordSighting } from './new-names';
import { byCountThenKey, topN } from './top';
import { DailyRhythm } from './rhythm';
import type { AlertChange, AnalyzedMention, EngineConfig, EngineDeps, EventMember } from './types';

const MINUTE = 60_000;
/** Baseline half-life, minutes. */
const BASELINE_HALF_LIFE = 30;
const ALPHA = 1 - Math.exp(-Math.LN2 / BASELINE_HALF_LIFE);
/** Sizes at which an event's rumor score and knowledge-base match are recomputed. */
const RESCORE_AT = [3, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000];
/** Events sharing words first heard within this window are sides of one story. */
const RELATED_WINDOW_MS = 2 * 3_600_000;
/**
 * Which shared words can tie two events into one story: two stories at once
 * share everyday words (好多, 全是, 一半, 那座) without being one. A word this
 * specific (IDF) always can; a more common one only if it is a noun or a
 * verb of the dictionary (爆炸, 现场), not a number, measure, pronoun,
 * position or adverb.
 */
const LINKING_IDF = 8;
const LINKING_POS = /^(n|v|vn|nz|ns|nr|nt|ng|vg|an|eng)$/;
/** A keyword counts as rising in the stream only with at least this many recent mentions. */
const KEYWORD_MIN_RECENT = 5;
/** …and a Poisson z-score at least this high against its expectation. */
const KEYWORD_MIN_Z = 3;
/** New words first heard this close together that share two characters are pieces of one name. */
const NAME_JOIN_MS = 60_000;

export interface EngineOutput {
  members: EventMember[];
  events: EventSummary[];
  alerts: AlertChange[];
  /** Event time the engine has processed up to. */
  watermark: number;
}

interface EventExtra {
  /** Baseline per-minute level, rhythm-normalised; undefined until the event has history. */
  level?: number;
  /** Last minute folded into the level. */
  foldedUntil: number;
  rumorScore: number;
  rumorSignals: RumorSignalContribution[];
  kbMatch?: KbMatch;
  rescoredAt: number;
  /** Detection seen but not yet confirmed: when it was first seen. */
  pending?: { kind: string; since: number };
  /** Per keyword rule: matching mention times in its window. */
  ruleHits: Map<string, number[]>;
}

interface AlertState {
  alert: Alert;
  calmSince?: number;
}

export class AnalyticsEngine {
  private readonly clusterer: Clusterer;
  private readonly rhythm: DailyRhythm;
  private readonly keywordRates: KeywordRates;
  private readonly extras = new Map<string, EventExtra>();
  private readonly openAlerts = new Map<string, AlertState>();
  private readonly cooldownUntil = new Map<string, number>();
  private buffer: AnalyzedMention[] = [];
  /** Events changed since their summary was last handed out. */
  private readonly unwritten = new Set<ClusterEvent>();
  private watermark = -Infinity;
  private startedAt: number | undefined;
  /** Event time from which the engine knows the stream well enough to call a story new. */
  private warmedUpAt: number | undefined;
  private seen = 0;
  private nextReview: number | undefined;
  private readonly counters = { late: 0, too_late: 0 };
  /** Words first heard after the warm-up, while they are young, as the names they are pieces of: who uses them, and in which events. */
  private readonly newNames = new NewNames(NAME_JOIN_MS);
  /**
   * Confirmations due: a detection that held at `since` is checked again at
   * since + confirmMs of event time, whether or not another mention arrives
   * (keyed `e:<event>` or `w:<word>`), so an alert does not wait for the
   * story's next mention; checked at fixed event times, so replays agree.
   */
  private readonly due = new Map<string, number>();
  private nextDue = Infinity;
  private lastMinute = -Infinity;
  private minuteTotal = 0;
  private rules: AlertRule[];

  constructor(
    readonly config: EngineConfig,
    private readonly deps: EngineDeps,
    timezone = 'Asia/Shanghai',
  ) {
    this.clusterer = new Clusterer(config, deps.idf, deps.isPlace);
    this.rhythm = new DailyRhythm(timezone);
    this.keywordRates = new KeywordRates(config.recentWindowMs);
    this.rules = deps.rules ?? [];
  }

  setKbMatcher(matcher: EngineDeps['kbMatcher']): void {
    if (matcher) this.deps.kbMatcher = matcher;
    else delete this.deps.kbMatcher;
  }

  setRules(rules: AlertRule[]): void {
    this.rules = rules.filter((r) => r.enabled);
  }

  /** Sets when the engine's history begins and that it knows the stream from there (a warm restart). */
  setStartedAt(t: number): void {
    this.startedAt = t;
    this.warmedUpAt = t;
    this.keywordRates.setStart(t - this.keywordRates.slowMs);
  }

  /** Queues mentions; they are processed once the watermark passes their time. */
  ingest(mentions: readonly AnalyzedMention[]): void {
    for (const m of mentions) this.buffer.push(m);
  }

  /**
   * Processes every queued mention with time ≤ `watermark`, in event-time
   * order (ties by key), evaluating the detectors and rules on each event as
   * it changes. Time-driven work (the daily rhythm, resolving calm alerts,
   * forgetting idle events) happens at whole minutes of event time, so the
   * same mentions give the same events and alerts however the watermark
   * advanced (a replay at any speed). `silent` rebuilds state without
   * detecting (a restart replaying what was already analysed).
   */
  advance(watermark: number, options: { silent?: boolean; flush?: boolean } = {}): EngineOutput {
    const silent = options.silent ?? false;
    const out: EngineOutput = { members: [], events: [], alerts: [], watermark: this.watermark };
    if (watermark < this.watermark) watermark = this.watermark;
    const ready: AnalyzedMention[] = [];
    const later: AnalyzedMention[] = [];
    for (const m of this.buffer) (m.time <= watermark ? ready : later).push(m);
    this.buffer = later;
    ready.sort((a, b) => a.time - b.time || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

    const touched = new Set<ClusterEvent>();
    for (const m of ready) {
      // Far behind the stream (an import of old posts): stored, not analysed as news.
      if (m.time < this.watermark - this.config.maxLatenessMs) {
        this.counters.too_late++;
        continue;
      }
      if (m.time < this.watermark) this.counters.late++;
      if (m.time > this.nextDue) this.confirmDue(m.time, false, out, silent);
      this.reviewUntil(m.time, out, silent);
      this.startedAt ??= m.time;
      this.seen++;
      if (this.warmedUpAt === undefined && this.seen >= this.config.warmupMentions && m.time - this.startedAt >= this.config.warmupMs) this.warmedUpAt = m.time;
      this.minuteTotal++;
      this.keywordRates.observe(m.keywords, m.time);
      const { event, merged } = this.clusterer.add(m);
      touched.add(event);
      for (const gone of merged) {
        this.onMerged(gone, event, out);
        touched.add(gone);
      }
      this.applyKeywordRules(event, m);
      this.trackNewWords(event, m);
      if (!event.published && event.size >= this.config.minEventSize) event.published = true;
      if (event.published) {
        for (const p of event.pending) out.members.push({ eventId: event.id, platform: p.platform, id: p.id, time: p.time });
        event.pending = [];
      }
      // Detect as soon as the event changes: alerts come within seconds, not minutes.
      if (!silent) this.evaluate(event, m.time, out);
    }
    this.watermark = Math.max(this.watermark, watermark);
    if (this.watermark >= this.nextDue) this.confirmDue(this.watermark, true, out, silent);
    if (Number.isFinite(this.watermark)) this.reviewUntil(this.watermark, out, silent);
    this.writeEvents(touched, out, silent || (options.flush ?? false), silent);
    out.watermark = this.watermark;
    return out;
  }

  /**
   * Hands out the summaries of changed events: a new or merged event at
   * once, one that keeps changing at most every `eventWriteEveryMs` of event
   * time (its last change is written once it calms down or the stream is
   * flushed). In a silent replay the stored rows are already current.
   */
  private writeEvents(touched: Set<ClusterEvent>, out: EngineOutput, all: boolean, silent: boolean): void {
    for (const e of touched) if (e.published && e.dirty) this.unwritten.add(e);
    for (const e of this.unwritten) {
      if (!all && e.writtenAt !== undefined && !e.mergedInto && this.watermark - e.writtenAt < this.config.eventWriteEveryMs) continue;
      if (!silent) out.events.push(this.summary(e));
      e.dirty = false;
      e.writtenAt = this.watermark;
      this.unwritten.delete(e);
    }
  }

  /** Runs the per-minute work for every whole minute of event time up to `t`. */
  private reviewUntil(t: number, out: EngineOutput, silent: boolean): void {
    if (this.nextReview === undefined) {
      this.nextReview = Math.floor(t / MINUTE) * MINUTE + MINUTE;
      return;
    }
    // After a long silence, the minutes in between have nothing to review.
    let b: number = Math.max(this.nextReview, Math.floor((t - this.config.eventWindowMs) / MINUTE) * MINUTE);
    for (; b <= t; b += MINUTE) {
      this.tickMinutes(b);
      if (!silent) this.reviewOpenAlerts(b, out);
      for (const gone of this.clusterer.expire(b)) this.extras.delete(gone.id);
      this.newNames.prune(b - this.config.firstStoryMaxAgeMs - this.config.recentWindowMs);
    }
    this.nextReview = b;
  }

  /**
   * Takes back the alerts that were open (and recently resolved, for their
   * cool-down) before a restart, attached to the events the replay rebuilt.
   */
  restoreAlerts(open: readonly Alert[], resolved: readonly Alert[] = []): void {
    for (const a of resolved) {
      if (a.resolved_at !== undefined) this.cooldownUntil.set(a.event_id, a.resolved_at + this.config.cooldownMs);
    }
    for (const a of open) {
      const state: AlertState = { alert: { ...a } };
      this.openAlerts.set(a.event_id, state);
      for (const id of a.related_events ?? []) this.openAlerts.set(id, state);
    }
  }

  /** Ids of the events the engine holds (published ones). */
  liveEventIds(): string[] {
    return [...this.clusterer.events.values()].filter((e) => e.published && !e.mergedInto).map((e) => e.id);
  }

  /**
   * After a restart's replay, events that began before the replayed window
   * take back their stored size and first time, so they carry on counting.
   */
  adoptStoredTotals(totals: ReadonlyMap<string, { size: number; firstSeen: number }>): void {
    for (const [id, t] of totals) {
      const e = this.clusterer.events.get(id);
      if (!e || e.mergedInto) continue;
      e.size = Math.max(e.size, t.size);
      if (t.firstSeen < e.firstSeen) {
        e.firstSeen = t.firstSeen;
        this.extra(e).foldedUntil = Math.min(this.extra(e).foldedUntil, Math.floor(t.firstSeen / MINUTE) * MINUTE - MINUTE);
      }
    }
  }

  /** Marks an open alert acknowledged; returns the change to store and announce, if the alert is still open here. */
  acknowledge(alertId: string, by: string, at: number): AlertChange | undefined {
    for (const [eventId, state] of this.openAlerts) {
      const a = state.alert;
      if (a.id !== alertId || a.event_id !== eventId) continue;
      if (a.status === 'acknowledged') return undefined;
      a.status = 'acknowledged';
      a.acknowledged_at = at;
      a.acknowledged_by = by;
      a.updated_at = Math.max(a.updated_at, at);
      return { alert: { ...a }, action: 'acknowledged', severity: a.severity };
    }
    return undefined;
  }

  /** Counts of how mentions were handled (for metrics). */
  counts(): Record<string, number> {
    return { ...this.counters, ...this.clusterer.joins, live_events: this.clusterer.events.size, tracked_keys: this.clusterer.trackedKeys(), keywords: this.keywordRates.size() };
  }

  watermarkTime(): number {
    return this.watermark;
  }

  /** Live events, largest first (for reads that want the engine's view). */
  liveEvents(): EventSummary[] {
    return [...this.clusterer.events.values()].filter((e) => e.published && !e.mergedInto).map((e) => this.summary(e)).sort((a, b) => b.size - a.size);
  }

  openAlertList(): Alert[] {
    return [...this.openAlerts.values()].map((s) => s.alert);
  }

  private extra(e: ClusterEvent): EventExtra {
    let x = this.extras.get(e.id);
    if (!x) {
      x = { foldedUntil: Math.floor(e.firstSeen / MINUTE) * MINUTE - MINUTE, rumorScore: 0, rumorSignals: [], rescoredAt: 0, ruleHits: new Map() };
      this.extras.set(e.id, x);
    }
    return x;
  }

  private tickMinutes(t: number): void {
    const minute = Math.floor(t / MINUTE) * MINUTE;
    if (minute <= this.lastMinute) return;
    if (Number.isFinite(this.lastMinute)) this.rhythm.observe(this.lastMinute, this.minuteTotal);
    this.lastMinute = minute;
    this.minuteTotal = 0;
  }

  /** Folds finished minutes older than the recent window into the event's baseline. */
  private foldBaseline(e: ClusterEvent, x: EventExtra, now: number): void {
    const until = Math.floor((now - this.config.recentWindowMs) / MINUTE) * MINUTE - MINUTE;
    for (let m = x.foldedUntil + MINUTE; m <= until; m += MINUTE) {
      const c = (e.minutes.get(m) ?? 0) / this.rhythm.factor(m);
      x.level = x.level === undefined ? c : x.level + ALPHA * (c - x.level);
      x.foldedUntil = m;
      if (until - m > 24 * 60 * MINUTE) m = until - 24 * 60 * MINUTE;
    }
  }

  private stats(e: ClusterEvent, x: EventExtra, now: number): SeriesStats {
    this.foldBaseline(e, x, now);
    const recent = this.countInWindow(e, now, this.config.recentWindowMs);
    const windowMinutes = this.config.recentWindowMs / MINUTE;
    const expected = (x.level ?? 0) * windowMinutes * this.rhythm.factor(now);
    const authors = e.authors.size;
    const ageMs = now - e.firstSeen;
    const c = this.config;
    // Novelty looks at the event's words: only worth it when the rest of the first-story rule holds.
    const couldBeFirstStory = ageMs <= c.firstStoryMaxAgeMs && recent >= c.firstStoryMinRecent && authors >= c.firstStoryMinAuthors;
    return {
      recent,
      expected,
      authors,
      ageMs,
      isNew: couldBeFirstStory && this.warmedUpAt !== undefined && e.firstSeen >= this.warmedUpAt && this.clusterer.novelty(e, MINUTE) >= 0.5,
      now,
      series: `event:${e.id}`,
    };
  }

  private evaluate(e: ClusterEvent, now: number, out: EngineOutput): void {
    if (!e.published || e.mergedInto) return;
    const x = this.extra(e);
    this.rescore(e, x);
    const s = this.stats(e, x, now);
    const reasons: AlertReason[] = [];
    // Rising compares with the event's own past: it needs some of it first.
    const hasHistory = s.ageMs >= this.config.minHistoryMs && x.level !== undefined;
    // An event rises when it grows beyond its own baseline *and* the stream
    // uses its words more than usual (growth by absorbing sibling texts is not news).
    const risingEvent = hasHistory ? rising(s, this.config) : undefined;
    const risingWords = risingEvent ? this.keywordEvidence(e, now) : undefined;
    const detected = (risingEvent && risingWords ? risingEvent : undefined) ?? firstStory(s, this.config);
    // Confirmed on the word, across the events the story was split into.
    const storyWord = this.storyWord(e, now);
    if (detected) {
      // Confirmation: the detection must still hold a little later.
      if (!x.pending || x.pending.kind !== detected.kind) {
        x.pending = { kind: detected.kind, since: now };
        this.schedule(`e:${e.id}`, now + this.holdFor(detected));
      }
      if (now - x.pending.since >= this.holdFor(detected)) {
        reasons.push(detected);
        if (detected === risingEvent && risingWords) reasons.push(risingWords);
      }
    } else {
      x.pending = undefined;
    }
    if (!reasons.length && storyWord) reasons.push(storyWord);
    reasons.push(...this.eventRules(e, x, s));
    if (reasons.length) this.raise(e, x, reasons, now, out);
  }

  /** Follows the words first heard after the warm-up (distinctive ones: places and common words left out). */
  private trackNewWords(e: ClusterEvent, m: AnalyzedMention): void {
    if (this.warmedUpAt === undefined) return;
    const sightings: NewWordSighting[] = [];
    for (const k of new Set(m.keywords)) {
      const first = this.clusterer.firstSeen(k);
      if (first === undefined || first < this.warmedUpAt || m.time - first > this.config.firstStoryMaxAgeMs) continue;
      if (this.deps.isPlace(k) || !(k.startsWith('#') || this.deps.idf(k) >= 6)) continue;
      sightings.push({ word: k, first });
    }
    if (sightings.length) this.newNames.observe(sightings, { id: `${m.platform}:${m.id}`, time: m.time, ...(m.authorId ? { author: m.authorId } : {}) }, e.id);
  }

  /**
   * First story told in many wordings: a new name that many mentions from
   * many authors use, however the clustering split them (and however jieba
   * cut the name), held for the confirmation time. Returned for the name's
   * biggest holder only, which carries the story's alert.
   */
  private storyWord(e: ClusterEvent, now: number): AlertReason | undefined {
    let best: AlertReason | undefined;
    // New words are few, an event's words can be many: walk the shorter list.
    const words = this.newNames.size < e.keywordCounts.size ? [...this.newNames.words()].filter((k) => e.keywordCounts.has(k)) : e.keywordCounts.keys();
    const names = new Set<NewName>();
    for (const k of words) {
      const name = this.newNames.get(k);
      if (name) names.add(name);
    }
    for (const name of names) {
      const found = this.storyWordRule(name, now);
      if (!found) {
        name.holdingSince = undefined;
        continue;
      }
      if (name.holdingSince === undefined) {
        name.holdingSince = now;
        this.schedule(`w:${name.root}`, now + this.config.firstStoryConfirmMs);
      }
      if (found.top !== e.id || now - name.holdingSince < this.config.firstStoryConfirmMs) continue;
      const r = found.reason;
      // The strongest name; on a tie the first in code-point order, whichever list was walked.
      if (!best || r.observed > best.observed || (r.observed === best.observed && r.series < best.series)) best = r;
    }
    return best;
  }

  /** Whether the first-story rule holds for a new name now, and which live event holds most of it. */
  private storyWordRule(w: NewName, now: number): { reason: AlertReason; top: string } | undefined {
    const from = now - this.config.recentWindowMs;
    while (w.times.length && w.times[0]! <= from) w.times.shift();
    // Counted once per live event, merges followed.
    const holders = new Map<string, number>();
    let young = 0;
    let total = 0;
    for (const [id, n] of w.events) {
      const live = this.clusterer.resolve(id);
      if (!live) continue;
      holders.set(live.id, (holders.get(live.id) ?? 0) + n);
      total += n;
      // A new story makes new events; a new name dropped into old topics does not.
      if (live.firstSeen >= w.first - MINUTE) young += n;
    }
    if (young < total / 2) return undefined;
    const top = [...holders].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
    if (!top) return undefined;
    const alsoCut = [...w.pieces.keys()].filter((k) => k !== w.root).sort();
    const reason = firstStoryWord({ word: w.root, ...(alsoCut.length ? { alsoCut } : {}), recent: w.times.length, authors: w.authors.size, events: holders.size, ageMs: now - w.first, now }, this.config);
    return reason ? { reason, top: top[0] } : undefined;
  }

  /** How long a detection must hold before it alerts. */
  private holdFor(r: AlertReason): number {
    return r.kind === 'first_story' ? this.config.firstStoryConfirmMs : this.config.confirmMs;
  }

  private schedule(key: string, at: number): void {
    if ((this.due.get(key) ?? Infinity) <= at) return;
    this.due.set(key, at);
    this.nextDue = Math.min(this.nextDue, at);
  }

  /**
   * Runs the confirmations due before `t` (or at `t` too, when `inclusive`:
   * the watermark, every mention up to it processed), in time then key
   * order: the event is evaluated again as of its due time.
   */
  private confirmDue(t: number, inclusive: boolean, out: EngineOutput, silent: boolean): void {
    const ready = [...this.due].filter(([, at]) => at < t || (inclusive && at === t)).sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1));
    for (const [key] of ready) this.due.delete(key);
    this.nextDue = Math.min(Infinity, ...this.due.values());
    if (silent) return;
    for (const [key, at] of ready) {
      let e: ClusterEvent | undefined;
      if (key.startsWith('e:')) e = this.clusterer.resolve(key.slice(2));
      else {
        const w = this.newNames.get(key.slice(2));
        const found = w && this.storyWordRule(w, at);
        if (found) e = this.clusterer.resolve(found.top);
      }
      if (e) this.evaluate(e, at, out);
    }
  }

  /**
   * The keyword side of "rising": at least two of the event's top words
   * (one if it has only one) are used in the whole stream several times more
   * than their long-run rate. Returns the strongest as evidence.
   */
  private keywordEvidence(e: ClusterEvent, now: number): AlertReason | undefined {
    const top = this.clusterer.topWords(e, 5);
    if (!top.length) return undefined;
    const risingWords = top.map((k) => ({ k, ...this.keywordRate(k, now) })).filter((r) => this.keywordRising(r));
    if (risingWords.length < Math.min(2, top.length)) return undefined;
    const best = risingWords.reduce((a, b) => (zScore(b.recent, b.expected) > zScore(a.recent, a.expected) ? b : a));
    const ratio = best.recent / best.expected;
    return {
      kind: 'keyword_rising',
      detail: `“${best.k}” in ${Math.round(best.recent)} mentions across the stream in ${Math.round(this.config.recentWindowMs / 60_000)} min, ${ratio.toFixed(1)}× its usual ${best.expected.toFixed(1)}` +
        (risingWords.length > 1 ? `; also ${risingWords.filter((r) => r !== best).map((r) => `“${r.k}”`).join('、')}` : ''),
      series: `keyword:${best.k}`,
      observed: Math.round(best.recent),
      expected: Math.round(best.expected * 10) / 10,
      statistic: 'ratio',
      value: Math.round(ratio * 10) / 10,
      threshold: this.config.keywordRatio,
      severity: 'low',
      at: now,
    };
  }

  private eventRules(e: ClusterEvent, x: EventExtra, s: SeriesStats): AlertReason[] {
    const out: AlertReason[] = [];
    for (const r of this.rules) {
      const base = { series: s.series, statistic: '', at: s.now, severity: r.severity };
      if (r.kind === 'volume') {
        const count = this.countInWindow(e, s.now, r.window_minutes * MINUTE);
        if (count >= r.min_count) out.push({ ...base, kind: `rule:${r.id}`, detail: `${r.name}: ${count} mentions in ${r.window_minutes} min`, observed: count, expected: r.min_count, statistic: 'mentions_in_window', value: count, threshold: r.min_count });
      } else if (r.kind === 'negative_share') {
        const share = e.size ? e.sentiment.negative / e.size : 0;
        if (e.size >= r.min_count && share >= r.min_share) out.push({ ...base, kind: `rule:${r.id}`, detail: `${r.name}: ${(share * 100).toFixed(0)}% negative of ${e.size}`, observed: share, expected: r.min_share, statistic: 'negative_share', value: Math.round(share * 1000) / 1000, threshold: r.min_share });
      } else if (r.kind === 'rumor_score') {
        if (e.size >= r.min_count && x.rumorScore >= r.min_score) out.push({ ...base, kind: `rule:${r.id}`, detail: `${r.name}: rumor score ${x.rumorScore.toFixed(2)}`, observed: x.rumorScore, expected: r.min_score, statistic: 'rumor_score', value: x.rumorScore, threshold: r.min_score });
      } else if (r.kind === 'keyword') {
        const hits = (x.ruleHits.get(r.id) ?? []).filter((t) => t > s.now - r.window_minutes * MINUTE);
        x.ruleHits.set(r.id, hits);
        if (hits.length >= r.min_count) out.push({ ...base, kind: `rule:${r.id}`, detail: `${r.name}: ${hits.length} mentions with ${r.phrases.slice(0, 3).join('、')}`, observed: hits.length, expected: r.min_count, statistic: 'matching_mentions', value: hits.length, threshold: r.min_count });
      }
    }
    return out;
  }

  private applyKeywordRules(e: ClusterEvent, m: AnalyzedMention): void {
    const keywordRules = this.rules.filter((r) => r.kind === 'keyword');
    if (!keywordRules.length) return;
    const x = this.extra(e);
    const text = `${m.title}\n${m.text}`;
    for (const r of keywordRules) {
      if (r.kind !== 'keyword' || !r.phrases.some((p) => text.includes(p))) continue;
      const hits = x.ruleHits.get(r.id) ?? [];
      hits.push(m.time);
      x.ruleHits.set(r.id, hits);
    }
  }

  /** Mentions in the minutes that overlap (now − window, now]: a few lookups, however long the event's history. */
  private countInWindow(e: ClusterEvent, now: number, windowMs: number): number {
    let n = 0;
    for (let m = Math.floor((now - windowMs) / MINUTE) * MINUTE; m <= now; m += MINUTE) n += e.minutes.get(m) ?? 0;
    return n;
  }

  private rescore(e: ClusterEvent, x: EventExtra): void {
    const step = RESCORE_AT.findLast((s) => e.size >= s) ?? 0;
    if (step <= x.rescoredAt) return;
    x.rescoredAt = step;
    if (this.deps.rumorScorer) {
      const r = this.deps.rumorScorer(toCascade(e));
      x.rumorScore = Math.round(r.score * 1000) / 1000;
      x.rumorSignals = r.contributions;
    }
    if (this.deps.kbMatcher) {
      const texts = [e.representative.text, ...e.first.map((m) => m.text)];
      const kws = [...e.keywordCounts].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([k]) => k);
      const match = this.deps.kbMatcher(texts, kws);
      if (match) x.kbMatch = match;
    }
    // A known, rebutted rumor is at least this likely to be one.
    if (x.kbMatch) x.rumorScore = Math.max(x.rumorScore, Math.round((0.6 + 0.4 * x.kbMatch.similarity) * 1000) / 1000);
    e.dirty = true;
  }

  private raise(e: ClusterEvent, x: EventExtra, reasons: AlertReason[], now: number, out: EngineOutput): void {
    const severity = reasons.reduce((s, r) => (severityRank(r.severity) > severityRank(s) ? r.severity : s), reasons[0]!.severity);
    let state = this.openAlerts.get(e.id);
    // A likely rumor needs its own answer (a rebuttal): it leaves the story's alert it rode on.
    if (state && state.alert.event_id !== e.id && x.rumorScore >= this.config.rumorOwnAlert) {
      state.alert.related_events = (state.alert.related_events ?? []).filter((id) => id !== e.id);
      this.openAlerts.delete(e.id);
      state = undefined;
    }
    if (!state) {
      if ((this.cooldownUntil.get(e.id) ?? -Infinity) > now) return;
      // Another side of a story already alerted (same new words): one alert, not several.
      const related = this.relatedOpenAlert(e, now) ?? this.alertSharingStoryWord(e, reasons, now);
      if (related) {
        this.openAlerts.set(e.id, related);
        related.alert.related_events = [...new Set([...(related.alert.related_events ?? []), e.id])];
        state = related;
      }
    }
    if (!state) {
      const alert: Alert = {
        id: `a${now.toString(36)}${e.id.slice(1)}`,
        event_id: e.id,
        title: eventTitle(e),
        severity,
        status: 'open',
        opened_at: now,
        updated_at: now,
        reasons,
        first_mentions: e.first.slice(0, 3).map(sample),
        samples: samplesOf(e).map(sample),
        rumor_score: x.rumorScore,
        ...(x.kbMatch ? { kb_match: x.kbMatch } : {}),
      };
      this.openAlerts.set(e.id, { alert });
      out.alerts.push({ alert: { ...alert }, action: 'opened', severity });
      return;
    }
    state.calmSince = undefined;
    const a = state.alert;
    // The alert names the biggest side of its story: the event a press officer should open.
    if (a.event_id !== e.id) {
      const main = this.clusterer.resolve(a.event_id);
      if (!main || e.size > main.size) {
        a.related_events = [...new Set([...(a.related_events ?? []).filter((id) => id !== e.id), a.event_id])];
        a.event_id = e.id;
        a.title = eventTitle(e);
        a.updated_at = now;
        out.alerts.push({ alert: { ...a }, action: 'updated', severity: a.severity });
      }
    }
    const known = new Set(a.reasons.map((r) => r.kind));
    const fresh = reasons.filter((r) => !known.has(r.kind));
    const escalated = severityRank(severity) > severityRank(a.severity);
    if (!escalated && !fresh.length) return;
    // Keep each kind of reason once, with its latest numbers.
    const byKind = new Map(a.reasons.map((r) => [r.kind, r] as const));
    for (const r of reasons) byKind.set(r.kind, r);
    a.reasons = [...byKind.values()];
    if (escalated) a.severity = severity;
    a.updated_at = now;
    a.samples = samplesOf(e).map(sample);
    a.rumor_score = x.rumorScore;
    if (x.kbMatch) a.kb_match = x.kbMatch;
    out.alerts.push({ alert: { ...a }, action: escalated ? 'escalated' : 'updated', severity: a.severity });
  }

  /**
   * An open alert on another side of the same story: the two events share
   * words the stream is suddenly using (two of them, or one and the same
   * home province). A press officer gets one alert per story, with its sides
   * listed, not one per wording.
   */
  /**
   * A story word confirmed on this event that other events of an already
   * alerted story use too (消防车 in the explosion's other wordings): this
   * event is another side of that story.
   */
  private alertSharingStoryWord(e: ClusterEvent, reasons: readonly AlertReason[], now: number): AlertState | undefined {
    const rumor = this.extra(e).rumorScore >= this.config.rumorOwnAlert;
    for (const r of reasons) {
      if (r.kind !== 'first_story' || !r.series.startsWith('keyword:')) continue;
      const k = r.series.slice('keyword:'.length);
      const w = this.newNames.get(k);
      if (!w || !this.linksStories(k)) continue;
      // The holder with most of the word among the alerted ones, ties by id: the same whatever the order of the map.
      let found: { state: AlertState; n: number; id: string } | undefined;
      for (const [id, n] of w.events) {
        const holder = this.clusterer.resolve(id);
        if (!holder || holder.id === e.id) continue;
        const state = this.openAlerts.get(holder.id);
        if (!state || now - state.alert.opened_at > RELATED_WINDOW_MS) continue;
        const main = this.clusterer.resolve(state.alert.event_id);
        if (!main || rumor !== this.extra(main).rumorScore >= this.config.rumorOwnAlert) continue;
        if (!found || n > found.n || (n === found.n && holder.id < found.id)) found = { state, n, id: holder.id };
      }
      if (found) return found.state;
    }
    return undefined;
  }

  private relatedOpenAlert(e: ClusterEvent, now: number): AlertState | undefined {
    const rumor = this.extra(e).rumorScore >= this.config.rumorOwnAlert;
    // Likely rumors are rare and specific: any of their distinctive words
    // links them; other events link through the words the stream is suddenly using.
    const mine = this.clusterer.topWords(e, 10).filter((k) => rumor || this.isStoryWord(k, now));
    if (!mine.length) return undefined;
    const home = homeProvince(e);
    for (const [eventId, state] of this.openAlerts) {
      if (state.alert.event_id !== eventId || now - state.alert.opened_at > RELATED_WINDOW_MS) continue;
      const other = this.clusterer.resolve(eventId);
      if (!other) continue;
      // Rumors group with rumors, news with news: a rumor needs its own rebuttal.
      if (rumor !== this.extra(other).rumorScore >= this.config.rumorOwnAlert) continue;
      // Words the other event uses too (in 3 mentions at least), and those it
      // uses often enough to be its own (0.5% of it).
      const shared = mine.filter((k) => this.uses(other, k) >= 3);
      const own = shared.filter((k) => this.uses(other, k) >= 0.005 * other.size);
      // A hashtag or a specific word never heard before the story counts
      // double: they name the story. An everyday word does not count, even
      // one the stream happens to use more, or first heard with another story.
      const strength = own.reduce((n, k) => n + (k.startsWith('#') ? 2 : !this.linksStories(k) ? 0 : this.newNames.has(k) ? 2 : 1), 0);
      const sameHome = home !== '' && home === homeProvince(other);
      if (strength >= 2 || (sameHome && (strength >= 1 || shared.filter((k) => k.startsWith('#') || this.linksStories(k)).length >= 2))) return state;
    }
    return undefined;
  }

  /**
   * How many of an event's mentions use a word, or for a piece of a new
   * name, its most used piece (the other event may have the name cut
   * another way: 龙石乡 here, 河龙 + 石乡 there).
   */
  private uses(e: ClusterEvent, k: string): number {
    const name = this.newNames.get(k);
    if (!name) return e.keywordCounts.get(k) ?? 0;
    let most = 0;
    for (const piece of name.pieces.keys()) most = Math.max(most, e.keywordCounts.get(piece) ?? 0);
    return most;
  }

  private linksStories(k: string): boolean {
    const idf = this.deps.idf(k);
    if (idf >= LINKING_IDF) return true;
    const pos = this.deps.partOfSpeech?.(k);
    return idf >= 6 && pos !== undefined && LINKING_POS.test(pos);
  }

  /**
   * A keyword's recent use across the stream and what its long-run rate
   * expects, adjusted for the hour (the slow rate reflects the last hour's
   * rhythm, not this minute's).
   */
  private keywordRate(k: string, now: number): { recent: number; expected: number } {
    const r = this.keywordRates.rate(k, now);
    const hourShift = this.rhythm.factor(now) / this.rhythm.factor(now - this.keywordRates.slowMs / 2);
    return { recent: r.recent, expected: Math.max(r.expected * hourShift, 0.5) };
  }

  private keywordRising(r: { recent: number; expected: number }): boolean {
    return r.recent >= KEYWORD_MIN_RECENT && r.recent >= this.config.keywordRatio * r.expected && zScore(r.recent, r.expected) >= KEYWORD_MIN_Z;
  }

  /** A word the stream is using far more than usual, or first heard after the engine warmed up. */
  private isStoryWord(k: string, now: number): boolean {
    if (this.keywordRising(this.keywordRate(k, now))) return true;
    const first = this.clusterer.firstSeen(k);
    return first !== undefined && this.warmedUpAt !== undefined && first >= this.warmedUpAt && now - first <= RELATED_WINDOW_MS;
  }

  /** Resolves alerts whose event has been calm long enough, or has gone. */
  private reviewOpenAlerts(now: number, out: EngineOutput): void {
    for (const [eventId, state] of this.openAlerts) {
      // Related events ride on the main event's alert.
      if (state.alert.event_id !== eventId) {
        if (state.alert.status === 'resolved') this.openAlerts.delete(eventId);
        continue;
      }
      // Calm when every side of the story is calm (or gone).
      const sides = [eventId, ...(state.alert.related_events ?? [])].map((id) => this.clusterer.resolve(id)).filter((x): x is ClusterEvent => x !== undefined);
      const calm = sides.every((e) => {
        const s = this.stats(e, this.extra(e), now);
        return s.recent <= Math.max(3, 1.5 * s.expected);
      });
      if (!calm) {
        state.calmSince = undefined;
        continue;
      }
      state.calmSince ??= now;
      if (now - state.calmSince < this.config.resolveAfterMs && sides.length) continue;
      const a = state.alert;
      a.status = 'resolved';
      a.resolved_at = now;
      a.updated_at = now;
      for (const id of [eventId, ...(a.related_events ?? [])]) {
        this.openAlerts.delete(id);
        this.cooldownUntil.set(id, now + this.config.cooldownMs);
      }
      out.alerts.push({ alert: { ...a }, action: 'resolved', severity: a.severity });
    }
  }

  private onMerged(gone: ClusterEvent, into: ClusterEvent, out: EngineOutput): void {
    // An alert on the merged-away event moves to the event it joined.
    const state = this.openAlerts.get(gone.id);
    if (state && !this.openAlerts.has(into.id)) {
      this.openAlerts.delete(gone.id);
      state.alert.event_id = into.id;
      this.openAlerts.set(into.id, state);
      out.alerts.push({ alert: { ...state.alert }, action: 'updated', severity: state.alert.severity });
    }
    if (gone.published && !into.published) {
      into.published = true;
    }
  }

  summary(e: ClusterEvent): EventSummary {
    const x = this.extra(e);
    const now = this.watermark > e.lastSeen ? this.watermark : e.lastSeen;
    const s = e.mergedInto ? undefined : this.stats(e, x, now);
    const top = (m: Map<string, number>, n: number) => Object.fromEntries([...m].filter(([k]) => k).sort((a, b) => b[1] - a[1]).slice(0, n));
    return {
      id: e.id,
      title: eventTitle(e),
      representative: e.representative.key,
      keywords: topN(e.keywordCounts, 10, byCountThenKey).map(([k]) => k),
      first_seen: e.firstSeen,
      last_seen: e.lastSeen,
      size: e.size,
      recent: s?.recent ?? 0,
      expected: Math.round((s?.expected ?? 0) * 10) / 10,
      platforms: top(e.platforms, 10),
      provinces: top(e.provinces, 10),
      cities: top(e.cities, 10),
      sentiment: { ...e.sentiment },
      rumor_score: x.rumorScore,
      ...(x.kbMatch ? { kb_match: x.kbMatch } : {}),
      ...(e.mergedInto ? { merged_into: e.mergedInto } : {}),
    };
  }

  rumorSignals(eventId: string): RumorSignalContribution[] {
    return this.extras.get(eventId)?.rumorSignals ?? [];
  }
}

/** The province most of an event's placed mentions come from (at least 40% of them), or ''. */
function homeProvince(e: ClusterEvent): string {
  let placed = 0;
  let best = '';
  let bestN = 0;
  for (const [p, n] of e.provinces) {
    if (!p) continue;
    placed += n;
    if (n > bestN) [best, bestN] = [p, n];
  }
  return placed && bestN / placed >= 0.4 ? best : '';
}

function eventTitle(e: ClusterEvent): string {
  const m = e.representative;
  const t = (m.title || m.text).replace(/\s+/g, ' ').trim();
  return t.length > 80 ? `${t.slice(0, 80)}…` : t;
}

function samplesOf(e: ClusterEvent): AnalyzedMention[] {
  return [...e.recentSamples].sort((a, b) => (b.reposts ?? 0) + (b.comments ?? 0) - ((a.reposts ?? 0) + (a.comments ?? 0)) || b.time - a.time).slice(0, 3);
}

function sample(m: AnalyzedMention): { platform: string; id: string; time: number; text: string } {
  return { platform: m.platform, id: m.id, time: m.time, text: m.text.length > 280 ? `${m.text.slice(0, 280)}…` : m.text };
}

/** The event as a cascade (the shape the rumor scorers read): its root post and the reactions to it. */
export function toCascade(e: ClusterEvent): Cascade {
  const post = e.cascadePost ?? e.representative;
  const iso = (t: number) => new Date(t).toISOString();
  return {
    id: e.id,
    post: {
      id: post.id,
      text: post.title ? `${post.title}\n${post.text}` : post.text,
      time: iso(post.time),
      author: {
        verified: post.authorVerified,
        ...(post.authorVerifiedType !== null ? { verified_type: post.authorVerifiedType } : {}),
        ...(post.authorFollowers !== null ? { followers: post.authorFollowers } : {}),
        ...(post.authorLocation ? { location: post.authorLocation } : {}),
      },
      ...(post.reposts !== null ? { reposts: post.reposts } : {}),
      ...(post.comments !== null ? { comments: post.comments } : {}),
      ...(post.likes !== null ? { likes: post.likes } : {}),
    },
    reactions: e.reactions
      .filter((r) => r.id !== post.id)
      .map((r) => ({
        id: r.id,
        parent: r.parentId && r.parentId !== post.id ? r.parentId : null,
        kind: r.kind === 'comment' ? ('comment' as const) : ('repost' as const),
        author_id: r.authorId,
        author: { verified: r.authorVerified, ...(r.authorFollowers !== null ? { followers: r.authorFollowers } : {}) },
        time: iso(r.time),
        text: r.text,
      })),
  };
}
