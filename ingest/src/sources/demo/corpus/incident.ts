/**
 * Emergency scenario: an explosion at a chemical plant in an industrial park of the demo city.
 * All texts, park and company names are invented for the project.
 */
import type { IncidentPhase, OfficialStatement, Platform, RoutineOfficialPost, ScenarioTemplate } from './types';

/** Placeholders that public (non-official) incident templates may use. */
export const incidentPlaceholders: readonly string[] = [
  'city', 'district', 'park', 'company', 'road', 'hospital', 'num', 'time', 'emoji', 'hashtag', 'nickname',
];

/** Placeholders that official incident statements and replies may use. */
export const incidentStatementPlaceholders: readonly string[] = [
  'city', 'district', 'park', 'company', 'road', 'hospital', 'num', 'num2', 'time', 'date',
];

/** Invented industrial-park names for {park}. */
export const parkNames: readonly string[] = ['临港化工园区', '滨江化工园区', '东湾精细化工园区', '北郊化工产业园'];

/** Invented company names for {company}. */
export const companyNames: readonly string[] = ['恒拓化工有限公司', '瑞丰新材料化工有限公司', '华晟精细化工有限公司', '利源化学品有限公司'];

/** General hospitals that suit {hospital} in incident texts (subset of slots.hospitals). */
export const incidentHospitals: readonly string[] = [
  '市第一人民医院', '市第二人民医院', '市第三人民医院', '市中心医院', '市人民医院', '医科大学附属医院', '开发区医院', '市红十字会医院',
];

/** Event hashtags suited to {hashtag} in incident texts (they contain {city}/{park} themselves). */
export const incidentHashtags: readonly string[] = [
  '#{city}爆炸#', '#{city}{park}爆炸#', '#{park}爆炸事故#', '#{city}化工厂爆炸#', '#为{city}祈福#',
  '#{city}爆炸最新消息#', '#{city}献血#', '#{city}加油#',
];

/** Emoji that suit {emoji} in incident texts (fear, worry, prayer, mourning, support). */
export const incidentEmojis: readonly string[] = [
  '[泪]', '[悲伤]', '[蜡烛]', '[怒]', '[费解]', '[加油]', '[心]', '🙏', '😭', '😨', '😰', '😱', '💔', '🕯️', '💪', '❤️',
];

const WB: readonly Platform[] = ['weibo'];
const DY: readonly Platform[] = ['douyin'];
const WB_DY: readonly Platform[] = ['weibo', 'douyin'];
const WB_TT: readonly Platform[] = ['weibo', 'toutiao'];
const TT: readonly Platform[] = ['toutiao'];
const WX: readonly Platform[] = ['wechat'];
const HOT: readonly Platform[] = ['hotline'];
const BOARD: readonly Platform[] = ['gov_board'];

