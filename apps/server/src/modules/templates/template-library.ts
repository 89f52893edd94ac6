import { industryById } from './industries';
import type { LibraryKeyword, LibraryTemplate } from './template.types';

/**
 * The template library (模板库) of gzh: what `template/api_add_template` copies into an
 * account's private templates, the console browses and `gzh template library` prints.
 *
 * Written for gzh (ids follow WeChat's shapes, contents are gzh's own): classic industry
 * templates (`TM…` / `OPENTM…`, a `{{first.DATA}}` greeting, labelled keywords, a
 * `{{remark.DATA}}` footer) and category templates (类目模板, numeric ids) whose content is
 * assembled from the keywords the account picks with `keyword_name_list`, with placeholder names
 * typed by prefix (`thing`, `character_string`, `amount`, `time`, `phrase`…) as in WeChat's new
 * library.
 */

type Field = readonly [label: string, key: string, example: string];

/** A classic template: greeting, one `label：{{key.DATA}}` line per field, remark. */
function classic(
  shortId: string,
  industryId: number,
  title: string,
  first: string,
  fields: readonly Field[],
  remark: string,
): LibraryTemplate {
  const content = ['{{first.DATA}}', ...fields.map(([label, key]) => `${label}：{{${key}.DATA}}`), '{{remark.DATA}}'].join('\n');
  const example = [first, ...fields.map(([label, , value]) => `${label}：${value}`), remark].join('\n');
  return { shortId, title, industryId, kind: 'classic', content, example, keywords: [] };
}

/** A category template: the keywords it offers (the account picks up to five). */
function category(shortId: string, industryId: number, title: string, keywords: readonly Field[]): LibraryTemplate {
  return {
    shortId,
    title,
    industryId,
    kind: 'category',
    content: '',
    example: '',
    keywords: keywords.map(([name, key, example]) => ({ name, key, example })),
  };
}

/** Keywords a category template may be built from (WeChat allows up to five). */
export const MAX_CATEGORY_KEYWORDS = 5;

