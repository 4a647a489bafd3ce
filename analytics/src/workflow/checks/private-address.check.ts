/**
 * Addresses of private persons. A statement may say where something happened
 * (a road, a compound, a square, an office), but not which door someone lives
 * behind. We read runs of numbered address parts (3号楼2单元501室, 12栋1203,
 * 3组12号, 幸福小区3-2-501) and decide by what the run pins down:
 *
 * - error: one household: a room, door or house inside a building, unit or
 *   village group (…单元501, …栋1203, …号楼…室, …村3组12号, 小区…室, …户);
 * - warning: a building's stairwell (3号楼2单元), or a bare street number
 *   next to a word that says someone lives there (家住人民路100号);
 * - nothing: a road and number alone (人民路100号), floors and meeting rooms
 *   (3楼301室 without a residential word), and any address whose nearby
 *   words name an organisation or place (市政府大楼3楼301室, 1号市民中心)
 *   or one of the context's public names.
 */
import type { CheckFinding, CheckSeverity } from './types';
import type { Draft } from './text';

const CN_NUM = '[一二三四五六七八九十百零〇两]{1,4}';
const NUM = `(?:\\d{1,5}|${CN_NUM}|[A-Za-z](?=[栋幢座]))`;
const UNIT = '(?:号楼|号院|栋|幢|座|单元|层|楼|室|户|号|组|弄|巷)';
// A bare room number closes a run (12栋1203) unless a measure word shows it
// is a count or a year (1号楼2024年投入使用).
const TRAILING_ROOM = '(?:\\d{2,4}(?![\\d年月日时分秒元万亿个人名次件辆台套间米平%.]))';
const RUN = new RegExp(`(?<![\\dA-Za-z一二三四五六七八九十百零〇两])(?:${NUM}${UNIT})+${TRAILING_ROOM}?`, 'g');
const PART = new RegExp(`(${NUM})(${UNIT})`, 'g');
const DASHED = /(?<=(?:小区|花园|家园|公寓|新村|社区|苑|宿舍|家属院) ?)\d{1,3}-\d{1,3}-\d{2,4}(?![\d-])/g;

const BUILDING = new Set(['号楼', '栋', '幢', '座', '单元']);
const DOOR = new Set(['室', '号', '户']);

const CUE = /家住|住在|住于|住址|居住|住所|户籍|暂住|租住|寓所|住处|家庭地址|其家/g;
const RESIDENTIAL = /小区|花园|家园|公寓|新村|社区|宿舍|家属院|家属楼|住宅|安置房|安置区|苑|别墅|村/;
const VILLAGE = /村|屯|社(?!区)/;
const ORG =
  /政府|大楼|办公楼|机关|中心|广场|医院|卫生院|诊所|学校|小学|中学|大学|学院|幼儿园|派出所|公安|法院|检察院|(?<![格布结当])局|委员会|管委会|居委会|村委会|办事处|街道办|公司|集团|酒店|宾馆|饭店|商场|超市|银行|营业厅|车站|机场|体育馆|图书馆|博物馆|纪念馆|展览馆|公园|大厅|服务站|写字楼|产业园|工业园|会议室|办公室|接待室|值班室|教室|报告厅|会议厅|展厅|窗口/g;
// Clauses end here; a name before them does not own the address after them.
const CLAUSE_END = /[。!?;\n,、]/;
// Words that start a new phrase after an address (1203室的租户向区应急管理局…).
const PHRASE_BREAK = /[的向在和与及对从给被将把是]/;
const WINDOW = 24;
const SUFFIX_WINDOW = 6;

function prefixWindow(norm: string, start: number): string {
  const from = Math.max(0, start - WINDOW);
  const slice = norm.slice(from, start);
  let cut = -1;
  for (let i = slice.length - 1; i >= 0; i--) {
    if (CLAUSE_END.test(slice[i] ?? '')) {
      cut = i;
      break;
    }
  }
  return slice.slice(cut + 1);
}