const firstReports: readonly ScenarioTemplate[] = [
  { platforms: WB, sentiment: 'negative', text: '刚才{district}那边一声巨响，窗户都在震，什么情况？？' },
  { platforms: WB, sentiment: 'negative', text: '{time}左右听到“轰”的一声，整栋楼晃了一下，还以为地震了{emoji}' },
  { platforms: WB, sentiment: 'neutral', text: '有没有{district}的朋友？刚刚那声爆炸是从哪里传来的？' },
  { platforms: WB, sentiment: 'negative', text: '{park}方向冒起好大一股黑烟，在{road}上都看得清清楚楚，好吓人' },
  { platforms: WB_DY, sentiment: 'negative', text: '{park}那边浓烟滚滚，隔着好几公里都能看到😨 {hashtag}' },
  { platforms: WB, sentiment: 'negative', text: '我家在{road}，刚才阳台玻璃门被震得哗哗响，孩子直接吓哭了' },
  { platforms: WB, sentiment: 'neutral', text: '是不是{park}出事了？那边半边天都是红的，还能看到火光' },
  { platforms: WB, sentiment: 'negative', text: '同事在{park}上班，电话一直打不通，急死了，有人知道里面什么情况吗' },
  { platforms: WB, sentiment: 'neutral', text: '听声音像是爆炸，{district}这边好多人都跑到楼下看' },
  { platforms: DY, sentiment: 'negative', text: '行车记录仪拍到的，{time}前方突然一团火光，两秒后才听到巨响' },
  { platforms: WB, kind: 'comment', sentiment: 'negative', text: '我也听到了！在{road}这边，还以为是打雷' },
  { platforms: WB, sentiment: 'negative', text: '连着响了两声，第二声比第一声还大！{park}附近的人赶紧离开吧' },
  { platforms: WB, sentiment: 'neutral', text: '地震台网有没有消息？刚才那个震感到底是地震还是爆炸？' },
  { platforms: WB, sentiment: 'negative', text: '窗外全是烟，还有一股刺鼻的化学品味道，赶紧把门窗都关上了' },
  { platforms: DY, sentiment: 'negative', text: '在{road}高架上拍的，{park}方向一根蘑菇云一样的烟柱，太可怕了{emoji}' },
  { platforms: WB, sentiment: 'negative', text: '{company}那一片好像着火了，消防车一辆接一辆往那边开' },
  { platforms: WB, kind: 'comment', sentiment: 'neutral', text: '坐标{district}，也听到了，到底怎么回事？' },
  { platforms: WB, sentiment: 'negative', text: '刚从{park}门口经过，感觉地面都在抖，保安在喊所有车辆掉头' },
  { platforms: TT, sentiment: 'neutral', text: '网友称{city}{park}附近传出爆炸声，现场浓烟滚滚，具体情况有待核实' },
  { platforms: WB, sentiment: 'negative', text: '{num}公里外都有感觉，家里吊灯晃个不停，求平安🙏' },
  { platforms: WX, sentiment: 'negative', text: '业主群里都在说{park}爆炸了，有人在现场吗？大家先关好门窗，别往那边去' },
  { platforms: WB, sentiment: 'neutral', text: '救护车的声音一直没停过，{road}方向至少过去了五六辆' },
  { platforms: DY, sentiment: 'negative', text: '在公司楼顶拍到的，火光冲天，希望没有人受伤🙏' },
  { platforms: WB, sentiment: 'negative', text: '{company}旁边员工宿舍的窗户全碎了，有人正往外跑' },
  { platforms: WB, sentiment: 'neutral', text: '@{nickname} 你们厂离{park}近吗？没事吧？看到回我一下' },
  { platforms: WB, sentiment: 'negative', text: '刚才那一声直接把我从沙发上震起来了，心到现在还在狂跳' },
  { platforms: WB, sentiment: 'neutral', text: '{hashtag} 目前只知道是{park}方向，具体什么情况还不清楚，等官方消息' },
  { platforms: TT, kind: 'comment', sentiment: 'neutral', text: '{district}这边确实听到了爆炸声，位置应该就在{park}附近' },
];

