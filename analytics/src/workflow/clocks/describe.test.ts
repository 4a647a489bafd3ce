import { describe, expect, it } from 'vitest';
import { describeDeadline, formatDuration, type DeadlineState, type DeadlineStatus } from './index';

const M = 60_000;
const H = 60 * M;

describe('formatDuration', () => {
  it.each([
    [0, '不到1分钟', 'under 1 min'],
    [59_999, '不到1分钟', 'under 1 min'],
    [45 * M + 59_999, '45分钟', '45 min'],
    [2 * H, '2小时', '2 h'],
    [H + 12 * M + 59_999, '1小时12分', '1 h 12 min'],
    [-2 * H, '2小时', '2 h'],
    [27 * H + 30 * M, '1天3小时', '1 d 3 h'],
    [48 * H, '2天', '2 d'],
  ])('%i ms → %s / %s', (ms, zh, en) => {
    expect(formatDuration(ms, 'zh')).toBe(zh);
    expect(formatDuration(ms, 'en')).toBe(en);
  });
});

describe('describeDeadline', () => {
  const status = (state: DeadlineState, remainingMs: number): DeadlineStatus => ({
    key: 'release',
    label: '发布权威信息',
    labelEn: 'Release authoritative information',
    startAt: 0,
    dueAt: 5 * H,
    warnAt: 4 * H,
    state,
    remainingMs,
  });

  it.each<[DeadlineState, number, string, string]>([
    ['pending', 3 * H, '发布权威信息 还剩 3小时', 'Release authoritative information: 3 h left'],
    ['warning', H + 12 * M, '发布权威信息 还剩 1小时12分', 'Release authoritative information: 1 h 12 min left'],
    ['breached', -2 * H, '发布权威信息 超时 2小时', 'Release authoritative information: overdue by 2 h'],
    ['met', H, '发布权威信息 已按时完成', 'Release authoritative information: done on time'],
    ['met_late', -30 * M, '发布权威信息 已完成（超时 30分钟）', 'Release authoritative information: done 30 min late'],
  ])('%s', (state, remaining, zh, en) => {
    expect(describeDeadline(status(state, remaining), 'zh')).toBe(zh);
    expect(describeDeadline(status(state, remaining), 'en')).toBe(en);
  });

  it('falls back to the Chinese label in English without labelEn', () => {
    const { labelEn: _unused, ...noEnglish } = status('warning', H);
    expect(describeDeadline(noEnglish, 'en')).toBe('发布权威信息: 1 h left');
  });
});