function suffixWindow(norm: string, end: number): string {
  const slice = norm.slice(end, end + SUFFIX_WINDOW).trimStart();
  let out = '';
  for (const c of slice) {
    if (CLAUSE_END.test(c) || PHRASE_BREAK.test(c)) break;
    out += c;
  }
  return out;
}

function lastIndex(re: RegExp, s: string): number {
  let last = -1;
  for (const m of s.matchAll(re)) last = m.index;
  return last;
}

/** True when the words around the address say it belongs to an organisation or a named public person or unit. */
function organisational(prefix: string, suffix: string, publicNames: readonly string[]): boolean {
  if (publicNames.some((n) => n && (prefix.includes(n) || suffix.includes(n)))) return true;
  if (lastIndex(ORG, suffix) >= 0) return true;
  // 区公安局通报：家住…: the unit speaks, the address is someone's home.
  return lastIndex(ORG, prefix) > lastIndex(CUE, prefix);
}

interface Part {
  unit: string;
}

export function classifyRun(parts: readonly Part[], trailingRoom: boolean, prefix: string): CheckSeverity | null {
  const units = parts.map((p) => p.unit);
  const cue = lastIndex(CUE, prefix) >= 0;
  const residential = RESIDENTIAL.test(prefix);
  const b = units.findIndex((u) => BUILDING.has(u));
  if (b >= 0 && (trailingRoom || units.slice(b + 1).some((u) => DOOR.has(u)))) return 'error';
  if (units.includes('室') && (units.includes('号') || residential || cue)) return 'error';
  if (units.includes('户') && units.length > 1) return 'error';
  const g = units.indexOf('组');
  if (g >= 0 && units.slice(g + 1).includes('号') && VILLAGE.test(prefix)) return 'error';
  if (units.includes('单元') && units.some((u) => u !== '单元' && BUILDING.has(u))) return 'warning';
  if (cue && (b >= 0 || units.includes('号') || units.includes('室'))) return 'warning';
  return null;
}

const MASKABLE = /[0-9A-Za-z０-９Ａ-Ｚａ-ｚ一二三四五六七八九十百零〇两]/g;

export function maskAddress(original: string): string {
  return original.replace(MASKABLE, '*');
}

const MESSAGES: Record<CheckSeverity, string> = {
  error: '疑似个人住址（精确到楼栋、单元、门牌或户），发布前须删除或模糊到小区、村一级',
  warning: '疑似个人住址，请确认是否为单位或公共场所地址；个人住址须模糊到小区、村一级',
};

export function checkPrivateAddresses(draft: Draft, publicNames: readonly string[] = []): CheckFinding[] {
  const { norm, text } = draft;
  const findings: CheckFinding[] = [];
  const report = (start: number, end: number, severity: CheckSeverity) => {
    const masked = maskAddress(text.slice(start, end));
    findings.push({ check: 'private_address', severity, message: MESSAGES[severity], start, end, match: masked, suggestion: masked });
  };
  const dashed: { start: number; end: number }[] = [];
  for (const m of norm.matchAll(DASHED)) {
    const start = m.index;
    const end = start + m[0].length;
    if (organisational(prefixWindow(norm, start), suffixWindow(norm, end), publicNames)) continue;
    dashed.push({ start, end });
    report(start, end, 'error');
  }
  for (const m of norm.matchAll(RUN)) {
    const start = m.index;
    const end = start + m[0].length;
    // 3-2-501室: the dashed form already covers the door.
    if (dashed.some((d) => d.start < end && start < d.end)) continue;
    // 3室2厅 describes a flat's layout, not where it is.
    if (/^[\d一二两三四五]厅/.test(norm.slice(end, end + 2))) continue;
    const parts = Array.from(m[0].matchAll(PART), (p) => ({ unit: p[2] ?? '' }));
    const trailingRoom = /\d$/.test(m[0]);
    const prefix = prefixWindow(norm, start);
    const severity = classifyRun(parts, trailingRoom, prefix);
    if (!severity || organisational(prefix, suffixWindow(norm, end), publicNames)) continue;
    report(start, end, severity);
  }
  return findings;
}