const spreading: readonly ScenarioTemplate[] = [
  { platforms: DY, sentiment: 'negative', text: '朋友发来的现场视频，{park}里面还在烧，爆炸声一阵一阵的😨 {hashtag}' },
  { platforms: WB, sentiment: 'neutral', text: '{road}已经封路了，交警在路口设了卡，往{park}方向的车全部劝返' },
  { platforms: WB, sentiment: 'negative', text: '我爸就在{company}上班，到现在都联系不上，谁能帮帮我{emoji}' },
  { platforms: WB_TT, sentiment: 'neutral', text: '有没有人受伤？现场到底什么情况？' },
  { platforms: WB, sentiment: 'negative', text: '看到好多救护车往{hospital}方向开，应该是有伤员了' },
  { platforms: WB, sentiment: 'neutral', text: '导航显示{road}整条都是红的，去{district}的朋友别走这条路了' },
  { platforms: DY, sentiment: 'negative', text: '离{park}最近的村子开始撤离了，老人孩子都上了大巴' },
  { platforms: WB, sentiment: 'negative', text: '烟已经飘到市区了，空气里有股说不出的怪味，有没有毒？要不要戴口罩？' },
  { platforms: WB, sentiment: 'neutral', text: '现场视频里能数到至少{num}辆消防车，看来火势不小' },
  { platforms: WB, sentiment: 'negative', text: '附近小区的玻璃碎了一地，有居民被划伤，正坐在路边包扎' },
  { platforms: WB, kind: 'comment', sentiment: 'neutral', text: '转需：{district}周边的居民先关好门窗，有条件的暂时往上风方向走' },
  { platforms: TT, kind: 'article', sentiment: 'neutral', title: '{city}{park}发生爆炸？多名网友发布现场视频', text: '{time}许，多名网友在社交平台发布视频称，{city}{district}{park}方向传出巨大声响，随后升起浓烟。视频显示，现场火光明显，多辆消防车正赶往现场。目前事故原因及人员伤亡情况尚不清楚，官方暂未发布消息。' },
  { platforms: WB, sentiment: 'neutral', text: '{company}是做什么的？厂里是不是存了很多化学品？' },
  { platforms: WB, sentiment: 'negative', text: '我表哥就在园区门口，说里面跑出来的人身上全是灰，有的人在流血' },
  { platforms: DY, sentiment: 'neutral', text: '无人机视角看{park}，浓烟正往东南方向飘 {hashtag}' },
  { platforms: WB, sentiment: 'negative', text: '学校通知提前放学，{district}的家长都在往学校赶，路上全堵了' },
  { platforms: WB, sentiment: 'neutral', text: '{hospital}门口已经停了好几辆救护车，医护人员都在急诊门口等着' },
  { platforms: WB, sentiment: 'negative', text: '家里人都在{district}，电话一直占线，心慌得不行' },
  { platforms: WB, sentiment: 'neutral', text: '{park}附近的地铁站临时关闭了吗？知道的朋友说一下' },
  { platforms: WB_TT, kind: 'comment', sentiment: 'negative', text: '这个园区早就有人反映过安全问题，还是出事了' },
  { platforms: WX, sentiment: 'neutral', text: '【扩散】{road}一带交通管制，请大家避开事故区域，给消防车和救护车让出通道' },
  { platforms: WB, sentiment: 'negative', text: '直升机也来了，一直在{park}上空盘旋，情况看来很严重' },
  { platforms: WB_DY, sentiment: 'negative', text: '下班路上被拦下来了，前面全是消防车和警车，{park}那边的火还没灭' },
  { platforms: WB, sentiment: 'neutral', text: '@{nickname} 你是不是在{district}？注意安全，先别出门' },
  { platforms: WB, sentiment: 'negative', text: '空气里全是烧焦的味道，嗓子有点痒，你们有没有同样的感觉？' },
  { platforms: WB, sentiment: 'neutral', text: '有人说伤亡不小，但都是听说的，还是等官方消息吧' },
  { platforms: WB, sentiment: 'negative', text: '{company}隔壁就是危化品仓库，会不会引起连环爆炸啊，太担心了' },
  { platforms: TT, kind: 'comment', sentiment: 'neutral', text: '消防已经到了，希望火势尽快控制住，所有人都平安' },
];

