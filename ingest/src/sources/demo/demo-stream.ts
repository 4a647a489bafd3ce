import { seededRandom } from '@fenghuo/shared';
import { gazetteer, shortCityName, shortProvinceName, type Place } from '@fenghuo/shared/text';
import * as corpus from './corpus';
import type { OfficialAccount, Platform, ScenarioTemplate, Sentiment } from './corpus';

/**
 * The synthetic demo stream: background chatter across platforms and
 * provinces with a daily rhythm, and every `cycleMinutes` an emergency in one
 * city (a chemical-plant explosion that rises sharply) with a rumor about
 * tap water that spreads with skeptical replies, answered later by official
 * statements and a rebuttal. Every text comes from ./corpus, written for the
 * project.
 *
 * Deterministic: the same seed and start give the same mentions (ids, texts,
 * times), however the stream is polled, because it is generated in whole
 * one-second ticks of event time from one seeded generator.
 */

export interface DemoStreamOptions {
  seed: number;
  /** Event time of the stream's start, epoch ms. */
  start: number;
  /** Background mentions per second in the evening peak hour. */
  rate: number;
  /** Minutes from the start to the first incident. */
  firstIncidentAfterMin?: number;
  /** A new incident (in another city) every this many minutes. */
  cycleMinutes?: number;
  /** The first incident's city (GB/T 2260 code); later ones rotate through DEMO_CITIES. */
  cityCode?: string;
  timezone?: string;
}

export interface DemoMention {
  id: string;
  platform: Platform;
  kind: 'post' | 'repost' | 'comment' | 'article' | 'ticket' | 'message';
  text: string;
  title?: string;
  url?: string;
  time: number;
  author: { id: string; name: string; followers: number; verified: boolean; verified_type: number; location?: string; official?: boolean };
  parent_id?: string;
  root_id?: string;
  metrics?: { reposts: number; comments: number; likes: number };
  /** What the generator meant it to be (for tests and evaluation; not part of the mention). */
  demo: { stream: 'background' | 'incident' | 'rumor' | 'official'; cycle?: number; sentiment?: Sentiment };
}

export interface DemoStream {
  /** Mentions with event time before `until`, in time order, not returned before. */
  until(until: number): DemoMention[];
  /** Where the generator stands (event time). */
  cursor(): number;
}

/** Cities the incident moves through, one per cycle (GB/T 2260 codes). */
export const DEMO_CITIES = ['4210', '3206', '5107', '3707', '4305', '3607', '6104', '4509'];

/** Share of the evening peak per hour of day (local time): quiet at 3 a.m., busiest at 9 p.m. */
export const DAILY_RHYTHM = [
  0.35, 0.22, 0.14, 0.1, 0.09, 0.12, 0.22, 0.42, 0.62, 0.7, 0.74, 0.78,
  0.82, 0.74, 0.7, 0.72, 0.74, 0.76, 0.8, 0.88, 0.96, 1.0, 0.86, 0.6,
];

// Minutes after an incident starts.
const INCIDENT = {
  firstBrief: 12,
  rumorStart: 8,
  rebuttal: 30,
  end: 110,
};

