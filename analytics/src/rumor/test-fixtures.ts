import type { Cascade } from '../eval/datasets';

/**
 * Constructed cascades for the rumor tests. Every text here was written for
 * the project; none comes from a dataset.
 */

const T0 = Date.parse('2024-05-01T10:00:00+08:00');
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

export type Reaction = Cascade['reactions'][number];

/** A reaction `minutes` after the post. */
export function reaction(id: string, minutes: number, text = '', parent: string | null = null, author = `u-${id}`): Reaction {
  return { id, parent, kind: 'repost', author_id: author, time: at(minutes), text };
}

export function cascade(text: string, reactions: Reaction[] = [], post: Partial<Cascade['post']> = {}, label?: Cascade['label']): Cascade {
  return { id: `t-${text.length}-${reactions.length}`, label, post: { id: 'P', text, time: at(0), ...post }, reactions };
}

/** An unverified, new account passing on hearsay, with doubting and refuting replies along repost chains. */
export function rumorLike(): Cascade {
  return cascade(
    '紧急扩散！！！听朋友说，明天全市自来水有毒，千万别喝！转发救人！',
    [
      reaction('a', 3, '真的假的？'),
      reaction('b', 5, '@小王 快看', 'a'),
      reaction('c', 8, '谣言，水务集团已经辟谣了', 'b'),
      reaction('d', 12, '假的吧，有证据吗', 'c'),
      reaction('e', 15, '太可怕了，扩散', 'd'),
      reaction('f', 20, '求证', 'e'),
      reaction('g', 40, '又是老谣言', 'f'),
      reaction('h', 50, '', 'g'),
    ],
    {
      author: { verified: false, verified_type: -1, followers: 35, friends: 400, statuses: 20, location: '其他', has_description: false, created: at(-10 * 24 * 60) },
      pics: 1,
      has_url: false,
    },
  );
}

/** A police account's incident report, rebroadcast directly by many readers. */
export function officialLike(): Cascade {
  return cascade(
    '【警情通报】5月1日9时许，我市滨江路发生一起两车相撞的交通事故，造成2人轻伤，伤者已送医救治。事故原因正在进一步调查中。',
    Array.from({ length: 12 }, (_, i) => reaction(`r${i}`, 2 + i * 3, ['辛苦了', '注意安全', '', '祝早日康复'][i % 4]!)),
    {
      author: { verified: true, verified_type: 1, followers: 2_500_000, friends: 300, statuses: 12_000, location: '浙江 杭州', has_description: true, created: at(-5 * 365 * 24 * 60) },
      pics: 1,
      has_url: true,
    },
  );
}

/** Deterministic toy training set: rumor-ish and news-ish posts built from small phrase lists. */
export function toyCorpus(n = 40): Cascade[] {
  const rumorOpen = ['网传', '听说', '朋友说', '据内部消息', '紧急扩散'];
  const rumorBody = ['超市的大米是塑料做的', '明天要地震了', '疫苗有问题', '自来水被污染了', '有人在学校门口抢孩子'];
  const newsOpen = ['【通报】', '【权威发布】', '【新闻】', '记者从市政府获悉，', '警方通报：'];
  const newsBody = ['全市新建三座公园', '地铁五号线今日开通', '高考报名工作启动', '夏季防汛演练完成', '道路维修工程顺利完工'];
  const out: Cascade[] = [];
  for (let i = 0; i < n; i++) {
    const rumor = i % 2 === 0;
    const k = Math.floor(i / 2);
    const text = rumor
      ? `${rumorOpen[k % 5]}${rumorBody[(k * 3) % 5]}，千万别不信！转给家里人！`
      : `${newsOpen[k % 5]}${newsBody[(k * 3) % 5]}。详情见官网。`;
    const reactions = Array.from({ length: 6 }, (_, j) =>
      reaction(`${i}-${j}`, 5 + j * 7, rumor ? ['真的假的', '谣言吧', '扩散', ''][j % 4]! : ['好消息', '点赞', '', '支持'][j % 4]!, rumor && j > 0 ? `${i}-${j - 1}` : null),
    );
    const c = cascade(text, reactions, {
      author: rumor
        ? { verified: false, verified_type: -1, followers: 100 + k * 13, location: k % 3 === 0 ? '其他' : '广东 广州' }
        : { verified: true, verified_type: k % 2 ? 1 : 3, followers: 100_000 + k * 1000, location: '北京' },
    }, rumor ? 'rumor' : 'non-rumor');
    c.id = `toy-${i}`;
    out.push(c);
  }
  return out;
}
