/**
 * Test support: analysed mentions made from text the way ingest enriches
 * them (jieba tokens, keywords, SimHash), and a small synthetic stream of
 * everyday chatter and new stories. Texts written for the tests.
 */
import { gazetteer, keywords, segment, segmenter, simhash, type Segmenter } from '@fenghuo/shared/text';
import { seededRandom } from '@fenghuo/shared';
import type { EngineDeps, AnalyzedMention } from './types';

let seg: Segmenter | undefined;
let skip: Set<string> | undefined;

export function engineDeps(): EngineDeps {
  seg ??= segmenter();
  const places = gazetteer();
  return { idf: seg.idf, isPlace: (t) => places.byName.has(t), partOfSpeech: seg.partOfSpeech };
}

export interface MentionSpec {
  id: string;
  time: number;
  text: string;
  platform?: string;
  kind?: string;
  author?: string;
  parent?: string;
  province?: string;
  sentiment?: 'positive' | 'negative' | 'neutral';
  official?: boolean;
}

export function mention(s: MentionSpec): AnalyzedMention {
  seg ??= segmenter();
  skip ??= new Set(seg.stopwords);
  const t = segment(s.text, seg, skip);
  return {
    key: `${s.platform ?? 'weibo'}:${s.id}`,
    platform: s.platform ?? 'weibo',
    id: s.id,
    kind: s.kind ?? (s.parent ? 'comment' : 'post'),
    time: s.time,
    text: s.text,
    title: '',
    url: '',
    authorId: s.author ?? `u-${s.id}`,
    authorName: '',
    authorFollowers: 100,
    authorVerified: Boolean(s.official),
    authorVerifiedType: s.official ? 1 : -1,
    authorLocation: '',
    authorOfficial: Boolean(s.official),
    parentId: s.parent ?? '',
    rootId: s.parent ?? '',
    reposts: 0,
    comments: 0,
    likes: 0,
    province: s.province ?? '',
    city: '',
    tokenCount: t.tokens.length,
    keywords: keywords(t.tokens, seg),
    simhash: BigInt(simhash(t.tokens, seg)),
    sentimentLabel: s.sentiment ?? 'neutral',
    ingestedAt: s.time,
  };
}

const PLACES = ['北京市', '上海市', '广东省', '四川省', '湖北省', '江苏省', '浙江省', '山东省', '河南省', '陕西省'];
const ROADS = ['人民路', '解放路', '中山路', '建设路', '和平路', '新华路', '胜利路', '光明路'];

/** Everyday chatter: topics that are always there, each in a few wordings. */
export const BACKGROUND: readonly string[] = [
  '{road}早高峰又堵了半个小时，打工人太难了',
  '今天{road}一路绿灯，二十分钟就到公司了，运气真好',
  '小区楼下新开了一家面馆，牛肉面真的好吃，还送了一碗汤',
  '周末带孩子去植物园，人不多，风景也好，推荐大家去',
  '宠物医院一次检查花了两千多，什么病也没说清楚，有点后悔',
  '老年大学报名秒没，我妈守了一晚上还是没抢到名额',
  '办事大厅的工作人员很耐心，材料不全还教我怎么补，点赞',
  '小区停车费说涨就涨，一个月又多了一百，物业也不解释',
  '今天的天也太蓝了吧，随手一拍都是壁纸',
  '下了一场雨凉快多了，终于可以开着窗睡觉了',
  '网上买的冰箱送到家外壳凹了一块，客服让我自己拍视频举证',
  '演唱会门票开票一秒就没了，转头黄牛加价三倍，这合理吗',
  '社区卫生服务中心今天免费测血压血糖，十来分钟就好了',
  '垃圾分类做了半年，楼道干净多了，就是早上排队扔垃圾有点久',
  '学校门口放学时间堵成一锅粥，能不能安排交警疏导一下',
  '地铁新线开通了，上班从一个小时缩短到二十五分钟',
  '健身房年卡办了三个月就跑路了，钱还能要回来吗',
  '夜市的烤冷面和臭豆腐，吃完一条街才二十块钱',
  '图书馆新装修了，座位多了一倍，周末也不用抢位置了',
  '快递柜超时收费太不合理了，晚取一会儿就要交钱',
];

/** A new story in several wordings (its words are new to the stream). */
export const STORY: readonly string[] = [
  '青石镇水库大坝出现裂缝，下游村民连夜转移，现场有武警在抢险',
  '听说青石镇水库大坝裂了，下游好几个村子都在转移，有人知道情况吗',
  '青石镇水库大坝抢险现场视频，裂缝看着好吓人，希望大家平安',
  '朋友在青石镇，说水库大坝那边全是抢险的车，下游村民都撤了',
  '青石镇水库大坝裂缝最新消息：下游转移群众已经安置到学校',
];

/** A rumor about the story: unverifiable sourcing and urgency. */
export const RUMOR: readonly string[] = [
  '紧急扩散！网传青石镇水库大坝已经垮了，洪水马上冲进县城，赶紧往高处跑！',
  '据说青石镇水库大坝溃坝了，内部消息说县城今晚会被淹，转发救人！',
  '朋友说青石镇水库大坝已经决口，县城的人赶紧撤离，千万别等官方通知！',
];

export interface StreamOptions {
  start: number;
  minutes: number;
  /** Background mentions per minute. */
  perMinute: number;
  seed?: number;
  /** Bursts: texts posted at a rising rate from `at` (minutes after start). */
  bursts?: { at: number; texts: readonly string[]; peakPerMinute: number; rampMinutes?: number; minutes?: number; province?: string; prefix: string }[];
}

/** Background at a steady rate plus bursts that rise from zero to their peak. */
export function syntheticStream(o: StreamOptions): AnalyzedMention[] {
  const rand = seededRandom(o.seed ?? 1);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const out: AnalyzedMention[] = [];
  let n = 0;
  for (let minute = 0; minute < o.minutes; minute++) {
    for (let i = 0; i < o.perMinute; i++) {
      const time = o.start + minute * 60_000 + Math.floor(rand() * 60_000);
      const text = pick(BACKGROUND).replace('{road}', pick(ROADS));
      out.push(mention({ id: `bg${n++}`, time, text, province: pick(PLACES), author: `a${Math.floor(rand() * 5000)}` }));
    }
    for (const b of o.bursts ?? []) {
      const age = minute - b.at;
      if (age < 0 || age >= (b.minutes ?? 20)) continue;
      const ramp = b.rampMinutes ?? 5;
      const rate = Math.round(b.peakPerMinute * Math.min(1, (age + 1) / ramp));
      for (let i = 0; i < rate; i++) {
        const time = o.start + minute * 60_000 + Math.floor(rand() * 60_000);
        out.push(mention({ id: `${b.prefix}${n++}`, time, text: pick(b.texts), province: b.province ?? '湖北省', author: `s${Math.floor(rand() * 100000)}` }));
      }
    }
  }
  return out.sort((a, b) => a.time - b.time || (a.key < b.key ? -1 : 1));
}
