/**
 * WeChat's template-notice industry codes (公众号模板消息所属行业编号): the 41 codes that
 * `template/api_set_industry` takes and `template/get_industry` answers with their first/second
 * class names, as the official "行业代码查询" table lists them. Names keep WeChat's own spelling
 * (`互联网|电子商务` with the bar), since SDK users compare them as strings.
 */
export interface Industry {
  /** 1–41. */
  id: number;
  /** 主行业, e.g. `IT科技`. */
  firstClass: string;
  /** 副行业, e.g. `互联网|电子商务`. */
  secondClass: string;
}

const TABLE: readonly [string, string][] = [
  ['IT科技', '互联网|电子商务'],
  ['IT科技', 'IT软件与服务'],
  ['IT科技', 'IT硬件与设备'],
  ['IT科技', '电子技术'],
  ['IT科技', '通信与运营商'],
  ['IT科技', '网络游戏'],
  ['金融业', '银行'],
  ['金融业', '基金|理财|信托'],
  ['金融业', '保险'],
  ['餐饮', '餐饮'],
  ['酒店旅游', '酒店'],
  ['酒店旅游', '旅游'],
  ['运输与仓储', '快递'],
  ['运输与仓储', '物流'],
  ['运输与仓储', '仓储'],
  ['教育', '培训'],
  ['教育', '院校'],
  ['政府与公共事业', '学术科研'],
  ['政府与公共事业', '交警'],
  ['政府与公共事业', '博物馆'],
  ['政府与公共事业', '公共事业|非盈利机构'],
  ['医药护理', '医药医疗'],
  ['医药护理', '护理美容'],
  ['医药护理', '保健与卫生'],
  ['交通工具', '汽车相关'],
  ['交通工具', '摩托车相关'],
  ['交通工具', '火车相关'],
  ['交通工具', '飞机相关'],
  ['房地产', '建筑'],
  ['房地产', '物业'],
  ['消费品', '消费品'],
  ['商业服务', '法律'],
  ['商业服务', '会展'],
  ['商业服务', '中介服务'],
  ['商业服务', '认证'],
  ['商业服务', '审计'],
  ['文体娱乐', '传媒'],
  ['文体娱乐', '体育'],
  ['文体娱乐', '娱乐休闲'],
  ['印刷', '印刷'],
  ['其它', '其它'],
];

/** Every industry, in code order (index + 1 is the code). */
export const INDUSTRIES: readonly Industry[] = TABLE.map(([firstClass, secondClass], i) => ({
  id: i + 1,
  firstClass,
  secondClass,
}));

/** The industry with this code, or `undefined` outside 1–41. */
export function industryById(id: number): Industry | undefined {
  return Number.isInteger(id) ? INDUSTRIES[id - 1] : undefined;
}

/**
 * Reads an industry code as SDKs send it: a JSON integer or a decimal string (`"1"`, WeChat's own
 * sample). Returns `null` for anything else, including codes outside the table.
 */
export function parseIndustryId(value: unknown): number | null {
  const n = typeof value === 'string' && /^\s*\d{1,3}\s*$/.test(value) ? Number(value) : value;
  return typeof n === 'number' && industryById(n) ? n : null;
}