const peak: readonly ScenarioTemplate[] = [
  { platforms: WB, sentiment: 'negative', text: '都过去{num}个小时了，官方怎么还不发通报？？到底伤了多少人？' },
  { platforms: WB, sentiment: 'negative', text: '官方账号还在发旅游宣传，这个时候能不能先说说爆炸的事{emoji}' },
  { platforms: WB, sentiment: 'negative', text: '请公开信息！周边居民有知情权，空气有没有毒、要不要撤离，总得给个说法' },
  { platforms: WB, sentiment: 'neutral', text: '{hospital}急需O型、A型血，能去的朋友请就近去献血点🙏 {hashtag}' },
  { platforms: WB, sentiment: 'positive', text: '刚献完血出来，献血车前的队已经排到{road}上了，{city}人好样的❤️' },
  { platforms: WB, sentiment: 'negative', text: '{hospital}急诊走廊里全是伤员，家属在外面哭，太难受了' },
  { platforms: DY, sentiment: 'negative', text: '{hospital}门口全是等消息的家属，一直没有人出来说明情况 {hashtag}' },
  { platforms: WB, sentiment: 'negative', text: '越不发通报谣言越多，信息公开就这么难吗？' },
  { platforms: WB, sentiment: 'negative', text: '刚才还在的几个相关话题怎么突然搜不到了？是想捂盖子吗？' },
  { platforms: WB, sentiment: 'neutral', text: '求助：{company}的员工家属可以去哪里登记？现在找不到任何负责人' },
  { platforms: WB, sentiment: 'negative', text: '打了好几个电话都占线，到底有没有部门在负责这件事？' },
  { platforms: WB_TT, sentiment: 'negative', text: '这个园区离居民区这么近，当初是怎么通过环评的？' },
  { platforms: WB, sentiment: 'neutral', text: '整理一下目前能确认的信息：1. 爆炸位置在{park}；2. {road}已封闭；3. 伤员送往{hospital}等医院。其余消息均未证实，别乱传' },
  { platforms: WB, sentiment: 'positive', text: '{district}的志愿者在路口给消防员送水送饭，看哭了{emoji}' },
  { platforms: WB, sentiment: 'positive', text: '{district}有需要临时落脚的居民可以私信我，家里能住三四个人' },
  { platforms: WB, sentiment: 'negative', text: '消防员已经连续奋战好几个小时，大家别添乱，但官方真的该站出来说句话了' },
  { platforms: DY, sentiment: 'negative', text: '我哥还在厂里，{num}个小时了一点消息都没有，求求大家帮忙扩散🙏' },
  { platforms: WB, sentiment: 'negative', text: '本地媒体一条报道都没有，还得靠网友直播才知道发生了什么' },
  { platforms: WB, sentiment: 'neutral', text: '{hospital}发布了用血需求，O型血缺口最大，献血前记得吃点东西' },
  { platforms: WB_TT, kind: 'comment', sentiment: 'negative', text: '每次出事都要等网上炸了才回应，能不能长点记性' },
  { platforms: TT, kind: 'article', sentiment: 'neutral', title: '{city}{park}爆炸 多名伤员送医 市民自发排队献血', text: '记者在{hospital}看到，急诊大楼外停满救护车，医护人员正在紧张救治伤员。献血点前排起长队，不少市民在得知用血需求后自发赶来。截至记者发稿时，官方尚未发布伤亡人数等信息。' },
  { platforms: WB, sentiment: 'negative', text: '爆炸的时候我在{road}，到现在耳朵还嗡嗡响，去{hospital}看了说是鼓膜受损' },
  { platforms: WB, sentiment: 'neutral', text: '{hashtag} 希望官方尽快通报伤亡情况和空气监测数据，让大家安心' },
  { platforms: WB, sentiment: 'negative', text: '附近几个小区的居民自己开车往外跑，路上堵死了，也没看到有人组织疏散' },
  { platforms: WB, sentiment: 'positive', text: '出租车师傅自发免费接送伤员和献血的市民，{city}的哥好样的👍' },
  { platforms: WB, sentiment: 'negative', text: '空气检测数据什么时候公布？家里有孕妇和小孩，真的很担心' },
  { platforms: WX, kind: 'article', sentiment: 'neutral', title: '{city}{park}爆炸：目前我们知道的和不知道的', text: '爆炸发生已有数小时，网上信息纷杂。本文根据现场目击者和公开视频整理：事发地点位于{district}{park}，{road}等道路实施管制，多家医院收治伤员。伤亡人数、事故原因、是否有有毒气体泄漏等关键问题，目前仍无权威信息。' },
  { platforms: DY, sentiment: 'negative', text: '附近的外卖小哥说，爆炸那一瞬间整条街的玻璃都碎了 {hashtag}' },
  { platforms: HOT, kind: 'ticket', sentiment: 'negative', text: '市民来电求助：其丈夫在{park}{company}上班，爆炸发生后至今联系不上，不知应到何处打听消息。诉求：请有关部门尽快公布伤员收治医院和家属联系渠道。' },
  { platforms: HOT, kind: 'ticket', sentiment: 'negative', text: '市民来电咨询：居住在{park}附近，现闻到刺鼻气味，家中有老人和婴儿，询问是否需要撤离、空气是否有毒。诉求：请相关部门尽快发布权威信息。' },
];

