/**
 * Required elements of a statement (时间、地点、责任单位、联系渠道): only
 * those the context asks for. A given value must appear as written or in a
 * form readers recognise (杭州市公安局 → 市公安局, 西湖区 → 西湖); `true`
 * accepts anything that looks like one. These are presence checks: they
 * cannot tell whether the time or place is the right one.
 */
import type { CheckFinding, RequiredElements } from './types';
import { type Draft, foldWidth } from './text';

const CN = '[一二三四五六七八九十]';
const TIME = new RegExp(
  [
    '(?:19|20)\\d{2} ?年',
    `\\d{1,2} ?月 ?\\d{1,2} ?[日号]`,
    `${CN}{1,2}月${CN}{1,3}[日号]`,
    '\\d{1,2} ?日 ?\\d{1,2} ?[时点]',
    '\\d{1,2} ?时',
    '\\d{1,2} ?点 ?(?:\\d{1,2} ?分|许|左右|前后|半|整)',
    '(?:凌晨|早上|上午|中午|下午|傍晚|晚上|夜间|夜里) ?\\d{1,2} ?[点时]',
    '(?<!\\d)\\d{1,2}:\\d{2}(?!\\d)',
    '(?:19|20)\\d{2}[-/.]\\d{1,2}[-/.]\\d{1,2}',
    '今[天日晨早晚]|昨[天日晨早晚夜]|前天|当晚|当天|当日|今年|去年|本月|上月|本周|上周',
    `(?:周|星期)[一二三四五六日天]`,
  ].join('|'),
);

// Place words; the lookahead keeps 市民, 市场, 区域, 路面, 路况, 路线 out.
const PLACE =
  /[\u4e00-\u9fff]{1,10}?(?:特别行政区|自治区|自治州|省|市|区|县|旗|镇|乡|街道|村|社区|小区|大道|路|街|巷|胡同|桥|广场|公园|景区|水库|河|江|湖|山|高速|隧道|车站|机场|码头|港)(?![民场域面况线径])/;

const UNIT =
  /人民政府|政府|委员会|管委会|办公室|办事处|(?<![我本该])(?:公安|分|信访|应急管理|教育|卫生健康|市场监管|市场监督管理|交通运输|生态环境|住建|自然资源|水利|民政|财政|税务|文旅|城管|消防)局|[\u4e00-\u9fff](?<![我本该布格结时大全当开残骗饭赌僵出败终定对平胜])局|派出所|支队|大队|中队|指挥部|中心|公司|集团|医院|卫生院|学校|大学|学院|小学|中学|幼儿园|法院|检察院|纪委|监委|卫健委|发改委|教委|宣传部|新闻办|应急办|街道办/;

const CONTACT = new RegExp(
  [
    '电话|热线|邮箱|电子邮件|信箱|网址|网站|公众号|小程序|留言|来信|来电|来访',
    'e-?mail',
    // Anchored to the start of a run: unanchored, a long digit run backtracks quadratically.
    '(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}',
    'https?://|www\\.',
    '(?<![\\dA-Za-z·.-])(?:123\\d{2}|110|119|120|122)(?![\\dA-Za-z])',
    '(?<!\\d)0\\d{2,3}-?\\d{7,8}(?!\\d)',
    '(?<!\\d)[48]00-?\\d{3}-?\\d{4}(?!\\d)',
  ].join('|'),
  'i',
);

// No bare 州: it would cut 杭州市 into 杭州 + 市….
const ADMIN_PART = /[\u4e00-\u9fff]+?(?:特别行政区|自治区|自治州|自治县|省|市|盟|地区|区|县|旗|镇|乡|街道|村|社区|大道|路|街|巷)/g;
const ADMIN_SUFFIX = /(?:特别行政区|自治区|自治州|自治县|省|市|盟|地区|区|县|旗|镇|乡|街道|村|社区)$/;

/** The place as written, and shorter forms that still name it: the most specific parts, without the province and city. */
export function placeForms(place: string): string[] {
  const base = place.replace(/\s+/g, '');
  const forms = new Set([base]);
  const parts = Array.from(base.matchAll(ADMIN_PART), (m) => m[0]);
  const consumed = parts.join('');
  const rest = base.startsWith(consumed) ? base.slice(consumed.length) : '';
  for (let i = 1; i < parts.length; i++) forms.add(parts.slice(i).join('') + rest);
  const last = parts[parts.length - 1];
  if (last && !rest) {
    const core = last.replace(ADMIN_SUFFIX, '');
    if (core.length >= 2) forms.add(core);
  }
  return [...forms].filter((f) => f.length >= 2);
}

