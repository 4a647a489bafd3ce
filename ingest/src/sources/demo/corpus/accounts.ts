/**
 * Invented government accounts of the demo city and their routine posts / replies.
 * Roles match OfficialStatement.authorRole and OfficialRebuttal.authorRole where they overlap.
 */
import type { OfficialAccount, Platform, RoutineOfficialPost } from './types';

/** Placeholders that account names, routine posts and replies may use. */
export const accountPlaceholders: readonly string[] = [
  'city', 'district', 'road', 'landmark', 'school', 'hospital', 'community', 'num', 'num2', 'time', 'date', 'weather',
];

export const officialAccounts: readonly OfficialAccount[] = [
  { role: 'government', platform: 'weibo', name: '{city}发布', unitName: '{city}人民政府新闻办公室', level: 'city' },
  { role: 'government', platform: 'wechat', name: '{city}发布', unitName: '{city}人民政府新闻办公室', level: 'city' },
  { role: 'government', platform: 'douyin', name: '{city}发布', unitName: '{city}人民政府新闻办公室', level: 'city' },
  { role: 'government', platform: 'toutiao', name: '{city}发布', unitName: '{city}人民政府新闻办公室', level: 'city' },
  { role: 'emergency', platform: 'weibo', name: '{city}应急管理', unitName: '{city}应急管理局', level: 'department' },
  { role: 'emergency', platform: 'wechat', name: '{city}应急管理', unitName: '{city}应急管理局', level: 'department' },
  { role: 'fire', platform: 'weibo', name: '{city}消防', unitName: '{city}消防救援支队', level: 'department' },
  { role: 'health', platform: 'weibo', name: '健康{city}', unitName: '{city}卫生健康委员会', level: 'department' },
  { role: 'water', platform: 'weibo', name: '{city}水务集团', unitName: '{city}水务集团有限公司', level: 'department' },
  { role: 'water', platform: 'wechat', name: '{city}水务集团', unitName: '{city}水务集团有限公司', level: 'department' },
  { role: 'environment', platform: 'weibo', name: '{city}生态环境', unitName: '{city}生态环境局', level: 'department' },
  { role: 'police', platform: 'weibo', name: '{city}公安', unitName: '{city}公安局', level: 'department' },
  { role: 'cyberpolice', platform: 'weibo', name: '{city}网警巡查执法', unitName: '{city}公安局网络安全保卫支队', level: 'department' },
  { role: 'traffic_police', platform: 'weibo', name: '{city}交警', unitName: '{city}公安局交通管理支队', level: 'department' },
  { role: 'transport', platform: 'wechat', name: '{city}交通', unitName: '{city}交通运输局', level: 'department' },
  { role: 'weather', platform: 'weibo', name: '{city}气象', unitName: '{city}气象局', level: 'department' },
  { role: 'education', platform: 'wechat', name: '{city}教育', unitName: '{city}教育局', level: 'department' },
  { role: 'culture_tourism', platform: 'douyin', name: '{city}文旅', unitName: '{city}文化广电和旅游局', level: 'department' },
  { role: 'housing', platform: 'wechat', name: '{city}住建', unitName: '{city}住房和城乡建设局', level: 'department' },
  { role: 'hr_social', platform: 'wechat', name: '{city}人社', unitName: '{city}人力资源和社会保障局', level: 'department' },
  { role: 'hotline', platform: 'hotline', name: '{city}12345政务服务便民热线', unitName: '{city}政务服务便民热线管理中心', level: 'city' },
  { role: 'message_board', platform: 'gov_board', name: '{city}人民政府领导信箱', unitName: '{city}人民政府办公室', level: 'city' },
  { role: 'district', platform: 'weibo', name: '{district}发布', unitName: '{district}人民政府新闻办公室', level: 'district' },
  { role: 'district', platform: 'wechat', name: '{district}发布', unitName: '{district}人民政府新闻办公室', level: 'district' },
];

const WB: readonly Platform[] = ['weibo'];
const WX: readonly Platform[] = ['wechat'];
const WB_WX: readonly Platform[] = ['weibo', 'wechat'];
const WB_DY: readonly Platform[] = ['weibo', 'douyin'];
const WB_TT: readonly Platform[] = ['weibo', 'toutiao'];
const WX_TT: readonly Platform[] = ['wechat', 'toutiao'];
const HOT: readonly Platform[] = ['hotline'];
const BOARD: readonly Platform[] = ['gov_board'];

