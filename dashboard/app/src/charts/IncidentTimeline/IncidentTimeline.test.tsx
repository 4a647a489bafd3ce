// @vitest-environment jsdom
import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { deadlineMark, stackRows, volumeBin, type TimelineDeadline, type TimelineMarker, type VolumePoint } from './accessors';
import { IncidentTimeline } from './IncidentTimeline';
import { timeTicks, timelineDomain, timelineScales } from './scales';

const MIN = 60_000;
const HOUR = 60 * MIN;
// 2026-11-27 10:00 in Shanghai.
const T0 = Date.parse('2026-11-27T10:00:00+08:00');

const volume: VolumePoint[] = [
  { t: T0, platform: 'weibo', count: 2 },
  { t: T0 + MIN, platform: 'weibo', count: 6 },
  { t: T0 + MIN, platform: 'douyin', count: 4 },
  { t: T0 + 2 * MIN, platform: 'douyin', count: 1 },
];
const markers: TimelineMarker[] = [
  { at: T0, kind: 'first_mention', label: '首条' },
  { at: T0 + 5 * MIN, kind: 'detection', label: '发现' },
  { at: T0 + 40 * MIN, kind: 'action', action: 'statement', label: '情况通报' },
];
const deadlines: TimelineDeadline[] = [
  { key: 'release', label: '5小时内发布权威信息', due_at: T0 + 5 * HOUR, state: 'met', met_at: T0 + 40 * MIN },
  { key: 'press', label: '24小时内举行发布会', due_at: T0 + 24 * HOUR, state: 'pending' },
];