const ABBREVIATIONS: ReadonlyArray<readonly [string, string]> = [
  ['人民政府', '政府'],
  ['卫生健康委员会', '卫健委'],
  ['发展和改革委员会', '发改委'],
  ['应急管理局', '应急局'],
  ['市场监督管理局', '市场监管局'],
  ['住房和城乡建设局', '住建局'],
  ['人力资源和社会保障局', '人社局'],
  ['交通运输局', '交通局'],
  ['新闻办公室', '新闻办'],
  ['公安分局', '分局'],
];

interface Form {
  text: string;
  /**
   * A form cut down to its level word (市公安局, 区卫健委) also reads as the
   * same unit of another place (西湖区卫健委 for 拱墅区卫健委), so it only
   * counts where no place name runs into it.
   */
  levelOnly?: boolean;
}

/** The unit as written, its usual abbreviations, and the form its own staff use (杭州市公安局 → 市公安局). */
export function unitForms(unit: string): Form[] {
  const names = new Set([unit.replace(/\s+/g, '')]);
  for (const [full, short] of ABBREVIATIONS) {
    for (const f of [...names]) if (f.includes(full)) names.add(f.replace(full, short));
  }
  const forms: Form[] = [...names].map((text) => ({ text }));
  for (const f of names) {
    // Peel the place names off the front and keep the last level word.
    let rest = f;
    let level = '';
    for (;;) {
      const m = /^([\u4e00-\u9fff]{2,6}?)(自治区|省|市|区|县)/.exec(rest);
      if (!m?.[1] || !m[2] || /[局委办院所厅部]/.test(m[1])) break;
      level = m[2];
      rest = rest.slice(m[0].length);
    }
    if (level && rest.length >= 2) forms.push({ text: level + rest, levelOnly: true });
    // 杭州市公安局西湖区分局 is known as 西湖区分局.
    const tail = /(?:局|委员会|政府)(.{4,})$/.exec(f);
    if (tail?.[1]) forms.push({ text: tail[1] });
  }
  const byText = new Map<string, Form>();
  for (const f of forms) if (f.text.length >= 3 && !byText.has(f.text)) byText.set(f.text, f);
  return [...byText.values()];
}

// Before a level-only form: not a character of a place name, but a word that
// introduces the unit (据市公安局通报, 由区卫健委牵头) or punctuation.
const INTRODUCER = /[^\u4e00-\u9fff]|[据经由向和与及在对从同请本我该各即将已会并]/;

function mentions(norm: string, forms: readonly (Form | string)[]): boolean {
  return forms.some((form) => {
    const { text, levelOnly } = typeof form === 'string' ? { text: form, levelOnly: false } : form;
    const folded = foldWidth(text);
    if (!levelOnly) return norm.includes(folded);
    for (let i = norm.indexOf(folded); i >= 0; i = norm.indexOf(folded, i + 1)) {
      if (i === 0 || INTRODUCER.test(norm[i - 1] ?? '')) return true;
    }
    return false;
  });
}

function missing(message: string): CheckFinding {
  return { check: 'missing_element', severity: 'error', message };
}

export function checkRequiredElements(draft: Draft, required: RequiredElements | undefined): CheckFinding[] {
  if (!required) return [];
  const { norm } = draft;
  const findings: CheckFinding[] = [];
  if (required.time && !TIME.test(norm)) {
    findings.push(missing('缺少时间要素：须写明事件发生或处置的具体时间（如“11月26日14时”“今天下午”），“近日”“日前”不算'));
  }
  if (typeof required.place === 'string' && required.place.trim()) {
    if (!mentions(norm, placeForms(required.place))) findings.push(missing(`缺少地点要素：未提及“${required.place}”或其通行简称`));
  } else if (required.place && !PLACE.test(norm)) {
    findings.push(missing('缺少地点要素：须写明事发地点'));
  }
  if (typeof required.unit === 'string' && required.unit.trim()) {
    if (!mentions(norm, unitForms(required.unit))) findings.push(missing(`缺少责任单位：未提及“${required.unit}”或其通行简称`));
  } else if (required.unit && !UNIT.test(norm)) {
    findings.push(missing('缺少责任单位：须写明发布或负责处置的单位名称'));
  }
  if (required.contact && !CONTACT.test(norm)) {
    findings.push(missing('缺少联系渠道：须提供群众咨询或反映的渠道（如12345热线、联系电话、邮箱、网址或留言渠道）'));
  }
  return findings;
}