export const routineOfficialPosts: readonly RoutineOfficialPost[] = [
  // weather
  { role: 'weather', platforms: WB, kind: 'post', category: 'weather', text: '【暴雨黄色预警】{city}气象台{date}{time}发布暴雨黄色预警信号：预计未来6小时内，{district}等地将出现50毫米以上降水，局地伴有雷电和短时大风。请注意防范城市内涝、山洪和地质灾害，非必要不外出。' },
  { role: 'weather', platforms: WB, kind: 'post', category: 'weather', text: '【高温橙色预警】{city}气象台{date}发布高温橙色预警信号：预计未来三天全市最高气温将达37℃以上。请减少午后户外活动，户外作业人员注意防暑降温，老人和儿童避免长时间暴露在高温环境中。' },
  { role: 'weather', platforms: WB, kind: 'post', category: 'weather', text: '【大雾黄色预警】{date}清晨，{district}等地出现能见度低于500米的大雾，局地低于200米。请驾驶人员减速慢行、开启雾灯，保持安全车距。' },
  { role: 'weather', platforms: WB_WX, kind: 'post', category: 'weather', text: '【寒潮蓝色预警】受强冷空气影响，{date}起全市气温将下降8℃以上，并伴有5级左右偏北风。请注意防寒保暖，做好设施农业、水管等防冻工作。' },
  { role: 'weather', platforms: WB, kind: 'post', category: 'weather', text: '【天气预报】{city}明天{weather}，早晚温差较大，请根据天气变化适时增减衣物。' },
  { role: 'weather', platforms: WB, kind: 'post', category: 'weather', text: '【大风蓝色预警】预计{date}白天全市将出现6级以上阵风。请加固广告牌、围挡等临时搭建物，行人尽量远离高空悬挂物和大树。' },
  { role: 'emergency', platforms: WB_WX, kind: 'post', category: 'weather', text: '【防汛提示】近期我市进入主汛期，{city}应急管理局提醒：请关注气象预警信息，低洼地区居民提前做好防范准备；遇险情请拨打119或110求助。' },
  // traffic
  { role: 'traffic_police', platforms: WB, kind: 'post', category: 'traffic', text: '【交通管制】因道路施工需要，{date}至本月底，{road}（{landmark}段）实行全封闭施工，请过往车辆提前绕行，给您带来的不便敬请谅解。' },
  { role: 'traffic_police', platforms: WB, kind: 'post', category: 'traffic', text: '【出行提示】本周末{landmark}将举办大型活动，预计周边车流、人流较大，{road}等路段将视情况采取临时交通管控措施，请市民优先选择公共交通出行。' },
  { role: 'transport', platforms: WX, kind: 'post', category: 'traffic', text: '【公交调整】{date}起，受{road}施工影响，{num}路公交线路临时绕行，暂停途经站点3个，恢复时间另行通知。' },
  { role: 'transport', platforms: WB_WX, kind: 'post', category: 'traffic', text: '【地铁运营】为方便市民节假日出行，{date}地铁各线路末班车延时至23:30，请乘客合理安排出行时间。' },
  { role: 'traffic_police', platforms: WB_DY, kind: 'post', category: 'traffic', text: '【交警提示】雨天路面湿滑，能见度降低，请减速慢行、保持车距，切勿强行涉水通过积水路段。' },
  { role: 'traffic_police', platforms: WB, kind: 'post', category: 'traffic', text: '【路况播报】{time}，{road}与{landmark}路口附近发生一起两车追尾事故，无人员受伤，现场正在处置，途经车辆请注意避让。' },
  // service
  { role: 'hotline', platforms: WB_WX, kind: 'post', category: 'service', text: '【便民】有诉求，找12345！{city}12345政务服务便民热线7×24小时受理咨询、求助、投诉、建议，也可通过“{city}12345”微信公众号在线反映。' },
  { role: 'water', platforms: WB_WX, kind: 'post', category: 'service', text: '【停水通知】因管网改造施工，{date}8:00至20:00，{district}{road}沿线及{community}等小区将暂停供水，请受影响用户提前做好储水准备。' },
  { role: 'government', platforms: WB_WX, kind: 'post', category: 'service', text: '【服务提醒】{date}起，{city}政务服务中心推出周末“不打烊”服务，每周六9:00—17:00提供户籍、社保、公积金等高频事项办理。' },
  { role: 'hr_social', platforms: WX, kind: 'post', category: 'service', text: '【医保缴费】城乡居民医保集中参保缴费已经开始，可通过银行App、官方小程序或社区服务站缴纳，请参保居民及时缴费，以免影响明年待遇。' },
  { role: 'hr_social', platforms: WX_TT, kind: 'post', category: 'service', text: '【社保】退休人员养老金领取资格认证可通过手机完成，无需跑腿。行动不便的老人可联系所在社区，由工作人员上门协助办理。' },
  { role: 'health', platforms: WB_WX, kind: 'post', category: 'service', text: '【健康提示】秋冬季流感疫苗接种已启动，{hospital}及各社区卫生服务中心均可接种，建议老人、儿童和慢性病患者尽早接种。' },
  { role: 'police', platforms: WB_DY, kind: 'post', category: 'service', text: '【反诈提醒】凡是自称“客服”要求退款、刷单返利、让您下载陌生App或共享屏幕的，都是诈骗！接到可疑电话请拨打96110咨询。' },
  // policy
  { role: 'housing', platforms: WX, kind: 'article', category: 'policy', title: '一图读懂｜{city}住房公积金新政', text: '{date}起，{city}住房公积金新政正式实施：首套房公积金贷款最高额度适当提高，多子女家庭可再上浮；租房提取额度上调，提取频次放宽为按月提取。详细内容请见图解。' },
  { role: 'hr_social', platforms: WB_WX, kind: 'article', category: 'policy', title: '{city}出台稳就业若干措施', text: '近日，{city}出台稳就业若干措施，从扩大岗位供给、强化创业扶持、加强技能培训、兜牢困难群体就业底线等方面提出具体举措，对吸纳高校毕业生就业的中小企业给予一次性扩岗补助。' },
  { role: 'housing', platforms: WX_TT, kind: 'article', category: 'policy', title: '老旧小区改造怎么改？居民关心的问题都在这里', text: '改造哪些内容、居民要不要出钱、加装电梯怎么申请、施工期间出行怎么安排……{city}住房和城乡建设局就老旧小区改造中居民关心的问题逐一作出解答。' },
  { role: 'education', platforms: WX, kind: 'article', category: 'policy', title: '权威发布｜{city}义务教育阶段招生入学政策公布', text: '今年{city}义务教育阶段学校招生继续坚持免试就近入学原则，公办、民办学校同步招生。适龄儿童少年家长可于{date}起登录招生平台报名，随迁子女入学材料进一步简化。' },
  { role: 'government', platforms: WB_TT, kind: 'article', category: 'policy', title: '{city}发放新一轮消费券', text: '为促进消费回暖，{city}将于{date}起分批发放餐饮、零售、文旅等消费券，市民可通过官方小程序领取，每人每类限领一张，使用期限为领取后7天。' },
  { role: 'environment', platforms: WB_WX, kind: 'post', category: 'policy', text: '【政策解读】《{city}生活垃圾分类管理办法》明确：单位和个人应当按照分类标准投放生活垃圾；混装混运将被依法查处。分类投放，从我做起。' },
  // event
  { role: 'government', platforms: WB_WX, kind: 'post', category: 'event', text: '【活动预告】{date}，{city}全民健身运动会将在{landmark}开幕，开幕式后设有健步走、趣味运动等群众性项目，欢迎市民参加。' },
  { role: 'culture_tourism', platforms: WB_DY, kind: 'post', category: 'event', text: '【文旅】{landmark}夜游季今晚开幕！灯光秀、非遗展演、特色市集轮番上演，每晚19:00至22:00，免费开放，请文明游览。' },
  { role: 'hr_social', platforms: WB_WX, kind: 'post', category: 'event', text: '【招聘会】{date}9:00，{city}人社局将在{landmark}举办专场招聘会，{num}家企业提供岗位{num2}个，求职者请携带个人简历免费入场。' },
  { role: 'health', platforms: WB, kind: 'post', category: 'event', text: '【无偿献血】热血传递爱心！{date}，献血车将停放在{landmark}，18至60周岁、身体健康的市民均可参加，献血前请吃清淡早餐、携带身份证件。' },
  { role: 'fire', platforms: WB_DY, kind: 'post', category: 'event', text: '【消防宣传】{date}消防站开放日，{city}消防救援支队邀您走进消防站，近距离了解消防装备，学习灭火器使用和火场逃生知识。' },
  { role: 'emergency', platforms: WB_WX, kind: 'post', category: 'event', text: '【安全生产】{city}应急管理局近日组织专项检查组，对全市危险化学品生产、储存企业开展安全生产大检查，重点检查重大危险源管控、特殊作业管理和应急预案落实情况。' },
  { role: 'environment', platforms: WB, kind: 'post', category: 'event', text: '【空气质量】{date}{city}环境空气质量为良，首要污染物为PM2.5。预计明天{weather}，请市民关注空气质量变化，合理安排户外活动。' },
  { role: 'district', platforms: WB_WX, kind: 'post', category: 'event', text: '【社区活动】本周六上午，{district}将在{landmark}广场举办“邻里节”便民服务活动，义诊、法律咨询、家电维修等服务免费提供，欢迎居民参加。' },
];

