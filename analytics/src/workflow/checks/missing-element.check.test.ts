import { describe, expect, it } from 'vitest';
import type { RequiredElements } from './types';
import { checkRequiredElements, placeForms, unitForms } from './missing-element.check';
import { prepareDraft } from './text';

const missingOf = (text: string, required: RequiredElements | undefined) =>
  checkRequiredElements(prepareDraft(text), required).map((f) => {
    expect(f).toMatchObject({ check: 'missing_element', severity: 'error' });
    expect(f.start).toBeUndefined();
    return f.message.slice(2, 4);
  });

describe('time', () => {
  it.each([
    '11月26日，某地发生火灾',
    '26日14时许',
    '今天下午',
    '2026年，全市',
    '十一月二十六日',
    '14:30左右',
    '凌晨3点',
    '昨晚',
    '2026-11-26',
    '下午3点半',
    '上周五',
  ])('accepts %s', (text) => {
    expect(missingOf(text, { time: true })).toEqual([]);
  });

  it.each(['近日，网传某地发生火灾', '日前，有网民反映', '以下3点要求', '24小时值守'])('misses %s', (text) => {
    expect(missingOf(text, { time: true })).toEqual(['时间']);
  });
});

describe('place', () => {
  it.each<[string, string | true]>([
    ['杭州市西湖区文三路发生火灾', '杭州市西湖区'],
    ['西湖区文三路发生火灾', '杭州市西湖区'],
    ['西湖边发生一起事故', '西湖区'],
    ['浙江省杭州市萧山区', '浙江省杭州市萧山区'],
    ['萧山区', '浙江省杭州市萧山区'],
    ['事发人民路100号', '人民路100号'],
    ['在 杭州市 西湖区', '杭州市西湖区'],
    ['文三路与学院路交叉口发生事故', true],
    ['滨江区某小区', true],
    ['钱塘江边', true],
  ])('%s mentions %s', (text, place) => {
    expect(missingOf(text, { place })).toEqual([]);
  });

  it.each<[string, string | true]>([
    ['西湖区发生火灾', '拱墅区'],
    ['杭州市发生火灾', '杭州市西湖区'],
    ['人民路发生事故', '人民路100号'],
    ['广大市民请注意', true],
    ['请勿相信网络谣言', true],
  ])('%s does not mention %s', (text, place) => {
    expect(missingOf(text, { place })).toEqual(['地点']);
  });

  it('shortens by dropping the wider levels', () => {
    expect(placeForms('浙江省杭州市西湖区')).toEqual(['浙江省杭州市西湖区', '杭州市西湖区', '西湖区', '西湖']);
  });
});

describe('unit', () => {
  it.each<[string, string | true]>([
    ['杭州市公安局西湖区分局通报', '杭州市公安局西湖区分局'],
    ['西湖区分局通报', '杭州市公安局西湖区分局'],
    ['市公安局通报', '杭州市公安局'],
    ['据市公安局通报', '杭州市公安局'],
    ['11月26日，区卫健委发布', '西湖区卫生健康委员会'],
    ['杭州市政府新闻办发布', '杭州市人民政府新闻办公室'],
    ['区卫健委', '西湖区卫生健康委员会'],
    ['区应急管理局', true],
    ['市人民医院回应', true],
    ['城关派出所', true],
    ['某某有限公司', true],
  ])('%s names %s', (text, unit) => {
    expect(missingOf(text, { unit })).toEqual([]);
  });

  it.each<[string, string | true]>([
    ['公安局通报', '杭州市公安局'],
    ['西湖区卫健委', '拱墅区卫生健康委员会'],
    ['我局高度关注', true],
    ['整体布局合理', true],
    ['相关部门正在处理', true],
  ])('%s does not name %s', (text, unit) => {
    expect(missingOf(text, { unit })).toEqual(['责任']);
  });

  it('knows the short forms', () => {
    expect(unitForms('杭州市卫生健康委员会')).toEqual([
      { text: '杭州市卫生健康委员会' },
      { text: '杭州市卫健委' },
      { text: '市卫生健康委员会', levelOnly: true },
      { text: '市卫健委', levelOnly: true },
    ]);
  });
});

describe('contact', () => {
  it.each([
    '咨询电话：0571-87654321',
    '请拨打12345热线',
    '可拨打12345反映',
    '请拨打110报警',
    '邮箱：xfj@hangzhou.gov.cn',
    '请关注“杭州发布”公众号',
    '欢迎在留言板留言',
    '详见 https://www.hangzhou.gov.cn',
    '服务电话400-123-4567',
    '057187654321',
  ])('accepts %s', (text) => {
    expect(missingOf(text, { contact: true })).toEqual([]);
  });

  it.each(['请广大市民理性看待', '车牌京A·12345', '编号1101'])('misses %s', (text) => {
    expect(missingOf(text, { contact: true })).toEqual(['联系']);
  });
});

describe('which elements are checked', () => {
  it('checks only what is required', () => {
    expect(missingOf('情况说明', undefined)).toEqual([]);
    expect(missingOf('情况说明', {})).toEqual([]);
    expect(missingOf('情况说明', { time: false, place: false, unit: '', contact: false })).toEqual([]);
    expect(missingOf('情况说明', { time: true, place: true, unit: true, contact: true })).toEqual(['时间', '地点', '责任', '联系']);
  });
});
