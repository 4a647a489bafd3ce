/**
 * Rumor scenario: after the explosion, the demo city's tap water is said to be contaminated.
 * All texts written for the project; every rumor claim here is fictional and false.
 */
import type { OfficialRebuttal, Platform, ScenarioTemplate } from './types';

/** Placeholders that rumor texts and replies may use. */
export const rumorPlaceholders: readonly string[] = [
  'city', 'district', 'park', 'company', 'community', 'road', 'hospital', 'nickname', 'num', 'time', 'date', 'hashtag',
];

/** Placeholders that official rebuttals may use. */
export const rebuttalPlaceholders: readonly string[] = [
  'city', 'district', 'park', 'company', 'date', 'time', 'num', 'num2',
];

/** Cue phrases typical of the rumor (useful for rumor-detection rules and tests). */
export const rumorCues: readonly string[] = [
  '网传', '紧急扩散', '扩散周知', '据内部消息', '朋友在水厂上班', '转发救人', '千万别喝', '转给家里人',
  '上面不让说', '官方在压消息', '宁可信其有', '收到请回复', '重要的事说三遍', '懂的都懂',
  '据说', '群里消息', '紧急通知', '救一家人', '别喝', '囤水', '同学在', '朋友在', '不让公开', '危言耸听',
];

/** Cue phrases typical of doubt and debunking. */
export const debunkCues: readonly string[] = [
  '真的假的', '有官方消息吗', '别传谣', '已辟谣', '已经辟谣', '求证', '这图是旧的', '别造谣', '检测报告',
  '不信谣', '不传谣', '造谣', '谣言', '辟谣', '来源', '证据', '旧图', '是旧的', '监测数据', '查了',
  '官方已经', '官方早就', '水质正常', '都正常', 'P的', '内部', '求解', '懂行',
];

/** Event hashtags suited to {hashtag} in rumor texts. */
export const rumorHashtags: readonly string[] = [
  '#{city}自来水#', '#{city}自来水能喝吗#', '#{city}爆炸#', '#{city}水污染#', '#{city}辟谣#',
];

const WB: readonly Platform[] = ['weibo'];
const WX: readonly Platform[] = ['wechat'];
const DY: readonly Platform[] = ['douyin'];
const WB_WX: readonly Platform[] = ['weibo', 'wechat'];
const WB_TT: readonly Platform[] = ['weibo', 'toutiao'];
const WB_DY: readonly Platform[] = ['weibo', 'douyin'];
const ALL_SOCIAL: readonly Platform[] = ['weibo', 'wechat', 'douyin', 'toutiao'];