const officialBrief: readonly ScenarioTemplate[] = [
  { platforms: WB, sentiment: 'neutral', text: '官方通报来了：{num}人受伤，事故原因正在调查。希望伤者早日康复🙏' },
  { platforms: WB, sentiment: 'negative', text: '爆炸{num}个小时后才发第一条通报，这个速度说得过去吗？' },
  { platforms: WB, sentiment: 'positive', text: '终于有通报了，至少知道现场明火已经扑灭，心里踏实一点了' },
  { platforms: WB, sentiment: 'neutral', text: '通报里的咨询电话打通了，工作人员说会登记失联人员信息，有需要的家属赶紧打' },
  { platforms: WB, sentiment: 'negative', text: '通报就短短几行字，伤亡人数是不是只报了一部分？' },
  { platforms: WB, kind: 'comment', sentiment: 'neutral', text: '转发官方通报，大家以官方信息为准，不要再传未经证实的消息' },
  { platforms: WB, sentiment: 'positive', text: '通报说周边空气监测暂未发现异常，终于敢开窗透透气了' },
  { platforms: TT, kind: 'comment', sentiment: 'neutral', text: '通报说原因正在调查，希望调查结果出来以后能完整公布' },
  { platforms: WB, sentiment: 'negative', text: '伤者名单什么时候公布？家属还在各个医院一家一家地找人' },
  { platforms: WB, sentiment: 'neutral', text: '{time}的新闻发布会有人看了吗？讲了哪些重点？' },
  { platforms: WB, sentiment: 'positive', text: '发布会上说伤员都在全力救治，省里的医疗专家组也到了，希望大家都平安' },
  { platforms: WB, sentiment: 'negative', text: '发布会上记者问企业平时的安全检查情况，回答全是套话' },
  { platforms: DY, sentiment: 'neutral', text: '{city}召开新闻发布会通报爆炸事故最新情况 {hashtag}' },
  { platforms: WB, sentiment: 'neutral', text: '通报已经出来了，之前那些说伤亡几百人的帖子可以删了吧' },
  { platforms: WB, sentiment: 'positive', text: '这次通报比想象的详细，有伤亡数字、有救治安排，还公布了咨询热线，点个赞' },
  { platforms: WB, sentiment: 'negative', text: '{company}到现在都没有一个负责人露面，企业连一句道歉都没有？' },
  { platforms: WB, sentiment: 'neutral', text: '通报说企业相关负责人已被警方控制，接下来就看调查结果了' },
  { platforms: WB, kind: 'comment', sentiment: 'neutral', text: '官方说{road}明天恢复通行，在附近上班的可以提前安排一下' },
  { platforms: WB, sentiment: 'negative', text: '通报里说“第一时间赶赴现场”，可我们小区居民等了好几个小时都没人来组织疏散' },
  { platforms: WB, sentiment: 'positive', text: '看到{hospital}连夜组织专家会诊，医生们辛苦了🙏' },
  { platforms: WB, sentiment: 'negative', text: '{hashtag} 最新通报：事故已造成{num}人死亡，受伤人员正在救治中。愿逝者安息[蜡烛]' },
  { platforms: WX, kind: 'article', sentiment: 'neutral', title: '一文梳理｜{park}爆炸事故官方通报要点', text: '截至目前，官方已发布多次情况通报并召开新闻发布会。要点包括：事故发生时间与地点、伤亡人数、伤员救治情况、周边环境监测结果、交通管制安排及家属咨询热线。事故原因仍在调查中，本号将持续关注。' },
  { platforms: WB, sentiment: 'negative', text: '为什么通报里写的时间跟网友拍的视频对不上？中间这几个小时到底在干什么' },
  { platforms: WB, sentiment: 'positive', text: '官方信息一出来，大家明显冷静多了。早点发布，谣言就没有空间' },
  { platforms: DY, sentiment: 'neutral', text: '记者在现场：{road}路口仍在管制，现场清理和搜救工作继续进行' },
  { platforms: WB, sentiment: 'neutral', text: '愿失联人员都能平安找到，继续关注后续通报' },
];