/** The catalogue, grouped by industry code. */
export const TEMPLATE_LIBRARY: readonly LibraryTemplate[] = [
  // 1 IT科技 / 互联网|电子商务
  classic(
    'TM00015',
    1,
    '订单支付成功',
    '您的订单已支付成功。',
    [
      ['支付金额', 'orderMoneySum', '¥128.00'],
      ['商品信息', 'orderProductName', '无线蓝牙耳机 ×1'],
    ],
    '我们将尽快为您发货，感谢您的支持！',
  ),
  classic(
    'OPENTM200654400',
    1,
    '订单发货提醒',
    '亲，您的订单已经发货啦。',
    [
      ['订单编号', 'keyword1', 'E20261124103522'],
      ['物流公司', 'keyword2', '顺丰速运'],
      ['物流单号', 'keyword3', 'SF1402937716623'],
    ],
    '点击查看物流详情。',
  ),
  classic(
    'OPENTM207498902',
    1,
    '订单待支付提醒',
    '您有一笔订单尚未支付，超时将自动取消。',
    [
      ['订单号', 'keyword1', 'E20261124091108'],
      ['订单金额', 'keyword2', '¥59.90'],
      ['下单时间', 'keyword3', '2026-11-24 09:11'],
    ],
    '请在30分钟内完成支付。',
  ),
  classic(
    'OPENTM401833445',
    1,
    '退款成功通知',
    '您的退款已处理完成。',
    [
      ['退款金额', 'keyword1', '¥39.80'],
      ['退款方式', 'keyword2', '原路退回'],
      ['到账时间', 'keyword3', '1-3个工作日'],
    ],
    '如有疑问请联系在线客服。',
  ),
  classic(
    'OPENTM412422305',
    1,
    '优惠券到账提醒',
    '恭喜您获得一张优惠券！',
    [
      ['优惠券', 'keyword1', '满100减20'],
      ['有效期', 'keyword2', '2026-12-31'],
    ],
    '下单时自动抵扣，快去使用吧。',
  ),
  category('43216', 1, '订单状态通知', [
    ['订单编号', 'character_string1', 'E20261124103522'],
    ['商品名称', 'thing2', '无线蓝牙耳机'],
    ['订单金额', 'amount3', '128.00元'],
    ['订单状态', 'phrase4', '已发货'],
    ['下单时间', 'time5', '2026年11月24日 10:35'],
  ]),
  // 2 IT科技 / IT软件与服务
  classic(
    'OPENTM400166399',
    2,
    '服务到期提醒',
    '您购买的服务即将到期。',
    [
      ['服务名称', 'keyword1', '云主机 标准型S2'],
      ['到期时间', 'keyword2', '2026-12-01'],
    ],
    '到期后服务将暂停，请及时续费。',
  ),
  classic(
    'OPENTM411950215',
    2,
    '工单处理进度通知',
    '您提交的工单有新的进展。',
    [
      ['工单编号', 'keyword1', 'WO-20261124-0087'],
      ['处理状态', 'keyword2', '处理中'],
      ['处理人', 'keyword3', '技术支持 王工'],
    ],
    '点击查看工单详情。',
  ),
  classic(
    'OPENTM406347512',
    2,
    '账号登录提醒',
    '您的账号刚刚在新设备上登录。',
    [
      ['登录账号', 'keyword1', 'li***@example.com'],
      ['登录时间', 'keyword2', '2026-11-24 21:03'],
      ['登录地点', 'keyword3', '广东 深圳'],
    ],
    '如非本人操作，请立即修改密码。',
  ),
  classic(
    'OPENTM410210731',
    2,
    '任务完成通知',
    '您创建的任务已执行完毕。',
    [
      ['任务名称', 'keyword1', '每日数据备份'],
      ['执行结果', 'keyword2', '成功'],
      ['完成时间', 'keyword3', '2026-11-24 03:00'],
    ],
    '可在控制台查看执行日志。',
  ),
  // 5 IT科技 / 通信与运营商
  classic(
    'TM00352',
    5,
    '话费余额不足提醒',
    '您的话费余额不足，请及时充值。',
    [
      ['手机号码', 'keyword1', '138****5678'],
      ['当前余额', 'keyword2', '¥4.60'],
    ],
    '余额不足可能影响正常通话。',
  ),
  classic(
    'OPENTM403120557',
    5,
    '流量使用提醒',
    '您本月的套餐流量已使用80%。',
    [
      ['已用流量', 'keyword1', '16GB'],
      ['剩余流量', 'keyword2', '4GB'],
      ['统计时间', 'keyword3', '2026-11-24 12:00'],
    ],
    '可订购流量包避免超出套餐。',
  ),
  // 6 IT科技 / 网络游戏
  classic(
    'OPENTM405588640',
    6,
    '活动开始提醒',
    '您关注的活动即将开始！',
    [
      ['活动名称', 'keyword1', '冬日狂欢季'],
      ['开始时间', 'keyword2', '2026-12-01 20:00'],
    ],
    '准时上线，丰厚奖励等你来拿。',
  ),
  // 7 金融业 / 银行
  classic(
    'OPENTM201495123',
    7,
    '账户资金变动提醒',
    '您的账户发生一笔资金变动。',
    [
      ['交易类型', 'keyword1', '消费'],
      ['交易金额', 'keyword2', '¥256.00'],
      ['交易时间', 'keyword3', '2026-11-24 18:42'],
      ['可用余额', 'keyword4', '¥8,642.15'],
    ],
    '如有疑问请致电客服热线。',
  ),
  classic(
    'OPENTM207128822',
    7,
    '信用卡还款提醒',
    '您的信用卡本期账单即将到期。',
    [
      ['卡号尾号', 'keyword1', '6789'],
      ['应还金额', 'keyword2', '¥3,218.50'],
      ['最后还款日', 'keyword3', '2026-12-05'],
    ],
    '请按时还款，以免影响信用记录。',
  ),
  category('50112', 7, '账户变动提醒', [
    ['交易类型', 'phrase1', '转账'],
    ['交易金额', 'amount2', '500.00元'],
    ['交易时间', 'time3', '2026年11月24日 18:42'],
    ['账户余额', 'amount4', '8642.15元'],
    ['交易对方', 'thing5', '张三'],
  ]),
  // 9 金融业 / 保险
  classic(
    'OPENTM404792010',
    9,
    '保单生效通知',
    '您的保单已正式生效。',
    [
      ['保单号', 'keyword1', 'P2026112400031'],
      ['产品名称', 'keyword2', '综合意外险'],
      ['保障期间', 'keyword3', '2026-11-25 至 2027-11-24'],
    ],
    '感谢您的信任，祝您生活愉快。',
  ),
  classic(
    'OPENTM409301285',
    9,
    '理赔进度通知',
    '您的理赔申请有新的进展。',
    [
      ['案件号', 'keyword1', 'C20261120008'],
      ['当前进度', 'keyword2', '审核通过，待打款'],
      ['赔付金额', 'keyword3', '¥1,200.00'],
    ],
    '赔款将于3个工作日内到账。',
  ),
  // 10 餐饮
  classic(
    'OPENTM406019231',
    10,
    '排队叫号提醒',
    '您排的号即将到了，请做好准备。',
    [
      ['排队号码', 'keyword1', 'A027'],
      ['前方等待', 'keyword2', '2桌'],
      ['门店名称', 'keyword3', '老街面馆（科技园店）'],
    ],
    '过号需重新取号哦。',
  ),
  classic(
    'OPENTM412845102',
    10,
    '外卖订单配送通知',
    '您的外卖已经出餐，骑手正在赶来。',
    [
      ['订单号', 'keyword1', 'W1124183001'],
      ['配送骑手', 'keyword2', '李师傅 139****2210'],
      ['预计送达', 'keyword3', '18:55'],
    ],
    '祝您用餐愉快！',
  ),
  classic(
    'TM00589',
    10,
    '餐位预订成功通知',
    '您的餐位已预订成功。',
    [
      ['预订门店', 'keyword1', '海景粤菜馆'],
      ['用餐时间', 'keyword2', '2026-11-28 18:30'],
      ['用餐人数', 'keyword3', '6人'],
    ],
    '座位保留15分钟，请准时到店。',
  ),
  // 11 酒店旅游 / 酒店
  classic(
    'OPENTM207300118',
    11,
    '酒店预订成功通知',
    '您的酒店已预订成功。',
    [
      ['酒店名称', 'keyword1', '湖畔花园酒店'],
      ['入住日期', 'keyword2', '2026-12-20'],
      ['离店日期', 'keyword3', '2026-12-22'],
      ['房型', 'keyword4', '高级大床房'],
    ],
    '入住当天14:00后可办理入住。',
  ),
  classic(
    'OPENTM405862177',
    11,
    '退房提醒',
    '您今天需要退房，请合理安排时间。',
    [
      ['房间号', 'keyword1', '1208'],
      ['退房时间', 'keyword2', '12:00前'],
    ],
    '如需延迟退房请联系前台。',
  ),
  // 12 酒店旅游 / 旅游
  classic(
    'OPENTM411325690',
    12,
    '出行提醒',
    '您预订的行程明天出发。',
    [
      ['行程名称', 'keyword1', '黄山三日游'],
      ['集合时间', 'keyword2', '2026-12-05 07:30'],
      ['集合地点', 'keyword3', '市民中心北门'],
    ],
    '请携带身份证件，注意保暖。',
  ),
  // 13 运输与仓储 / 快递
  classic(
    'OPENTM202243318',
    13,
    '快递签收提醒',
    '您的快递已签收。',
    [
      ['快递单号', 'keyword1', 'YT7503398812261'],
      ['签收时间', 'keyword2', '2026-11-24 15:20'],
      ['签收人', 'keyword3', '本人'],
    ],
    '如非本人签收，请及时联系我们。',
  ),
  classic(
    'OPENTM401201865',
    13,
    '快递派送提醒',
    '您的快递正在派送中。',
    [
      ['快递单号', 'keyword1', 'YT7503398812261'],
      ['快递员', 'keyword2', '赵师傅 186****0953'],
    ],
    '请保持电话畅通。',
  ),
  category('49533', 13, '快递到达通知', [
    ['快递单号', 'character_string1', 'YT7503398812261'],
    ['快递公司', 'thing2', '圆通速递'],
    ['取件码', 'character_string3', '8-2-3041'],
    ['驿站地址', 'thing4', '幸福里小区东门驿站'],
    ['到达时间', 'time5', '2026年11月24日 14:02'],
  ]),
  // 14 运输与仓储 / 物流
  classic(
    'OPENTM410580093',
    14,
    '物流状态更新',
    '您的货物运输状态已更新。',
    [
      ['运单号', 'keyword1', 'LD202611240188'],
      ['当前状态', 'keyword2', '已到达武汉转运中心'],
      ['更新时间', 'keyword3', '2026-11-24 06:40'],
    ],
    '预计2天后送达。',
  ),
  // 16 教育 / 培训
  classic(
    'OPENTM207685075',
    16,
    '课程开课提醒',
    '您报名的课程即将开课。',
    [
      ['课程名称', 'keyword1', 'Python数据分析入门'],
      ['上课时间', 'keyword2', '2026-11-26 19:30'],
      ['上课地点', 'keyword3', '线上直播'],
    ],
    '请提前10分钟进入直播间。',
  ),
  classic(
    'OPENTM412130048',
    16,
    '作业提交提醒',
    '您有一份作业尚未提交。',
    [
      ['作业名称', 'keyword1', '第三章课后练习'],
      ['截止时间', 'keyword2', '2026-11-27 23:59'],
    ],
    '逾期提交将影响成绩。',
  ),
  category('48820', 16, '上课提醒', [
    ['课程名称', 'thing1', '少儿编程进阶班'],
    ['上课时间', 'time2', '2026年11月29日 10:00'],
    ['上课地点', 'thing3', '科技园校区 302教室'],
    ['授课老师', 'thing4', '陈老师'],
  ]),
  // 17 教育 / 院校
  classic(
    'OPENTM406432171',
    17,
    '成绩发布通知',
    '本学期期末成绩已发布。',
    [
      ['学生姓名', 'keyword1', '李明'],
      ['考试名称', 'keyword2', '2026秋季期末考试'],
      ['总分', 'keyword3', '612'],
    ],
    '点击查看各科成绩详情。',
  ),
  classic(
    'OPENTM204533457',
    17,
    '缴费成功通知',
    '您已成功缴纳费用。',
    [
      ['缴费项目', 'keyword1', '2026学年住宿费'],
      ['缴费金额', 'keyword2', '¥1,500.00'],
      ['缴费时间', 'keyword3', '2026-09-01 10:12'],
    ],
    '电子票据可在缴费平台下载。',
  ),
  // 19 政府与公共事业 / 交警
  classic(
    'OPENTM400922518',
    19,
    '交通违法提醒',
    '您名下的车辆有一条新的交通违法记录。',
    [
      ['车牌号', 'keyword1', '粤B·12345'],
      ['违法行为', 'keyword2', '违反禁止标线指示'],
      ['违法时间', 'keyword3', '2026-11-20 08:14'],
      ['违法地点', 'keyword4', '深南大道与科技路交叉口'],
    ],
    '请在15日内处理。',
  ),
  // 21 政府与公共事业 / 公共事业|非盈利机构
  classic(
    'OPENTM403358920',
    21,
    '水电费账单通知',
    '您本月的水电费账单已生成。',
    [
      ['户号', 'keyword1', '0102938475'],
      ['账单月份', 'keyword2', '2026年11月'],
      ['应缴金额', 'keyword3', '¥186.40'],
    ],
    '可通过菜单“生活缴费”在线支付。',
  ),
  classic(
    'OPENTM409871207',
    21,
    '计划停水通知',
    '因管网维修，您所在区域将临时停水。',
    [
      ['停水区域', 'keyword1', '幸福里小区1-6栋'],
      ['停水时间', 'keyword2', '2026-11-26 09:00-17:00'],
    ],
    '请提前做好储水准备，给您带来不便敬请谅解。',
  ),
  category('47123', 21, '缴费成功通知', [
    ['缴费项目', 'thing1', '居民用电'],
    ['缴费金额', 'amount2', '200.00元'],
    ['缴费时间', 'time3', '2026年11月24日 20:15'],
    ['户号', 'character_string4', '0102938475'],
  ]),
  // 22 医药护理 / 医药医疗
  classic(
    'OPENTM205109890',
    22,
    '挂号成功通知',
    '您已挂号成功。',
    [
      ['就诊人', 'keyword1', '王芳'],
      ['就诊科室', 'keyword2', '呼吸内科'],
      ['就诊时间', 'keyword3', '2026-11-25 09:30'],
      ['就诊序号', 'keyword4', '12号'],
    ],
    '请携带医保卡提前15分钟到院签到。',
  ),
  classic(
    'OPENTM407762144',
    22,
    '就诊提醒',
    '您明天有一个就诊预约。',
    [
      ['就诊人', 'keyword1', '王芳'],
      ['医生', 'keyword2', '刘医生（副主任医师）'],
      ['就诊时间', 'keyword3', '2026-11-25 09:30'],
    ],
    '如需取消请提前一天操作。',
  ),
  classic(
    'OPENTM411057380',
    22,
    '检查报告出具通知',
    '您的检查报告已出具。',
    [
      ['检查项目', 'keyword1', '血常规'],
      ['出具时间', 'keyword2', '2026-11-24 16:05'],
    ],
    '点击查看报告，如有异常请及时复诊。',
  ),
  category('45578', 22, '预约挂号成功通知', [
    ['就诊人', 'thing1', '王芳'],
    ['就诊科室', 'thing2', '呼吸内科'],
    ['医生', 'thing3', '刘医生'],
    ['就诊时间', 'time4', '2026年11月25日 09:30'],
    ['就诊地点', 'thing5', '门诊楼3楼B区'],
    ['预约编号', 'character_string6', 'GH20261125000012'],
  ]),
  // 25 交通工具 / 汽车相关
  classic(
    'OPENTM406287315',
    25,
    '车辆保养提醒',
    '您的爱车即将到达保养里程。',
    [
      ['车牌号', 'keyword1', '粤B·12345'],
      ['当前里程', 'keyword2', '9,650公里'],
      ['建议保养项目', 'keyword3', '更换机油、机滤'],
    ],
    '预约保养可享工时8折。',
  ),
  // 27 交通工具 / 火车相关
  classic(
    'OPENTM410911763',
    27,
    '车票预订成功通知',
    '您的火车票已预订成功。',
    [
      ['车次', 'keyword1', 'G1012'],
      ['出发时间', 'keyword2', '2026-12-10 08:05'],
      ['座位', 'keyword3', '05车 12F 二等座'],
    ],
    '请携带有效证件提前进站。',
  ),
  // 28 交通工具 / 飞机相关
  classic(
    'OPENTM400367629',
    28,
    '航班变动提醒',
    '您乘坐的航班信息有变动。',
    [
      ['航班号', 'keyword1', 'CZ3456'],
      ['原起飞时间', 'keyword2', '2026-12-12 14:20'],
      ['新起飞时间', 'keyword3', '2026-12-12 16:05'],
    ],
    '给您的出行带来不便，敬请谅解。',
  ),
  // 30 房地产 / 物业
  classic(
    'OPENTM202617304',
    30,
    '物业费缴费提醒',
    '您的物业费即将到期。',
    [
      ['房号', 'keyword1', '3栋1单元1202'],
      ['缴费周期', 'keyword2', '2027年第一季度'],
      ['应缴金额', 'keyword3', '¥897.00'],
    ],
    '请于12月31日前缴纳。',
  ),
  classic(
    'OPENTM408493016',
    30,
    '报修处理通知',
    '您提交的报修已安排师傅上门。',
    [
      ['报修内容', 'keyword1', '厨房水龙头漏水'],
      ['维修师傅', 'keyword2', '周师傅 137****6621'],
      ['上门时间', 'keyword3', '2026-11-25 14:00'],
    ],
    '维修完成后请对服务进行评价。',
  ),
  // 31 消费品
  classic(
    'OPENTM207509450',
    31,
    '积分变动提醒',
    '您的会员积分发生变动。',
    [
      ['变动原因', 'keyword1', '购物奖励'],
      ['变动积分', 'keyword2', '+120'],
      ['当前积分', 'keyword3', '3,460'],
    ],
    '积分可在会员中心兑换好礼。',
  ),
  classic(
    'TM00876',
    31,
    '会员卡开通成功',
    '欢迎加入会员！',
    [
      ['会员卡号', 'keyword1', 'VIP00088123'],
      ['会员等级', 'keyword2', '银卡会员'],
    ],
    '会员可享全场9.5折。',
  ),
  // 38 文体娱乐 / 体育
  classic(
    'OPENTM405129876',
    38,
    '场馆预约成功通知',
    '您的场地已预约成功。',
    [
      ['场馆名称', 'keyword1', '市体育中心羽毛球馆'],
      ['场地', 'keyword2', '5号场'],
      ['预约时段', 'keyword3', '2026-11-29 19:00-21:00'],
    ],
    '请凭预约码入场。',
  ),
  // 41 其它
  classic(
    'OPENTM401260717',
    41,
    '审核结果通知',
    '您提交的申请已审核完成。',
    [
      ['申请事项', 'keyword1', '入驻申请'],
      ['审核结果', 'keyword2', '已通过'],
      ['审核时间', 'keyword3', '2026-11-24 11:30'],
    ],
    '点击查看后续流程。',
  ),
  classic(
    'OPENTM415337109',
    41,
    '预约成功通知',
    '您的预约已成功。',
    [
      ['预约项目', 'keyword1', '上门量房'],
      ['预约时间', 'keyword2', '2026-11-30 10:00'],
    ],
    '如需改期请提前联系我们。',
  ),
];

const BY_SHORT_ID = new Map(TEMPLATE_LIBRARY.map((t) => [t.shortId, t]));

/** The library entry with this short id (`TM00015`, `OPENTM200654400`, `47123`), if any. */
export function libraryTemplate(shortId: string): LibraryTemplate | undefined {
  return BY_SHORT_ID.get(shortId);
}

/** Library entries of one industry (or all), in catalogue order. */
export function libraryOf(industryId?: number): LibraryTemplate[] {
  return TEMPLATE_LIBRARY.filter((t) => industryId === undefined || t.industryId === industryId);
}

/**
 * The content and example of a category template built from the chosen keywords, one
 * `name：{{key.DATA}}` line each, in the order given.
 */
export function assembleCategory(keywords: readonly LibraryKeyword[]): { content: string; example: string } {
  return {
    content: keywords.map((k) => `${k.name}：{{${k.key}.DATA}}`).join('\n'),
    example: keywords.map((k) => `${k.name}：${k.example}`).join('\n'),
  };
}

/** First and second class names of a template's industry. */
export function industryNames(industryId: number): { primary: string; deputy: string } {
  const industry = industryById(industryId);
  return { primary: industry?.firstClass ?? '', deputy: industry?.secondClass ?? '' };
}