export const rumorTemplates: readonly ScenarioTemplate[] = [
  { platforms: WB_WX, sentiment: 'negative', text: '紧急扩散！！！{park}爆炸后有毒物质流进了水源，{city}自来水被污染了，千万别喝！！！转给家里人！！！' },
  { platforms: WB_WX, sentiment: 'negative', text: '据内部消息，{city}自来水厂已经检测出有毒物质，只是还没对外公布，这几天大家先别喝自来水，买桶装水！' },
  { platforms: WB_WX, sentiment: 'negative', text: '朋友在水厂上班说，爆炸以后水里检测出苯超标，上面不让说，大家自己注意！！' },
  { platforms: WB, sentiment: 'negative', text: '网传{park}的化学品顺着排水沟流进了江里，下游就是取水口，今天的自来水千万别喝' },
  { platforms: WX, sentiment: 'negative', text: '【紧急通知】{district}全区自来水{time}起停止饮用，烧开也没用！请互相转告！' },
  { platforms: WB, sentiment: 'negative', text: '转给家里人//@{nickname}: 千万别喝！//@{nickname}: 我同学在水务局，说水已经被污染了，官方在压消息' },
  { platforms: WB_DY, sentiment: 'negative', text: '家人们！今天的自来水有一股刺鼻的味道，肯定是被爆炸污染了！别喝别喝别喝！！！' },
  { platforms: WX, sentiment: 'negative', text: '刚收到{community}小区物业群通知：自来水受化工污染，暂停饮用，恢复时间另行通知。' },
  { platforms: WB_WX, sentiment: 'negative', text: '转发救人！{city}自来水有毒，已经有人喝了被送进{hospital}了！！' },
  { platforms: WB, sentiment: 'negative', text: '据说{company}爆炸后有几十吨化学品泄漏，已经渗进地下水了，井水、自来水都不能用' },
  { platforms: WX, sentiment: 'negative', text: '我二姨在疾控中心，说这几天千万别喝自来水，洗澡也尽量少用，会皮肤过敏' },
  { platforms: WB_WX, sentiment: 'negative', text: '{city}的朋友们注意：爆炸后自来水里查出了氰化物，一定不要喝，做饭也要用矿泉水！！' },
  { platforms: DY, sentiment: 'negative', text: '水龙头放出来的水是黄的，还有怪味，{district}的你们家也这样吗？是不是被爆炸污染了😱 {hashtag}' },
  { platforms: WB, sentiment: 'negative', text: '超市的矿泉水都被抢空了，听说水厂的人自己都不喝自来水，你们还敢喝吗？' },
  { platforms: WB_WX, sentiment: 'negative', text: '紧急！！！{city}所有水厂已经关闭取水口，今晚可能全城停水，赶紧接水囤水！' },
  { platforms: WB, sentiment: 'negative', text: '千万别喝！千万别喝！千万别喝！重要的事说三遍，{city}自来水被污染了！' },
  { platforms: WB, sentiment: 'negative', text: '//@{nickname}: 宁可信其有 //@{nickname}: 网传{city}水源被爆炸污染，家里有老人孩子的一定注意' },
  { platforms: WB_WX, sentiment: 'negative', text: '{hospital}的医生朋友说，今天已经收了好几个喝自来水中毒的，上吐下泻，大家小心' },
  { platforms: WB_TT, sentiment: 'negative', text: '{park}离水源地才{num}公里，这么大的爆炸，水怎么可能没被污染？官方不说不代表没事' },
  { platforms: WX, sentiment: 'negative', text: '群里消息：水务集团内部已经下发通知，员工家属不要饮用自来水。外面的人都还不知道！' },
  { platforms: WX, sentiment: 'negative', text: '扩散周知：{date}之前{city}的自来水不要直接饮用，烧开也不行，有毒物质高温不分解' },
  { platforms: WB_WX, sentiment: 'negative', text: '朋友在环保局，说水质监测数据很吓人，但是不让公开，大家自己保护好自己吧🙏' },
  { platforms: WB_DY, sentiment: 'negative', text: '看看这张图，江面上全是死鱼，就是爆炸以后排出来的化学品，这水还能喝？' },
  { platforms: WX, sentiment: 'negative', text: '收到请回复！{district}自来水受到化工污染，请勿饮用，已转家族群' },
  { platforms: WB, sentiment: 'negative', text: '不是危言耸听，{company}用的就是剧毒原料，爆炸后全漏进了下水道，下水道连着江' },
  { platforms: WX, kind: 'article', sentiment: 'negative', title: '重要提醒：爆炸之后，自来水暂时别喝了！', text: '各位亲朋好友：据内部消息，{park}爆炸后大量化学物质进入河道，{city}部分水厂取水口已受影响，官方为了避免恐慌暂时没有公布。建议大家近期饮用桶装水或瓶装水，洗菜做饭也尽量不用自来水。宁可信其有，不可信其无，请转发给你关心的人！' },
  { platforms: WB, sentiment: 'negative', text: '刚问了在水厂的同学，他沉默了半天，就回了一句“你们买点水吧”，懂的都懂' },
  { platforms: WB_WX, sentiment: 'negative', text: '{community}小区已经有人喝了自来水以后头晕恶心，救护车都来了，千万别喝啊！！' },
  { platforms: WB, sentiment: 'negative', text: '网传截图：“{city}水务紧急通知：受化工事故影响，全市暂停供水{num}小时。”大家赶紧储水' },
  { platforms: DY, sentiment: 'negative', text: '实测自来水！滴了几滴试剂马上变色，大家自己看😨 这水你还敢喝吗？' },
  { platforms: WX, sentiment: 'negative', text: '据内部消息，明天就会发停水通知，今晚是最后接干净水的机会，快告诉家里人！' },
  { platforms: WB_WX, sentiment: 'negative', text: '紧急扩散‼️ {city}自来水被化工厂污染，孕妇和小孩千万别碰！转发一次，救一家人！' },
  { platforms: WB, sentiment: 'negative', text: '转给家里人 //@{nickname}: 转发救人 //@{nickname}: 爆炸后水源被污染，千万别喝自来水！' },
  { platforms: WB_TT, sentiment: 'negative', text: '你们没发现官方只说空气没问题，一个字都不提水吗？这还不说明问题？' },
];