const aftermath: readonly ScenarioTemplate[] = [
  { platforms: WB, sentiment: 'positive', text: '致敬最美逆行者！消防员们辛苦了🙏 {hashtag}' },
  { platforms: WB, sentiment: 'negative', text: '逝者安息[蜡烛] 愿天堂没有爆炸' },
  { platforms: WB_TT, sentiment: 'neutral', text: '事故原因查清楚了吗？{company}要承担什么责任？' },
  { platforms: WB, sentiment: 'negative', text: '附近小区好多人家玻璃全碎了，赔偿到底该找谁？物业说他们也不知道' },
  { platforms: DY, sentiment: 'positive', text: '消防队撤离的时候，{district}居民自发站在路边鼓掌送别👏' },
  { platforms: WB_TT, sentiment: 'negative', text: '化工企业为什么能开在离居民区这么近的地方？规划部门要给个说法' },
  { platforms: WB, sentiment: 'neutral', text: '受损房屋的登记点设在哪里？需要带什么材料？' },
  { platforms: WB, sentiment: 'positive', text: '{hospital}的医护人员几天几夜没合眼，大部分伤员已经转危为安，谢谢你们' },
  { platforms: WB, sentiment: 'negative', text: '希望这次不是查几个基层员工就完事，监管责任也要一查到底' },
  { platforms: TT, kind: 'article', sentiment: 'neutral', title: '{city}{park}爆炸事故调查组成立', text: '事故发生后，{city}成立事故调查组，由应急管理、公安、生态环境等部门组成，对事故原因、企业安全生产管理及监管责任开展全面调查。同时，{district}对园区内所有企业开展安全隐患排查。' },
  { platforms: WB, sentiment: 'negative', text: '[蜡烛][蜡烛][蜡烛] 我们车间的老李没能出来，他女儿才上小学' },
  { platforms: WB, sentiment: 'positive', text: '{road}今天恢复通行了，路过看到环卫工人在清扫碎玻璃，谢谢所有默默付出的人' },
  { platforms: WB, kind: 'comment', sentiment: 'neutral', text: '赔偿标准出来了吗？我的车停在路边被震坏了，保险公司说不在理赔范围' },
  { platforms: WB, sentiment: 'negative', text: '园区里其他化工厂还在照常生产，这让周边居民怎么安心？' },
  { platforms: WB_DY, sentiment: 'positive', text: '{city}加油💪 我们一起挺过去 {hashtag}' },
  { platforms: WB, sentiment: 'neutral', text: '调查结果什么时候公布？希望全程公开透明' },
  { platforms: WB, sentiment: 'positive', text: '小朋友们写给消防员的感谢信贴满了消防站门口的墙，{city}不会忘记你们' },
  { platforms: WB, sentiment: 'negative', text: '事故都过去好几天了，我家窗户还没人来修，打电话问只说在排队' },
  { platforms: WB, sentiment: 'neutral', text: '听说要对全市化工企业开展安全大检查，希望不是走过场' },
  { platforms: WX, kind: 'article', sentiment: 'neutral', title: '爆炸之后，{park}周边居民的一周', text: '封闭的道路陆续解封，碎玻璃被清扫干净，临时安置点的居民开始回家。有人在等房屋定损，有人在医院陪护亲人，也有人第一次认真打听：家门口的化工园区，到底生产些什么。' },
  { platforms: WB, kind: 'comment', sentiment: 'negative', text: '赔偿方案谁定的？我们这些受损住户根本没被通知去参加说明会' },
  { platforms: WB, sentiment: 'positive', text: '今天去{hospital}看了受伤的同事，已经能下床走路了，谢谢医生护士' },
  { platforms: WB_TT, sentiment: 'neutral', text: '{company}的安全生产许可证是怎么拿到的？之前有没有被处罚过？' },
  { platforms: WB, sentiment: 'negative', text: '孩子到现在听到大一点的声音就哭，心理疏导有没有人管？' },
  { platforms: WB, sentiment: 'positive', text: '社区请来的心理咨询师上门了，陪孩子聊了一下午，孩子状态好多了' },
  { platforms: DY, sentiment: 'neutral', text: '事故一周后的{park}：围挡还没拆，附近的小店陆续开门了' },
  { platforms: WB, sentiment: 'negative', text: '{hashtag} 头七，{district}很多市民自发到园区外献花[蜡烛]' },
  { platforms: TT, kind: 'comment', sentiment: 'neutral', text: '安全检查不能一阵风，化工园区监管要常抓不懈' },
  { platforms: HOT, kind: 'ticket', sentiment: 'negative', text: '市民来电反映：其住宅位于{park}附近，爆炸导致家中窗户玻璃破碎、吊顶脱落，至今无人上门定损。诉求：尽快安排登记、定损和维修。' },
  { platforms: BOARD, kind: 'message', sentiment: 'negative', title: '关于{park}安全问题的建议', text: '尊敬的领导：您好！{park}距离居民区很近，此次爆炸让周边居民非常担忧。恳请公开事故调查进展，全面排查园区其他企业的安全隐患，并考虑设置安全防护距离。望尽快解决，谢谢！' },
];