describe('IncidentTimeline accessors and scales', () => {
  it('stacks the volume per minute with the busiest platform first and zeros where a platform was silent', () => {
    const { rows, platforms, maxTotal } = stackRows(volume);
    expect(platforms).toEqual(['weibo', 'douyin']);
    expect(rows).toEqual([
      { t: T0, weibo: 2, douyin: 0 },
      { t: T0 + MIN, weibo: 6, douyin: 4 },
      { t: T0 + 2 * MIN, weibo: 0, douyin: 1 },
    ]);
    expect(maxTotal).toBe(10);
  });

  it('widens the columns as the story gets longer and sums each column', () => {
    expect(volumeBin([])).toBe(MIN);
    expect(volumeBin([{ t: T0 }, { t: T0 + 59 * MIN }])).toBe(MIN);
    expect(volumeBin([{ t: T0 }, { t: T0 + 80 * MIN }])).toBe(5 * MIN);
    expect(volumeBin([{ t: T0 }, { t: T0 + 20 * HOUR }])).toBe(HOUR);
    const { rows } = stackRows([{ t: T0 + MIN, platform: 'weibo', count: 2 }, { t: T0 + 4 * MIN, platform: 'weibo', count: 3 }, { t: T0 + 11 * MIN, platform: 'weibo', count: 1 }], 5 * MIN);
    expect(rows).toEqual([
      { t: T0, weibo: 5 },
      { t: T0 + 5 * MIN, weibo: 0 },
      { t: T0 + 10 * MIN, weibo: 1 },
    ]);
  });

  it('fills silent minutes between the first and last with zeros', () => {
    const { rows } = stackRows([{ t: T0, platform: 'weibo', count: 2 }, { t: T0 + 3 * MIN, platform: 'weibo', count: 1 }]);
    expect(rows.map((r) => [(r.t - T0) / MIN, r.weibo])).toEqual([
      [0, 2],
      [1, 0],
      [2, 0],
      [3, 1],
    ]);
  });

  it('spans the data and now, takes in deadlines due soon after and leaves far ones off', () => {
    const { rows } = stackRows(volume);
    const now = T0 + 4 * HOUR;
    expect(timelineDomain(rows, markers, deadlines, now)).toEqual([T0, T0 + 5 * HOUR]);
    expect(timelineDomain([], [], [], now)).toEqual([now - HOUR, now]);
    // The last column ends one bin after it starts.
    expect(timelineDomain([{ t: T0 }, { t: T0 + HOUR }], [], [], T0, 5 * MIN)).toEqual([T0, T0 + HOUR + 5 * MIN]);
  });

  it('ticks on round times of the Shanghai clock', () => {
    expect(timeTicks([T0 - 7 * MIN, T0 + 53 * MIN], 8).map((t) => (t - T0) / MIN)).toEqual([0, 10, 20, 30, 40, 50]);
    expect(timeTicks([T0, T0 + 5 * HOUR], 8).map((t) => (t - T0) / HOUR)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it.each([
    ['met', '✓', 'met'],
    ['met_late', '✓!', 'late'],
    ['breached', '✕', 'breached'],
    ['pending', '◔', 'pending'],
    ['warning', '◔', 'pending'],
  ] as const)('a %s deadline shows %s', (state, icon, tone) => {
    expect(deadlineMark({ state })).toEqual({ icon, tone });
  });
});

describe('IncidentTimeline', () => {
  const scales = timelineScales([T0, T0 + 10 * HOUR], 10, 1100, 300);

  it('draws one stacked layer per platform on the fixed scales', () => {
    const { container } = render(<IncidentTimeline volume={volume} markers={markers} deadlines={deadlines} now={T0 + HOUR} scales={scales} />);
    const layers = [...container.querySelectorAll('.tl-layer')];
    expect(layers.map((l) => l.getAttribute('data-platform'))).toEqual(['weibo', 'douyin']);
    // The weibo layer starts at its first minute, 2 mentions high, on the bottom.
    const [mx, my] = /^M([\d.]+),([\d.]+)/.exec(layers[0]!.getAttribute('d')!)!.slice(1).map(Number);
    expect(mx).toBeCloseTo(scales.x(T0));
    expect(my).toBeCloseTo(scales.y(2));
    expect([...container.querySelectorAll('.tl-legend-item')].map((e) => e.textContent)).toEqual(['微博', '抖音']);
  });

  it('marks the first mention, detection and each action at their times with a label', () => {
    const { container } = render(<IncidentTimeline volume={volume} markers={markers} deadlines={deadlines} now={T0 + HOUR} scales={scales} />);
    const m = [...container.querySelectorAll('.tl-marker')];
    expect(m.map((g) => g.getAttribute('data-kind'))).toEqual(['first_mention', 'detection', 'action']);
    expect(m[2]!.querySelector('line')!.getAttribute('x1')).toBe(String(scales.x(T0 + 40 * MIN)));
    expect(m[2]!.textContent).toBe('★ 情况通报 10:40');
    expect(m[2]!.querySelector('text')!.getAttribute('text-anchor')).toBe('start');
  });

  it('draws deadlines in view as lines with their state in words and an icon, and later ones at the edge', () => {
    const { container } = render(<IncidentTimeline volume={volume} markers={markers} deadlines={deadlines} now={T0 + HOUR} scales={scales} />);
    const d = container.querySelector('.tl-deadline[data-key="release"]')!;
    expect(d.getAttribute('data-state')).toBe('met');
    expect(d.querySelector('line')!.getAttribute('x1')).toBe(String(scales.x(T0 + 5 * HOUR)));
    expect(d.querySelector('text')!.textContent).toBe('✓ 5小时内发布权威信息（已按时完成）');
    const beyond = container.querySelector('.tl-beyond')!;
    expect(beyond.getAttribute('data-key')).toBe('press');
    expect(beyond.textContent).toBe('◔ 24小时内举行发布会 截止 2026-11-28 10:00 →');
    expect(container.querySelector('.tl-now line')!.getAttribute('x1')).toBe(String(scales.x(T0 + HOUR)));
  });

  it('turns a label near the right edge leftwards so it stays on the chart', () => {
    const { container } = render(<IncidentTimeline volume={[]} markers={[{ at: T0 + 10 * HOUR - MIN, kind: 'action', label: '辟谣' }]} deadlines={[]} now={T0} scales={scales} />);
    const text = container.querySelector('.tl-marker text')!;
    expect(text.getAttribute('text-anchor')).toBe('end');
    expect(Number(text.getAttribute('x'))).toBeLessThan(scales.x(T0 + 10 * HOUR - MIN));
  });

  it('says so when no linked event has volume', () => {
    const { container } = render(<IncidentTimeline volume={[]} markers={[]} deadlines={[]} now={T0} scales={scales} />);
    expect(container.querySelector('.tl-empty')!.textContent).toBe('没有关联事件的声量数据');
    expect(container.querySelector('.tl-unit')!.textContent).toBe('条/1分');
    expect(container.querySelectorAll('.tl-layer')).toHaveLength(0);
  });
});