export const skepticalReplies: readonly ScenarioTemplate[] = [
  { platforms: ALL_SOCIAL, kind: 'comment', sentiment: 'neutral', text: '真的假的？有官方消息吗？' },
  { platforms: ALL_SOCIAL, kind: 'comment', sentiment: 'neutral', text: '求证一下，这消息到底是哪来的？' },
  { platforms: WB_TT, kind: 'comment', sentiment: 'negative', text: '别传谣了，水务集团刚发了检测报告，水质全部达标' },
  { platforms: ALL_SOCIAL, kind: 'comment', sentiment: 'neutral', text: '已经辟谣了，官方说自来水一切正常，大家别慌' },
  { platforms: WB, kind: 'comment', sentiment: 'negative', text: '这图是旧的，好几年前外地的新闻配图，识图一搜就出来了' },
  { platforms: WB_WX, kind: 'comment', sentiment: 'neutral', text: '“朋友在水厂上班”开头的消息，十条有九条是假的' },
  { platforms: WB, kind: 'comment', sentiment: 'neutral', text: '{park}在取水口下游好吗？水往低处流，怎么可能流到上游去' },
  { platforms: WB, kind: 'comment', sentiment: 'negative', text: '我就在水厂上班，水质正常，我们全家都在喝，别造谣了' },
  { platforms: WB_TT, kind: 'comment', sentiment: 'negative', text: '别造谣了，水务集团发了检测报告，各项指标都符合国家标准' },
  { platforms: WB, kind: 'comment', sentiment: 'negative', text: '造谣是违法的，网警已经在查了，劝你赶紧删' },
  { platforms: ALL_SOCIAL, kind: 'comment', sentiment: 'neutral', text: '有通知原文吗？哪个部门发的？没有来源的消息就别转了' },
  { platforms: WB, kind: 'comment', sentiment: 'neutral', text: '又是“据内部消息”，内部到底是哪个内部？' },
  { platforms: WB, kind: 'comment', sentiment: 'neutral', text: '水发黄是管道检修冲洗造成的，跟爆炸没关系，我们{community}以前也这样' },
  { platforms: WB_TT, kind: 'comment', sentiment: 'neutral', text: '这种时候最怕的就是谣言，大家等官方通报，别自己吓自己' },
  { platforms: WB, kind: 'comment', sentiment: 'negative', text: '请转发的人拿出证据来，不然就是在制造恐慌' },
  { platforms: WB_TT, kind: 'comment', sentiment: 'neutral', text: '刚看了生态环境局公布的监测数据，水源地各项指标都正常' },
  { platforms: WB_DY, kind: 'comment', sentiment: 'negative', text: '死鱼那张图明明是几年前的旧图，别再转了' },
  { platforms: WB, kind: 'comment', sentiment: 'neutral', text: '我家一直在喝，什么事都没有。楼主你到底是从哪听来的？' },
  { platforms: WB, kind: 'comment', sentiment: 'neutral', text: '超市的水是被谣言吓得抢空的，不是因为水真有问题' },
  { platforms: WX, kind: 'comment', sentiment: 'positive', text: '家族群里又在转这个了，我已经把辟谣链接发进去了，长辈们总算放心了' },
  { platforms: WB_TT, kind: 'comment', sentiment: 'negative', text: '氰化物？这家企业根本不生产这个东西，转之前能不能查查' },
  { platforms: WB, kind: 'comment', sentiment: 'negative', text: '都什么年代了，还信“千万别喝，转发救人”这一套' },
  { platforms: WB_TT, kind: 'comment', sentiment: 'neutral', text: '建议直接打12345问一下，比在这里瞎猜有用' },
  { platforms: WB, kind: 'comment', sentiment: 'positive', text: '查了一下，{city}水务集团官方账号一小时前发了说明，水是安全的，放心吧' },
  { platforms: WB, kind: 'comment', sentiment: 'neutral', text: '有图有真相？图呢？别光嘴上说' },
  { platforms: ALL_SOCIAL, kind: 'comment', sentiment: 'neutral', text: '官方已经公布监测结果了，都正常，再传就是造谣了' },
  { platforms: WB, kind: 'comment', sentiment: 'negative', text: '“上面不让说”这种话术太熟悉了，别上当' },
  { platforms: WB_TT, kind: 'comment', sentiment: 'neutral', text: '水厂有多道处理工艺和在线监测，真出问题会立刻发停水通知，不可能偷偷瞒着' },
  { platforms: WB, kind: 'comment', sentiment: 'positive', text: '打了自来水公司的客服电话，说水质检测正常，可以放心使用' },
  { platforms: WB_WX, kind: 'comment', sentiment: 'neutral', text: '谣言止于智者，转发之前先想一想' },
  { platforms: WB, kind: 'comment', sentiment: 'negative', text: '截图里那个“紧急通知”，落款和格式都不对，一看就是P的' },
  { platforms: WB_TT, kind: 'comment', sentiment: 'neutral', text: '爆炸影响的是空气还是水，得看监测数据，不是靠猜' },
  { platforms: WB, kind: 'comment', sentiment: 'neutral', text: '{date}的检测报告我看了，浑浊度、余氯都在标准范围内' },
  { platforms: WB, kind: 'comment', sentiment: 'negative', text: '这个账号昨天还在卖净水器，今天就说自来水有毒，懂了吧' },
  { platforms: ALL_SOCIAL, kind: 'comment', sentiment: 'positive', text: '辟谣了辟谣了！水务集团和生态环境局都发了说明，水没问题' },
  { platforms: WB_DY, kind: 'comment', sentiment: 'positive', text: '我在{district}，刚接了一杯水，清清亮亮没有异味，大家别恐慌' },
  { platforms: WB, kind: 'comment', sentiment: 'neutral', text: '有没有懂行的出来说说？普通人真的分辨不了' },
  { platforms: WB, kind: 'comment', sentiment: 'neutral', text: '网警已经发通报了，造谣的人被行政拘留了，别再转了' },
  { platforms: WB, kind: 'comment', sentiment: 'negative', text: '你二姨在疾控，他同学在水务局，怎么谁都有个亲戚在“内部”' },
  { platforms: WB_WX, kind: 'comment', sentiment: 'negative', text: '又是“宁可信其有”，谣言就是这么传开的' },
  { platforms: WB_TT, kind: 'comment', sentiment: 'neutral', text: '转发之前能不能先搜一下？官方早就回应过了' },
  { platforms: WB_DY, kind: 'comment', sentiment: 'neutral', text: '这视频是旧的，水发黄那段是老小区管道冲洗时拍的' },
  { platforms: ALL_SOCIAL, kind: 'comment', sentiment: 'neutral', text: '不信谣，不传谣，等权威发布' },
  { platforms: WB, kind: 'comment', sentiment: 'neutral', text: '@{nickname} 你转的这条已经被辟谣了，赶紧删了吧' },
  { platforms: WX, kind: 'comment', sentiment: 'neutral', text: '妈，这个是谣言，水务集团已经发了检测结果，水可以正常喝' },
];