export const incidentPhases: readonly IncidentPhase[] = [
  { phase: 'first-reports', templates: firstReports },
  { phase: 'spreading', templates: spreading },
  { phase: 'peak', templates: peak },
  { phase: 'official-brief', templates: officialBrief },
  { phase: 'aftermath', templates: aftermath },
];

/**
 * Official statements in publication order. In each text {num} is the smaller and {num2}
 * the larger figure (e.g. deaths / injured).
 */
export const officialIncidentStatements: readonly OfficialStatement[] = [
  {
    authorRole: 'emergency',
    kind: 'post',
    stage: 'first-brief',
    title: '关于{district}{park}爆炸事故的情况通报',
    text: '{date}{time}许，{district}{park}{company}发生一起爆炸事故。事故发生后，市委、市政府高度重视，主要负责同志第一时间赶赴现场组织指挥处置，应急管理、消防救援、公安、卫生健康、生态环境等部门迅速开展应急救援。目前，现场明火已基本扑灭，事故造成{num}人受伤，伤员已全部送往医院救治。事故周边道路已实施交通管制，请市民绕行。事故原因正在调查中。',
  },
  {
    authorRole: 'emergency',
    kind: 'post',
    stage: 'update',
    title: '关于{district}{park}爆炸事故的情况续报',
    text: '截至{date}{time}，{district}{park}{company}爆炸事故已造成{num}人死亡、{num2}人受伤，伤员正在{hospital}等医院全力救治。现场搜救工作仍在进行。生态环境部门在事故周边布设了大气和水环境监测点位，目前监测数据未见异常。市政府已成立事故处置指挥部，设立家属接待和信息咨询点，咨询电话：12345。企业相关负责人已被公安机关控制，事故原因正在进一步调查中。我们将及时发布后续情况。',
  },
  {
    authorRole: 'government',
    kind: 'post',
    stage: 'press-conference',
    title: '{city}将召开{park}爆炸事故新闻发布会',
    text: '{city}人民政府新闻办公室定于{date}{time}召开新闻发布会，通报{district}{park}{company}爆炸事故应急处置最新进展，介绍伤员救治、环境监测、群众安置等情况，并回答记者提问。发布会将通过“{city}发布”官方微博、微信公众号同步直播，敬请关注。',
  },
  {
    authorRole: 'government',
    kind: 'article',
    stage: 'press-conference',
    title: '{city}召开{park}爆炸事故新闻发布会',
    text: '{date}，{city}召开{park}爆炸事故新闻发布会。会上通报，截至目前，事故共造成{num}人死亡、{num2}人受伤，伤员分别在{hospital}等医院接受治疗，省、市医疗专家组已开展会诊。事故现场明火已于当日全部扑灭，消防废水已收集至应急事故池，未流入外部水体。生态环境部门对周边大气、地表水和饮用水水源地开展加密监测，各项指标未见异常。受影响群众已得到妥善安置。事故调查组已成立，将依法依规查明原因，严肃追究责任。',
  },
  {
    authorRole: 'fire',
    kind: 'post',
    stage: 'update',
    title: '{city}消防救援支队：{park}事故现场明火已全部扑灭',
    text: '{date}{time}，{city}消防救援支队接到报警，{district}{park}{company}厂区发生爆炸并引发火灾。支队立即调派{num}个消防救援站、{num2}余名指战员及大功率泡沫消防车等装备赶赴现场处置。经全力扑救，现场明火已全部扑灭，消防救援人员正对厂区储罐实施冷却监护，防止复燃。目前现场搜救和排险工作仍在进行中。',
  },
  {
    authorRole: 'health',
    kind: 'post',
    stage: 'update',
    title: '关于{park}爆炸事故伤员救治情况的通报',
    text: '事故发生后，{city}卫生健康委员会立即启动突发事件医疗救援应急预案，调派救护车和医疗救援队赶赴现场。截至{date}{time}，全市医疗机构共收治伤员{num2}人，其中重症{num}人，伤员主要在{hospital}等医院治疗，专家组正逐一制定救治方案。目前各医院血液供应充足，感谢广大市民踊跃献血。如需查询伤员信息，请拨打12345热线或到医院家属接待点咨询。',
  },
  {
    authorRole: 'emergency',
    kind: 'post',
    stage: 'continuing',
    title: '关于{park}爆炸事故的情况通报（三）',
    text: '截至{date}{time}，{park}爆炸事故现场搜救工作基本结束，事故造成{num}人死亡，{num2}名伤员中已有部分出院。事故周边受损房屋登记工作已在{district}相关街道设点开展，受影响居民可携带身份证件和房屋证明前往登记，工作人员也将上门服务。{road}已恢复通行。下一步，我市将全力做好伤员救治、善后处置和群众安置工作，同步在全市开展危险化学品企业安全隐患排查整治。事故调查结果将及时向社会公布。',
  },
];

