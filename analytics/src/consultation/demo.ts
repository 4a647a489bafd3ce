import { seededRandom, type ConsultationInput, type MentionInput } from '@fenghuo/shared';

/**
 * The demo consultation, written for the project: the fictional 江城市's
 * draft on central-district parking fees (five articles), its collecting
 * posts on Weibo and WeChat, and a few hundred citizens' comments across
 * platforms: support, opposition and suggestions about night fees, the
 * hospital and school zones, free minutes, supply of spaces, and one
 * coordinated campaign (the same text from twelve accounts in 40 minutes).
 */

export const DEMO_CONSULTATION_POSTS = { weibo: 'jc-parking-consult-wb', wechat: 'jc-parking-consult-wx' } as const;
export const DEMO_CONSULTATION_TITLE = '关于调整中心城区停车收费标准的征求意见稿';
const DAY = 86_400_000;

export function demoConsultationInput(now: number): ConsultationInput {
  return {
    title: DEMO_CONSULTATION_TITLE,
    office: '江城市发展和改革委员会',
    summary: '为缓解中心城区停车难、停车乱，引导错时停车和公共交通出行，拟调整中心城区机动车停放服务收费标准，现公开征求社会意见。',
    sections: [
      { id: 's1', title: '第一条 适用范围', text: '本标准适用于中心城区道路临时泊位、公共停车场和配建停车场的机动车停放服务收费。' },
      { id: 's2', title: '第二条 分区收费', text: '中心城区划分为一类区域和二类区域。一类区域包括商业中心、医院和学校周边，白天每小时收费8元；二类区域每小时收费5元。' },
      { id: 's3', title: '第三条 夜间收费', text: '夜间20时至次日8时道路泊位实行按次收费，每次收费5元；周边居民夜间停车可办理包月，每月150元。' },
      { id: 's4', title: '第四条 免费时长和优惠', text: '停放15分钟以内免费；新能源汽车首小时半价；残疾人驾驶的车辆免费停放。' },
      { id: 's5', title: '第五条 收费公示和监督', text: '收费单位应在显著位置公示收费标准和投诉电话，收费收入纳入财政管理，接受社会监督。' },
    ],
    channels: ['weibo', 'wechat', 'gov_board', 'douyin'],
    period: { start: now - 10 * DAY, end: now + 20 * DAY },
    post_ids: [DEMO_CONSULTATION_POSTS.weibo, DEMO_CONSULTATION_POSTS.wechat],
    keyword_rules: [{ all_of: ['停车'], any_of: ['收费', '征求意见'] }],
    status: 'open',
  };
}

/** Opinions with how often they come up; each is said in a few wordings. */
const OPINIONS: { weight: number; texts: string[] }[] = [
  { weight: 5, texts: ['夜间按次收费5元太贵了，居民晚上回家停车还要交钱', '夜间停车收费不合理，老小区没有车位只能停路边', '晚上在路边停一夜也收5元，居民负担太重了'] },
  { weight: 5, texts: ['建议夜间停车免费，方便老小区居民', '希望夜间包月价格降到100元，居民夜间停车能便宜点', '能否对周边居民夜间停车免费开放'] },
  { weight: 4, texts: ['医院周边划为一类区域不合理，看病的人本来就难', '建议医院周边首小时免费，病人家属停车太贵', '医院门口按一类区域收费，病人怎么办'] },
  { weight: 3, texts: ['学校周边接送孩子停几分钟也按一类区域收费吗', '希望学校周边上下学时段接送免费'] },
  { weight: 4, texts: ['15分钟免费时长太短，建议延长到30分钟', '免费时长能否延长一点，15分钟办不了事'] },
  { weight: 3, texts: ['新能源汽车半价，支持绿色出行', '残疾人车辆免费停放是好政策，点赞'] },
  { weight: 6, texts: ['支持调整，早该规范停车秩序了', '好政策，支持差别收费缓解拥堵', '赞成分区收费，中心城区太堵了', '支持，乱停车现象确实该管'] },
  { weight: 4, texts: ['反对涨价，停车费已经够高了', '变相涨价，不同意这个方案', '收费标准太高，不赞成'] },
  { weight: 4, texts: ['希望多建公共停车场，增加车位供给比涨价更重要', '建议在地铁站附近建设停车换乘，引导公交出行', '能否利用机关单位停车场夜间向居民开放'] },
  { weight: 3, texts: ['建议公开停车收费收入和去向，接受监督', '收费公示要到位，希望公布投诉电话'] },
  { weight: 1, texts: ['今天路过看到了', '转发了解一下'] },
];
const PREFIXES = ['', '', '', '我觉得', '说实话，', '作为老城区居民，'];
const SUFFIXES = ['', '。', '！', '，请认真考虑。', '，谢谢。'];
const CAMPAIGN_TEXT = '坚决反对停车收费上涨，这是与民争利，请立即撤回征求意见稿！';
const PLATFORMS = ['weibo', 'weibo', 'weibo', 'wechat', 'wechat', 'gov_board', 'douyin'] as const;

/** Demo comments, `count` opinions plus the campaign, in the ten days before `now` (fewer each day). */
export function demoConsultationComments(now: number, count = 300, seed = 9): MentionInput[] {
  const rand = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const total = OPINIONS.reduce((s, o) => s + o.weight, 0);
  const out: MentionInput[] = [];
  for (let i = 0; i < count; i++) {
    let r = rand() * total;
    const opinion = OPINIONS.find((o) => (r -= o.weight) < 0) ?? OPINIONS[0]!;
    const platform = pick(PLATFORMS);
    // Most comments come in the first days after the draft is published.
    const ago = (10 * DAY - 2 * 3_600_000) * Math.pow(rand(), 0.6);
    const time = Math.round(now - Math.max(60_000, ago));
    const text = `${pick(PREFIXES)}${pick(opinion.texts)}${pick(SUFFIXES)}`;
    const root = platform === 'weibo' || platform === 'wechat' ? DEMO_CONSULTATION_POSTS[platform] : undefined;
    const reply = root !== undefined;
    out.push({
      id: `consult-demo-${i}`,
      platform,
      kind: reply ? 'comment' : 'message',
      // Messages on the government board name the draft: the keyword rule links them.
      text: reply ? text : `关于停车收费征求意见：${text}`,
      time,
      ...(root ? { parent_id: root, root_id: root } : {}),
      author: { id: `citizen-p${i % 260}`, name: `市民${(i % 260) + 1}` },
    });
  }
  const campaignStart = now - 6 * DAY + 3 * 3_600_000;
  for (let k = 0; k < 12; k++) {
    out.push({
      id: `consult-demo-campaign-${k}`,
      platform: 'weibo',
      kind: 'comment',
      text: CAMPAIGN_TEXT,
      time: campaignStart + k * 200_000,
      parent_id: DEMO_CONSULTATION_POSTS.weibo,
      root_id: DEMO_CONSULTATION_POSTS.weibo,
      author: { id: `acct-x${k}`, name: `用户x${k}` },
    });
  }
  return out;
}

/** The collecting posts themselves (not comments). */
export function demoConsultationPosts(now: number): MentionInput[] {
  return (['weibo', 'wechat'] as const).map((platform) => ({
    id: DEMO_CONSULTATION_POSTS[platform],
    platform,
    kind: 'post' as const,
    text: `【征求意见】${DEMO_CONSULTATION_TITLE}，欢迎在评论区留言提出意见建议。`,
    time: now - 10 * DAY + 3_600_000,
    author: { id: platform === 'weibo' ? 'jc-fabu-wb' : 'jc-fabu-wx', name: '江城发布', official: true },
  }));
}
