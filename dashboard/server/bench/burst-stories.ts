/**
 * New stories for `bench detect`: each burst is one made-up event in a
 * made-up place (so its words are new to the stream), told in several
 * wordings by many people. Texts written for the project.
 */

const SYLLABLES = ['青', '石', '云', '河', '桃', '柳', '松', '梅', '金', '玉', '凤', '龙', '溪', '岭', '湾', '塘', '坪', '源', '阳', '安', '丰', '泰', '宁', '兴'];
const SUFFIXES = ['镇', '乡', '村', '街道', '社区'];

/** A place name unlikely to be in the stream already (seeded, three syllables). */
export function madeUpPlace(rand: () => number): string {
  const s = () => SYLLABLES[Math.floor(rand() * SYLLABLES.length)]!;
  return `${s()}${s()}${s()}${SUFFIXES[Math.floor(rand() * SUFFIXES.length)]!}`;
}

export const STORY_FAMILIES: readonly (readonly string[])[] = [
  [
    '{place}一座人行桥突然垮塌，桥上好像有人掉进河里了，消防正在搜救',
    '刚路过{place}，那座桥塌了一半，好多人在围观，救护车也来了',
    '{place}桥梁垮塌现场，河里全是碎石，希望没有人受伤',
    '有人知道{place}那座桥为什么会塌吗？前几天还有车在上面走',
    '{place}塌桥了，家里人说听到一声巨响，整条街都在震',
  ],
  [
    '{place}农贸市场着火了，黑烟好大，隔着几条街都能看到',
    '{place}市场那边火还没灭，消防车一辆接一辆，摊主们都跑出来了',
    '听说{place}市场起火是因为电线老化，里面的摊位全烧了',
    '{place}农贸市场大火，求平安，我家亲戚在里面卖菜',
    '在{place}拍到的，市场上空全是浓烟，空气里一股焦味',
  ],
  [
    '{place}一所小学好多学生午饭后呕吐腹泻，已经送医院了',
    '我家孩子在{place}小学，今天吃完午饭肚子疼，学校通知家长去接',
    '{place}学校食堂疑似食物中毒，几十个孩子在医院输液，家长都急疯了',
    '{place}小学集体食物中毒，食堂到底怎么管的？必须给个说法',
    '刚从{place}医院出来，急诊全是小学生，说是吃了学校的饭',
  ],
  [
    '{place}发生山体塌方，一段公路被埋，有车辆被困',
    '{place}塌方现场视频，半座山都滑下来了，太吓人了',
    '去{place}的路被塌方堵死了，前面说有两辆车在下面',
    '{place}山体滑坡，救援队正在挖掘，希望被困的人平安',
    '{place}塌方的地方上周就有人说有裂缝，为什么没人管',
  ],
  [
    '{place}一家工厂几百名工人拉横幅维权，说被拖欠了半年工资',
    '{place}工厂门口全是讨薪的工人，警察也来了，现场很乱',
    '我老公在{place}那个厂上班，半年没发工资了，今天大家一起去维权',
    '{place}工人讨薪事件，老板跑路了，工人们堵在厂门口不肯走',
    '有没有记者关注一下{place}工人维权的事，几百个家庭等着钱过年',
  ],
  [
    '{place}小区燃气泄漏，整栋楼都在疏散，空气里全是煤气味',
    '{place}燃气管道破了，消防让我们赶紧下楼，不要开灯不要打电话',
    '{place}煤气泄漏，好多人穿着睡衣站在楼下，太吓人了',
    '燃气公司的人到{place}了，说是施工挖断了管道',
    '{place}那边燃气泄漏还没处理完，整条路都封了，绕行吧',
  ],
];

/** Texts of one burst: a family of wordings about one place. */
export function burstTexts(family: number, place: string): string[] {
  return STORY_FAMILIES[family % STORY_FAMILIES.length]!.map((t) => t.replaceAll('{place}', place));
}

/** One injected story: where and when it starts, and what became of it. */
export interface Burst {
  index: number;
  /** Its mentions' ids start with this, so an alert can be traced back to it. */
  prefix: string;
  startAt: number;
  texts: string[];
  place: string;
  sent: number;
  /** The 10th mention's own (event) time. */
  tenthTime?: number;
}