/** Department replies to hotline tickets / board letters about the incident. */
export const incidentOfficialReplies: readonly RoutineOfficialPost[] = [
  { role: 'hotline', platforms: HOT, kind: 'ticket', category: 'reply', text: '【办理结果】您好！您反映的{park}爆炸事故致住宅门窗受损问题，已转{district}人民政府办理。经核实，属地街道已安排工作人员于{date}上门登记定损，维修工作将按登记顺序统一组织实施。如有疑问，可联系街道受损房屋登记点。感谢您的来电。' },
  { role: 'hotline', platforms: HOT, kind: 'ticket', category: 'reply', text: '【办理结果】您好！关于您咨询的{park}周边空气质量问题，经{city}生态环境局答复：事故发生后已在周边布设监测点位开展连续监测，目前各项指标未见异常，监测数据将通过“{city}生态环境”官方账号持续公布。感谢您的来电。' },
  { role: 'message_board', platforms: BOARD, kind: 'message', category: 'reply', text: '网友您好！您在留言中提出的{park}安全管理建议已收悉。事故发生后，我市已成立事故调查组，并在全市范围内开展危险化学品企业安全隐患排查整治，对化工园区与居民区的安全防护距离开展专项评估。调查结果将依法向社会公布。感谢您对我市安全生产工作的关心和支持。' },
  { role: 'hotline', platforms: HOT, kind: 'ticket', category: 'reply', text: '【办理结果】您好！您反映的家属失联问题，已第一时间转事故处置指挥部家属接待组。经核实，您的家属已被送往{hospital}救治，目前生命体征平稳，接待组工作人员已与您电话联系。感谢您的来电。' },
];