function hashSeed(...parts: (string | number)[]): number {
  let h = 2166136261;
  for (const ch of parts.join('|')) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

interface CityContext {
  place: Place;
  /** How people write it: 荆州, not 荆州市. */
  name: string;
  province: string;
  districts: string[];
}

interface IncidentState {
  cycle: number;
  startsAt: number;
  city: CityContext;
  district: string;
  park: string;
  company: string;
  figures: { early: number; deaths: number; injured: number; severe: number; stations: number; firefighters: number; points: number; samples: number };
  roots: { id: string; author: DemoMention['author'] }[];
  rumorRoots: { id: string; author: DemoMention['author'] }[];
  rebuttalIds: string[];
  scheduled: Set<string>;
}

export function createDemoStream(options: DemoStreamOptions): DemoStream {
  const rand = seededRandom(hashSeed('fenghuo-demo', options.seed, options.start));
  const timezone = options.timezone ?? 'Asia/Shanghai';
  const cycleMs = (options.cycleMinutes ?? 180) * 60_000;
  const firstIncidentAt = options.start + (options.firstIncidentAfterMin ?? 1) * 60_000;
  const idPrefix = `d${options.seed.toString(36)}${Math.floor(options.start / 60_000).toString(36)}`;
  let seq = 0;
  let tick = Math.floor(options.start / 1000);
  const incidents = new Map<number, IncidentState>();
  const recentPosts: { id: string; platform: Platform; time: number; topic: string }[] = [];

  const g = gazetteer();
  const cityPool = [...g.byCode.values()].filter((p, i, all) => p.cityCode.length === 4 && all.indexOf(p) === i);
  const hourFormat = new Intl.DateTimeFormat('en-GB', { timeZone: timezone, hour: '2-digit', hour12: false });
  const partsFormat = new Intl.DateTimeFormat('en-GB', { timeZone: timezone, month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false });

  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const poisson = (lambda: number) => {
    if (lambda <= 0) return 0;
    if (lambda > 30) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * gaussian()));
    const limit = Math.exp(-lambda);
    let k = 0;
    let p = rand();
    while (p > limit) {
      k++;
      p *= rand();
    }
    return k;
  };
  const gaussian = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());

  function cityContext(place: Place): CityContext {
    const districts: string[] = [];
    const areas = g.areasByProvince.get(place.provinceCode);
    if (areas) for (const [name, p] of areas) if (p === place && /(区|县|市)$/.test(name)) districts.push(name);
    return {
      place,
      name: shortCityName(place.city),
      province: shortProvinceName(place.province),
      districts: districts.length ? districts : [`${shortCityName(place.city)}城区`],
    };
  }

  function incidentFor(cycle: number): IncidentState {
    let state = incidents.get(cycle);
    if (state) return state;
    const code = cycle === 0 && options.cityCode ? options.cityCode : DEMO_CITIES[cycle % DEMO_CITIES.length]!;
    const city = cityContext(g.byCode.get(code) ?? cityPool[0]!);
    const injured = int(18, 46);
    state = {
      cycle,
      startsAt: firstIncidentAt + cycle * cycleMs,
      city,
      district: pick(city.districts),
      park: pick(corpus.parkNames),
      company: pick(corpus.companyNames),
      figures: {
        early: int(6, 15),
        deaths: int(2, 5),
        injured,
        severe: int(3, 8),
        stations: int(6, 12),
        firefighters: int(120, 260),
        points: int(8, 20),
        samples: int(120, 480),
      },
      roots: [],
      rumorRoots: [],
      rebuttalIds: [],
      scheduled: new Set(),
    };
    incidents.set(cycle, state);
    // Forget incidents long over.
    for (const k of incidents.keys()) if (k < cycle - 1) incidents.delete(k);
    return state;
  }

  function localParts(t: number) {
    const parts = Object.fromEntries(partsFormat.formatToParts(new Date(t)).map((p) => [p.type, p.value]));
    return { month: parts.month!, day: parts.day!, hour: Number(parts.hour) % 24, minute: parts.minute! };
  }

  function fill(text: string, t: number, ctx: { city: CityContext; district?: string; incident?: IncidentState; figures?: [number, number]; incidentTime?: number }): string {
    const when = localParts(t);
    const at = ctx.incidentTime !== undefined ? localParts(ctx.incidentTime) : when;
    return text.replace(/\{(\w+)\}/g, (whole, key: string, offset: number, full: string) => {
      switch (key) {
        case 'city':
          return ctx.city.name;
        case 'province':
          return ctx.city.province;
        case 'district':
          return ctx.district ?? pick(ctx.city.districts);
        case 'park':
          return ctx.incident?.park ?? pick(corpus.parkNames);
        case 'company':
          return ctx.incident?.company ?? pick(corpus.companyNames);
        case 'road':
          return pick(corpus.roads);
        case 'landmark':
          return pick(corpus.landmarks);
        case 'food':
          return pick(corpus.foods);
        case 'brand':
          return pick(corpus.brands);
        case 'school':
          return pick(corpus.schools);
        case 'hospital':
          return pick(ctx.incident ? corpus.incidentHospitals : corpus.hospitals);
        case 'community':
          return pick(corpus.communities);
        case 'weather':
          return pick(corpus.weatherWords);
        case 'num':
          return String(ctx.figures ? ctx.figures[0] : int(2, 60));
        case 'num2':
          return String(ctx.figures ? ctx.figures[1] : int(100, 5000));
        case 'time': {
          // "{time}许" is when it happened; anything else is the time of writing.
          const p = full.startsWith('许', offset + whole.length) ? at : when;
          return `${p.hour}时${p.minute}分`;
        }
        case 'date': {
          const p = full.startsWith('{time}许', offset + whole.length) ? at : when;
          return `${p.month}月${p.day}日`;
        }
        case 'emoji':
          return pick(ctx.incident ? corpus.incidentEmojis : corpus.emojis);
        case 'hashtag':
          return ctx.incident ? fill(pick(corpus.incidentHashtags), t, ctx) : pick(corpus.hashtags);
        case 'nickname':
          return corpus.composeNickname(rand);
        default:
          return whole;
      }
    });
  }

  function citizen(city?: CityContext): DemoMention['author'] {
    const local = city && rand() < 0.7;
    const place = local ? city.place : pick(cityPool);
    const verified = rand() < 0.04;
    return {
      id: `u${hashSeed(options.seed, seq, 'u') % 90_000_000 + 10_000_000}`,
      name: corpus.composeNickname(rand),
      followers: Math.round(Math.exp(3 + 2.2 * Math.abs(gaussian()))),
      verified,
      verified_type: verified ? (rand() < 0.7 ? 0 : 3) : -1,
      location: `${shortProvinceName(place.province)} ${shortCityName(place.city)}`,
    };
  }

  function official(account: OfficialAccount, city: CityContext): DemoMention['author'] {
    const name = account.name.replace('{city}', city.name).replace('{district}', city.districts[0]!);
    return {
      id: `gov-${city.place.cityCode}-${account.role}-${account.platform}`,
      name,
      followers: 50_000 + (hashSeed(name) % 900_000),
      verified: true,
      verified_type: 1,
      location: `${city.province} ${city.name}`,
      official: true,
    };
  }

  function accountFor(role: string, platform?: Platform): OfficialAccount | undefined {
    return corpus.officialAccounts.find((a) => a.role === role && (!platform || a.platform === platform)) ?? corpus.officialAccounts.find((a) => a.role === role);
  }

  function kindFor(platform: Platform, kind: DemoMention['kind'] | undefined): DemoMention['kind'] {
    if (kind) return kind;
    if (platform === 'news') return 'article';
    if (platform === 'hotline') return 'ticket';
    if (platform === 'gov_board') return 'message';
    return 'post';
  }

  function urlFor(platform: Platform, id: string): string | undefined {
    switch (platform) {
      case 'weibo':
        return `https://m.weibo.cn/detail/${id}`;
      case 'wechat':
        return `https://mp.weixin.qq.com/s/${id}`;
      case 'news':
      case 'toutiao':
        return `https://news.demo.invalid/${platform}/${id}`;
      default:
        return undefined;
    }
  }

  function emit(out: DemoMention[], m: Omit<DemoMention, 'id' | 'url'> & { url?: string }): DemoMention {
    const id = `${idPrefix}${(seq++).toString(36).padStart(5, '0')}`;
    const mention: DemoMention = { ...m, id };
    const url = m.url ?? (m.kind === 'post' || m.kind === 'article' ? urlFor(m.platform, id) : undefined);
    if (url) mention.url = url;
    out.push(mention);
    return mention;
  }

  function metrics(scale: number) {
    return { reposts: Math.round(scale * rand() * 20), comments: Math.round(scale * rand() * 30), likes: Math.round(scale * rand() * 120) };
  }

  const templatesByTopic = new Map<string, (typeof corpus.backgroundTemplates)[number][]>();
  for (const tpl of corpus.backgroundTemplates) {
    const list = templatesByTopic.get(tpl.topic) ?? [];
    list.push(tpl);
    templatesByTopic.set(tpl.topic, list);
  }

  function background(out: DemoMention[], t: number) {
    const reply = recentPosts.length > 10 && rand() < 0.2;
    const parent = reply ? recentPosts[Math.floor(rand() * recentPosts.length)] : undefined;
    // A reply is a short reaction or another voice on the parent's topic.
    const reaction = parent && rand() < 0.5 ? pick(corpus.backgroundReactions) : undefined;
    const tpl = parent ? pick(templatesByTopic.get(parent.topic)!) : pick(corpus.backgroundTemplates);
    const platform = parent?.platform ?? pick(tpl.platforms);
    const kind = kindFor(platform, tpl.kind);
    const city = cityContext(pick(cityPool));
    const ctx = { city };
    const author = platform === 'hotline' || platform === 'gov_board' ? { ...citizen(city), name: '市民', followers: 0 } : citizen(city);
    const m = emit(out, {
      platform,
      kind: parent ? (rand() < 0.5 ? 'comment' : 'repost') : kind,
      text: reaction ? reaction.text : fill(tpl.text, t, ctx),
      ...(tpl.title && !parent ? { title: fill(tpl.title, t, ctx) } : {}),
      time: t,
      author,
      ...(parent ? { parent_id: parent.id, root_id: parent.id } : {}),
      ...(kind === 'post' && !parent ? { metrics: metrics(1) } : {}),
      demo: { stream: 'background', sentiment: reaction?.sentiment ?? tpl.sentiment },
    });
    if (!parent && kind === 'post' && (platform === 'weibo' || platform === 'douyin')) {
      recentPosts.push({ id: m.id, platform, time: t, topic: tpl.topic });
      if (recentPosts.length > 200) recentPosts.shift();
    }
  }

  /** Mentions per second of the incident's crowd at `min` minutes after it began. */
  function incidentRate(min: number): number {
    if (min < 0 || min > INCIDENT.end) return 0;
    if (min < 4) return 0.15 + min * 0.25;
    if (min < 10) return 1.2 + (min - 4) * 0.8;
    if (min < 25) return 6 + 3 * Math.sin(((min - 10) / 15) * Math.PI);
    return Math.max(0.1, 6 * Math.exp(-(min - 25) / 18));
  }

  function rumorRate(min: number): number {
    const m = min - INCIDENT.rumorStart;
    if (m < 0 || min > INCIDENT.end) return 0;
    if (min < INCIDENT.rebuttal) return 0.1 + m * 0.12;
    return Math.max(0.05, (0.1 + (INCIDENT.rebuttal - INCIDENT.rumorStart) * 0.12) * Math.exp(-(min - INCIDENT.rebuttal) / 10));
  }

  function phaseFor(min: number) {
    const name = min < 4 ? 'first-reports' : min < 10 ? 'spreading' : min < INCIDENT.firstBrief ? 'peak' : min < 25 ? (rand() < 0.5 ? 'peak' : 'official-brief') : 'aftermath';
    return corpus.incidentPhases.find((p) => p.phase === name)!;
  }

  function crowd(out: DemoMention[], t: number, inc: IncidentState, tpl: ScenarioTemplate, stream: 'incident' | 'rumor', roots: { id: string; author: DemoMention['author'] }[], replyShare: number) {
    const ctx = { city: inc.city, district: inc.district, incident: inc };
    const platform = pick(tpl.platforms);
    const root = roots.length && rand() < replyShare ? roots[Math.floor(rand() * Math.min(roots.length, 6))] : undefined;
    const m = emit(out, {
      platform: root ? 'weibo' : platform,
      kind: root ? (rand() < 0.55 ? 'repost' : 'comment') : kindFor(platform, tpl.kind),
      text: fill(tpl.text, t, ctx),
      ...(tpl.title && !root ? { title: fill(tpl.title, t, ctx) } : {}),
      time: t,
      author: citizen(inc.city),
      ...(root ? { parent_id: root.id, root_id: root.id } : {}),
      ...(!root ? { metrics: metrics(stream === 'rumor' ? 6 : 4) } : {}),
      demo: { stream, cycle: inc.cycle, sentiment: tpl.sentiment },
    });
    if (!root && m.platform === 'weibo' && roots.length < 6) roots.push({ id: m.id, author: m.author });
  }

  function statement(out: DemoMention[], t: number, inc: IncidentState, tpl: { authorRole: string; kind: 'post' | 'article'; title: string; text: string; stage?: string }, platform: Platform, figures: [number, number], stream: 'official' = 'official') {
    const account = accountFor(tpl.authorRole, platform) ?? corpus.officialAccounts[0]!;
    const ctx = { city: inc.city, district: inc.district, incident: inc, figures, incidentTime: inc.startsAt };
    return emit(out, {
      platform: account.platform,
      kind: tpl.kind,
      title: fill(tpl.title, t, ctx),
      text: fill(tpl.text, t, ctx),
      time: t,
      author: official(account, inc.city),
      metrics: metrics(40),
      demo: { stream, cycle: inc.cycle, sentiment: 'neutral' },
    });
  }

  function figuresFor(inc: IncidentState, role: string, stage: string | undefined): [number, number] {
    const f = inc.figures;
    if (role === 'fire') return [f.stations, f.firefighters];
    if (role === 'health') return [f.severe, f.injured];
    if (role === 'environment') return [f.points, f.samples];
    if (stage === 'first-brief') return [f.early, f.injured];
    return [f.deaths, f.injured];
  }

  /** One-off official actions at fixed minutes after the incident began. */
  function scheduled(out: DemoMention[], t: number, inc: IncidentState, min: number) {
    const once = (key: string, at: number, act: () => void) => {
      if (min >= at && !inc.scheduled.has(key)) {
        inc.scheduled.add(key);
        act();
      }
    };
    const byStage = (stage: string) => corpus.officialIncidentStatements.filter((s) => s.stage === stage);
    const say = (tpl: (typeof corpus.officialIncidentStatements)[number], platform: Platform) =>
      statement(out, t, inc, tpl, platform, figuresFor(inc, tpl.authorRole, tpl.stage));
    once('first-brief', INCIDENT.firstBrief, () => {
      const first = byStage('first-brief')[0];
      if (first) {
        inc.roots.push({ id: say(first, 'weibo').id, author: official(accountFor('emergency', 'weibo')!, inc.city) });
        say(first, 'wechat');
      }
    });
    once('fire', INCIDENT.firstBrief + 6, () => {
      const fire = corpus.officialIncidentStatements.find((s) => s.authorRole === 'fire');
      if (fire) say(fire, 'weibo');
    });
    once('rebuttal-water', INCIDENT.rebuttal, () => {
      const r = corpus.officialRebuttals.find((x) => x.authorRole === 'water');
      if (r) inc.rebuttalIds.push(statement(out, t, inc, r, 'weibo', [inc.figures.points, inc.figures.samples]).id);
    });
    once('rebuttal-environment', INCIDENT.rebuttal + 4, () => {
      const r = corpus.officialRebuttals.find((x) => x.authorRole === 'environment');
      if (r) inc.rebuttalIds.push(statement(out, t, inc, r, 'weibo', [inc.figures.points, inc.figures.samples]).id);
    });
    once('update', 40, () => {
      const u = byStage('update').find((s) => s.authorRole === 'emergency');
      if (u) say(u, 'weibo');
    });
    once('health', 46, () => {
      const h = corpus.officialIncidentStatements.find((s) => s.authorRole === 'health');
      if (h) say(h, 'weibo');
    });
    once('press-conference-notice', 55, () => {
      const p = byStage('press-conference').find((s) => s.kind === 'post');
      if (p) say(p, 'weibo');
    });
    once('press-conference', 75, () => {
      const p = byStage('press-conference').find((s) => s.kind === 'article');
      if (p) say(p, 'wechat');
    });
    once('rebuttal-police', INCIDENT.rebuttal + 15, () => {
      const r = corpus.officialRebuttals.find((x) => x.authorRole === 'police');
      if (r) statement(out, t, inc, r, 'weibo', [inc.figures.points, inc.figures.samples]);
    });
    once('continuing', 95, () => {
      const c = byStage('continuing')[0];
      if (c) say(c, 'weibo');
    });
  }

  function incidentTick(out: DemoMention[], t: number) {
    if (t < firstIncidentAt) return;
    const cycle = Math.floor((t - firstIncidentAt) / cycleMs);
    const inc = incidentFor(cycle);
    const min = (t - inc.startsAt) / 60_000;
    if (min > INCIDENT.end + 1) return;
    scheduled(out, t, inc, min);
    for (let n = poisson(incidentRate(min)); n > 0; n--) {
      crowd(out, t + Math.floor(rand() * 1000), inc, pick(phaseFor(min).templates), 'incident', inc.roots, min < 4 ? 0.2 : 0.45);
    }
    const rumorN = poisson(rumorRate(min));
    for (let n = 0; n < rumorN; n++) {
      const afterRebuttal = min >= INCIDENT.rebuttal;
      const roll = rand();
      const skepticalShare = afterRebuttal ? 0.6 : 0.1 + 0.3 * ((min - INCIDENT.rumorStart) / (INCIDENT.rebuttal - INCIDENT.rumorStart));
      const tt = t + Math.floor(rand() * 1000);
      if (inc.rumorRoots.length && roll < skepticalShare) {
        crowd(out, tt, inc, pick(corpus.skepticalReplies), 'rumor', inc.rumorRoots, 0.9);
      } else if (inc.rumorRoots.length && roll < skepticalShare + (afterRebuttal ? 0.1 : 0.25)) {
        crowd(out, tt, inc, pick(corpus.believingReplies), 'rumor', inc.rumorRoots, 0.9);
      } else {
        crowd(out, tt, inc, pick(corpus.rumorTemplates), 'rumor', inc.rumorRoots, 0.5);
      }
    }
  }

  function routineTick(out: DemoMention[], t: number) {
    // About one routine government post every six minutes, from the first incident city's accounts.
    if (rand() >= 1 / 360) return;
    const post = pick(corpus.routineOfficialPosts);
    const account = accountFor(post.role, post.platforms[0]) ?? corpus.officialAccounts[0]!;
    const city = incidentFor(Math.max(0, Math.floor((t - firstIncidentAt) / cycleMs))).city;
    emit(out, {
      platform: account.platform,
      kind: post.kind,
      text: fill(post.text, t, { city }),
      ...(post.title ? { title: fill(post.title, t, { city }) } : {}),
      time: t,
      author: official(account, city),
      demo: { stream: 'official', sentiment: 'neutral' },
    });
  }

  function hourOf(t: number): number {
    return Number(hourFormat.format(new Date(t))) % 24;
  }

  return {
    until(until: number): DemoMention[] {
      const out: DemoMention[] = [];
      while ((tick + 1) * 1000 <= until) {
        const t0 = tick * 1000;
        const tickOut: DemoMention[] = [];
        const n = poisson(options.rate * DAILY_RHYTHM[hourOf(t0)]!);
        for (let i = 0; i < n; i++) background(tickOut, t0 + Math.floor(rand() * 1000));
        incidentTick(tickOut, t0);
        routineTick(tickOut, t0 + Math.floor(rand() * 1000));
        tickOut.sort((a, b) => a.time - b.time || (a.id < b.id ? -1 : 1));
        out.push(...tickOut);
        tick++;
      }
      return out;
    },
    cursor: () => tick * 1000,
  };
}

/** The mention as sent to ingest (without the generator's own notes). */
export function toMentionInput(m: DemoMention): Record<string, unknown> {
  const { demo: _demo, ...mention } = m;
  return mention;
}