const RAMP_MS = 3 * 60_000;
const HOLD_MS = 3 * 60_000;
const DECAY_MS = 2 * 60_000;

/** Mentions per minute of a burst `age` ms after it started: 0 → peak in 3 min, 3 min at the peak, down in 2. */
export function burstRate(age: number, peak: number): number {
  if (age < 0) return 0;
  if (age < RAMP_MS) return (peak * age) / RAMP_MS;
  if (age < RAMP_MS + HOLD_MS) return peak;
  if (age < RAMP_MS + HOLD_MS + DECAY_MS) return peak * (1 - (age - RAMP_MS - HOLD_MS) / DECAY_MS);
  return 0;
}

/**
 * `count` bursts at random times after the warm-up, each with its own place
 * and its own kind of story (two bursts told in the same words at the same
 * time are one event by their text, whatever the place; past six, kinds
 * repeat), sorted by start. The same seed gives the same plan.
 */
export function planBursts(rand: () => number, o: { count: number; t0: number; minutes: number; warmupMinutes: number }): Burst[] {
  const latest = o.minutes * 60_000 - RAMP_MS - HOLD_MS;
  const earliest = o.warmupMinutes * 60_000;
  if (latest <= earliest) throw new Error('--minutes must leave room for the warm-up and a burst (at least warm-up + 6 minutes)');
  const bursts: Burst[] = Array.from({ length: o.count }, (_, i) => ({
    index: i,
    prefix: `burst${i}-`,
    startAt: o.t0 + earliest + Math.floor(rand() * (latest - earliest)),
    place: '',
    texts: [],
    sent: 0,
  }));
  const families = STORY_FAMILIES.map((_, i) => i);
  for (let i = families.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [families[i], families[j]] = [families[j]!, families[i]!];
  }
  for (const b of bursts) {
    b.place = madeUpPlace(rand);
    b.texts = burstTexts(families[b.index % families.length]!, b.place);
  }
  return bursts.sort((a, b) => a.startAt - b.startAt);
}

export interface BurstMention {
  platform: string;
  id: string;
  text: string;
  time: string;
  author: { id: string; name: string };
}

/**
 * The bursts' mentions for the tick (now − tickMs, now], at each burst's rate
 * (fractions carried to the next tick), and the bursts whose 10th mention is
 * among them.
 */
export class BurstFeed {
  private readonly carry = new Map<Burst, number>();

  constructor(
    readonly bursts: Burst[],
    private readonly peakPerMinute: number,
    private readonly rand: () => number,
  ) {}

  tick(now: number, tickMs: number): { mentions: BurstMention[]; tenth: Burst[] } {
    const mentions: BurstMention[] = [];
    const tenth: Burst[] = [];
    for (const b of this.bursts) {
      const want = (burstRate(now - b.startAt, this.peakPerMinute) * tickMs) / 60_000 + (this.carry.get(b) ?? 0);
      const n = Math.floor(want);
      this.carry.set(b, want - n);
      for (let i = 0; i < n; i++) {
        const m: BurstMention = {
          platform: this.rand() < 0.7 ? 'weibo' : 'douyin',
          id: `${b.prefix}${b.sent}`,
          text: b.texts[Math.floor(this.rand() * b.texts.length)]!,
          time: new Date(now - Math.floor(this.rand() * tickMs)).toISOString(),
          author: { id: `bu${b.index}-${Math.floor(this.rand() * 1e6)}`, name: '网友' },
        };
        mentions.push(m);
        if (++b.sent === 10) {
          tenth.push(b);
          b.tenthTime = Date.parse(m.time);
        }
      }
    }
    return { mentions, tenth };
  }

  /** The burst an alert is about, by the ids of its first and sample mentions. */
  burstOf(alert: { first_mentions: { id: string }[]; samples: { id: string }[] }): Burst | undefined {
    const ids = [...alert.first_mentions, ...alert.samples].map((m) => m.id);
    return this.bursts.find((b) => ids.some((id) => id.startsWith(b.prefix)));
  }
}
