/**
 * A tile-grid cartogram of China's 34 provincial divisions: one equal square
 * each, placed roughly where the province lies (row 0 is the north), so a
 * small province's colour is as visible as Xinjiang's. The project's own
 * layout; names are the short forms that begin the GB/T 2260 names.
 */
export interface Tile {
  short: string;
  en: string;
  row: number;
  col: number;
}

export const TILES: readonly Tile[] = [
  { short: '黑龙江', en: 'HL', row: 0, col: 8 },
  { short: '内蒙古', en: 'NM', row: 1, col: 5 },
  { short: '北京', en: 'BJ', row: 1, col: 6 },
  { short: '辽宁', en: 'LN', row: 1, col: 7 },
  { short: '吉林', en: 'JL', row: 1, col: 8 },
  { short: '新疆', en: 'XJ', row: 2, col: 0 },
  { short: '青海', en: 'QH', row: 2, col: 1 },
  { short: '甘肃', en: 'GS', row: 2, col: 2 },
  { short: '宁夏', en: 'NX', row: 2, col: 3 },
  { short: '山西', en: 'SX', row: 2, col: 4 },
  { short: '河北', en: 'HE', row: 2, col: 5 },
  { short: '天津', en: 'TJ', row: 2, col: 6 },
  { short: '西藏', en: 'XZ', row: 3, col: 1 },
  { short: '四川', en: 'SC', row: 3, col: 2 },
  { short: '陕西', en: 'SN', row: 3, col: 3 },
  { short: '河南', en: 'HA', row: 3, col: 4 },
  { short: '山东', en: 'SD', row: 3, col: 5 },
  { short: '云南', en: 'YN', row: 4, col: 2 },
  { short: '重庆', en: 'CQ', row: 4, col: 3 },
  { short: '湖北', en: 'HB', row: 4, col: 4 },
  { short: '安徽', en: 'AH', row: 4, col: 5 },
  { short: '江苏', en: 'JS', row: 4, col: 6 },
  { short: '上海', en: 'SH', row: 4, col: 7 },
  { short: '贵州', en: 'GZ', row: 5, col: 3 },
  { short: '湖南', en: 'HN', row: 5, col: 4 },
  { short: '江西', en: 'JX', row: 5, col: 5 },
  { short: '浙江', en: 'ZJ', row: 5, col: 6 },
  { short: '广西', en: 'GX', row: 6, col: 3 },
  { short: '广东', en: 'GD', row: 6, col: 4 },
  { short: '福建', en: 'FJ', row: 6, col: 5 },
  { short: '台湾', en: 'TW', row: 6, col: 6 },
  { short: '海南', en: 'HI', row: 7, col: 3 },
  { short: '澳门', en: 'MO', row: 7, col: 4 },
  { short: '香港', en: 'HK', row: 7, col: 5 },
];

export const GRID = { rows: 8, cols: 9 } as const;

/** The tile of a stored province name ("湖北省", "内蒙古自治区", or already short). */
export function tileOf(province: string): Tile | undefined {
  return TILES.find((t) => province.startsWith(t.short));
}