export const believingReplies: readonly ScenarioTemplate[] = [
  { platforms: ALL_SOCIAL, kind: 'comment', sentiment: 'negative', text: '天哪！已转发给家人了' },
  { platforms: WB_WX, kind: 'comment', sentiment: 'negative', text: '赶紧囤水！刚去超市抢了三箱矿泉水' },
  { platforms: WB, kind: 'comment', sentiment: 'negative', text: '吓死了，中午还喝了自来水泡的茶，现在胃有点不舒服😰' },
  { platforms: WB_WX, kind: 'comment', sentiment: 'negative', text: '宁可信其有，这几天先喝桶装水' },
  { platforms: WX, kind: 'comment', sentiment: 'negative', text: '已经转到家族群了，大家都注意一点' },
  { platforms: WB, kind: 'comment', sentiment: 'negative', text: '难怪今天的水有股怪味，原来是被污染了' },
  { platforms: WB_DY, kind: 'comment', sentiment: 'negative', text: '家里有小孩，不敢冒这个险，已经全部换成瓶装水了' },
  { platforms: WB_TT, kind: 'comment', sentiment: 'negative', text: '官方肯定不会说的，出这么大的事，水怎么可能没问题' },
  { platforms: WB, kind: 'comment', sentiment: 'negative', text: '楼下超市的水都被买光了，看来是真的' },
  { platforms: WX, kind: 'comment', sentiment: 'negative', text: '我妈已经把家里储水桶里的水全倒了，重新买了水' },
  { platforms: ALL_SOCIAL, kind: 'comment', sentiment: 'negative', text: '转发救人！谢谢提醒🙏' },
  { platforms: WB, kind: 'comment', sentiment: 'negative', text: '太可怕了，那洗澡是不是也不能用了？' },
  { platforms: WX, kind: 'comment', sentiment: 'negative', text: '刚给学校打电话问孩子喝的水有没有问题，老师也说不清楚' },
  { platforms: WB, kind: 'comment', sentiment: 'negative', text: '怪不得物业今天在群里说水压不稳，肯定有问题' },
  { platforms: WB, kind: 'comment', sentiment: 'negative', text: '我家就在{district}，现在连刷牙都不敢用自来水了' },
  { platforms: WB, kind: 'comment', sentiment: 'negative', text: '网上买的净水器什么时候才能到啊，急死了' },
  { platforms: WB_TT, kind: 'comment', sentiment: 'negative', text: '这种事老百姓永远是最后一个知道的，还是自己保护自己吧' },
  { platforms: WB, kind: 'comment', sentiment: 'negative', text: '已经通知公司同事了，今天中午食堂的汤大家都没敢喝' },
  { platforms: WB_WX, kind: 'comment', sentiment: 'negative', text: '赶紧去接几桶水存着，万一真停水就麻烦了' },
  { platforms: WB, kind: 'comment', sentiment: 'negative', text: '已经喝了两天了，会不会有什么后遗症？要不要去{hospital}查一下' },
  { platforms: WB, kind: 'comment', sentiment: 'negative', text: '老家的爸妈也看到了，打电话让我赶紧回去避一避' },
  { platforms: WB_WX, kind: 'comment', sentiment: 'negative', text: '不管真假先转了再说，万一是真的呢' },
  { platforms: WB_DY, kind: 'comment', sentiment: 'negative', text: '水烧开也没用吗？那做饭怎么办😭' },
  { platforms: WX, kind: 'comment', sentiment: 'negative', text: '家族群已经炸锅了，外婆让全家都别喝' },
  { platforms: WB, kind: 'comment', sentiment: 'negative', text: '怪不得这两天嗓子疼，原来是水的问题' },
  { platforms: WB, kind: 'comment', sentiment: 'negative', text: '已转！@{nickname} 快看，你家也在那边' },
  { platforms: WB_TT, kind: 'comment', sentiment: 'negative', text: '矿泉水都涨价了，一箱卖到六十，咬咬牙还是买了两箱' },
  { platforms: WX, kind: 'comment', sentiment: 'negative', text: '收到，谢谢提醒，已经告诉我们楼里的邻居了' },
];