/** Department replies to hotline tickets and message-board letters (routine topics). */
export const departmentReplies: readonly RoutineOfficialPost[] = [
  { role: 'hotline', platforms: HOT, kind: 'ticket', category: 'reply', text: '【办理结果】您好！您反映的{community}小区电梯频繁故障问题，已转{district}住房和城乡建设局办理。经核实，电梯维保单位已于{date}完成检修并更换故障部件，目前运行正常。下一步将督促物业加强日常巡检。感谢您的来电。' },
  { role: 'hotline', platforms: HOT, kind: 'ticket', category: 'reply', text: '【办理结果】您好！您反映的{road}路段窨井盖破损问题，经{district}城市管理局现场核查，已于当日设置警示标志，并于{date}完成更换。感谢您对城市管理工作的支持。' },
  { role: 'hotline', platforms: HOT, kind: 'ticket', category: 'reply', text: '【办理结果】您好！您反映的{community}小区周边工地夜间施工扰民问题，经执法人员现场核查，该工地未办理夜间施工许可，已责令立即停止夜间施工，并依法立案调查。感谢您的来电。' },
  { role: 'hotline', platforms: HOT, kind: 'ticket', category: 'reply', text: '【办理结果】您好！关于您咨询的{school}招生范围问题，经{district}教育局答复：具体招生范围以当年公布的学区划分为准，户籍与房产不一致的，可按随迁子女相关政策报名，详情可咨询区招生办公室。' },
  { role: 'hotline', platforms: HOT, kind: 'ticket', category: 'reply', text: '【办理结果】您好！您反映的拖欠工资问题，已转劳动保障监察部门办理。经协调，施工企业已于{date}向{num}名工友足额支付拖欠工资。感谢您的来电。' },
  { role: 'hotline', platforms: HOT, kind: 'ticket', category: 'reply', text: '【办理结果】您好！您反映的{road}沿线路灯不亮问题，经路灯管理部门排查，系供电线路老化所致，已于{date}完成线路更换，路灯恢复正常照明。' },
  { role: 'message_board', platforms: BOARD, kind: 'message', category: 'reply', text: '网友您好！您反映的{community}小区天然气通气问题已收悉。经{district}住房和城乡建设局调查，该小区燃气管网工程已完成验收，燃气公司计划于本月内分批开通，届时物业将另行通知。感谢您的留言。' },
  { role: 'message_board', platforms: BOARD, kind: 'message', category: 'reply', text: '网友您好！关于您建议在{school}门口增设信号灯的问题，经交警部门现场勘查，已将该路口纳入今年信号灯建设计划，在设施建成前，将在上下学时段安排警力加强疏导。感谢您的建议。' },
  { role: 'message_board', platforms: BOARD, kind: 'message', category: 'reply', text: '网友您好！您反映的垃圾中转站异味问题，{district}城市管理局已督促运营单位增加清运频次，加装除臭喷淋设备，并将加强日常监管。下一步将结合片区规划研究中转站升级改造方案。感谢您的留言。' },
  { role: 'message_board', platforms: BOARD, kind: 'message', category: 'reply', text: '网友您好！您咨询的外地户籍学生参加中考报名条件，请以{city}教育局当年发布的招生工作意见为准，一般需具有本市学籍并在本市连续就读满一定年限，具体可咨询就读学校或区招生办。' },
  { role: 'message_board', platforms: BOARD, kind: 'message', category: 'reply', text: '网友您好！您反映的{district}公交末班车时间过早问题，市交通运输局已会同公交集团研究，计划自下月起将相关线路末班车延长至21:30，并在早晚高峰加密班次。感谢您的建议。' },
  { role: 'message_board', platforms: BOARD, kind: 'message', category: 'reply', text: '网友您好！您反映的用人单位未缴纳社会保险问题已收悉，已转劳动保障监察部门依法核查处理。您也可携带劳动合同、工资流水等材料到区劳动保障监察大队当面投诉。' },
];