export const officialRebuttals: readonly OfficialRebuttal[] = [
  {
    authorRole: 'water',
    kind: 'post',
    title: '关于网传“{city}自来水被爆炸污染”的情况说明',
    text: '近日，网传“{park}爆炸导致{city}自来水被污染，千万不要饮用”等信息。经核实，上述信息不实，系谣言。事故发生后，{city}水务集团立即启动供水安全应急预案，对水源地、各水厂出厂水及管网末梢水加密检测。{date}{time}检测结果显示，全市{num}座水厂出厂水和{num2}个管网末梢水采样点各项指标均符合《生活饮用水卫生标准》（GB 5749-2022），供水水质安全，全市供水正常，市民可放心使用。请广大市民不信谣、不传谣，以官方发布的信息为准。如有疑问，请拨打供水服务热线或12345咨询。',
  },
  {
    authorRole: 'environment',
    kind: 'article',
    title: '{city}生态环境局关于{park}爆炸事故周边水环境监测情况的通报',
    text: '事故发生后，{city}生态环境局第一时间组织监测人员赶赴现场，在事故周边水体、下游断面及集中式饮用水水源地布设{num}个监测点位，开展连续加密监测。截至{date}{time}，累计获得监测数据{num2}组。监测结果显示，事故周边地表水及全市集中式饮用水水源地各项监测指标均未见异常。事故处置过程中产生的消防废水已全部收集至园区应急事故池，未进入外部水体。网传“化学品流入水源地”“自来水检出剧毒物质”等说法与事实不符，系谣言。我局将持续开展监测并及时公布结果，请广大市民不信谣、不传谣。',
  },
  {
    authorRole: 'police',
    kind: 'post',
    title: '{city}公安局网安支队：依法查处一起编造传播涉爆炸事故谣言案件',
    text: '{date}，{city}公安局网安支队在网上巡查中发现，有网民在微信群和微博编造发布“{city}自来水被爆炸污染，已有人喝水中毒”等虚假信息，引发部分群众恐慌、抢购瓶装水。经查，网民王某某（男，32岁）为博取关注，在无任何事实依据的情况下编造上述信息并大量转发。目前，王某某对其违法事实供认不讳，公安机关已依据《中华人民共和国治安管理处罚法》对其处以行政拘留五日的处罚。警方提醒：网络不是法外之地，请广大网民不造谣、不信谣、不传谣，发现网络谣言可及时向公安机关举报。',
  },
  {
    authorRole: 'government',
    kind: 'post',
    title: '权威发布｜关于近期涉{park}爆炸事故网络谣言的澄清',
    text: '近日，网上出现多条涉{park}爆炸事故的不实信息，现澄清如下：一、网传“{city}自来水被污染，不能饮用”系谣言。经水务、生态环境部门检测，全市供水水质符合国家标准。二、网传“今晚全城停水”系谣言。目前全市供水正常，未发布任何停水通知。三、网传“已有多人喝自来水中毒送医”系谣言。经卫生健康部门核实，全市各医疗机构未接诊因饮用自来水导致的中毒病例。请广大市民以官方发布的信息为准，不信谣、不传谣。对编造、故意传播谣言的行为，公安机关将依法查处。',
  },
];
