import { describe, expect, it } from 'vitest';
import type { Incident } from '@fenghuo/shared/workflow';
import { incidentMarkers, linkedVolume, timelineCsv, timelineRows } from './timeline';

const T0 = Date.parse('2026-11-27T02:00:00Z');
const MIN = 60_000;

const incident: Incident = {
  id: 'inc-1',
  title: '某地化工厂爆炸',
  severity: 'major',
  unit_id: 'u1',
  unit_role: 'territorial',
  event_ids: ['e1'],
  alert_ids: [],
  status: 'responding',
  first_mention_at: T0,
  detected_at: T0 + 5 * MIN,
  opened_at: T0 + 10 * MIN,
  opened_by: 'user-1',
  actions: [{ id: 'a1', kind: 'statement', at: T0 + 40 * MIN, source: 'manual', link: 'https://example.gov.cn/1', note: '=首次通报', by: 'user-1', logged_at: T0 + 41 * MIN }],
  version: 3,
  updated_at: T0 + 41 * MIN,
  clock: {
    start_at: T0,
    start_basis: 'first_mention',
    deadlines: [{ key: 'release', label: '5小时内发布权威信息', start_at: T0, due_at: T0 + 300 * MIN, warn_at: T0 + 240 * MIN, state: 'met', met_at: T0 + 40 * MIN, remaining_ms: 0 }],
  },
};

describe('incident timeline rows', () => {
  it('puts the moments, actions, deadlines and volume in time order', () => {
    const rows = timelineRows(incident, [{ t: T0, platform: 'weibo', count: 3 }, { t: T0, platform: 'douyin', count: 5 }], 'zh');
    expect(rows.map((r) => [r.at - T0, r.kind, r.label])).toEqual([
      [0, 'first_mention', '首条'],
      [0, 'volume', '声量 8 条/分'],
      [5 * MIN, 'detection', '发现'],
      [10 * MIN, 'opened', '立案'],
      [40 * MIN, 'action:statement', '情况通报'],
      [300 * MIN, 'deadline:met', '5小时内发布权威信息'],
    ]);
    expect(rows[1]!.detail).toBe('douyin:5 weibo:3');
    expect(rows[4]!.detail).toBe('=首次通报 | https://example.gov.cn/1 | 来源：manual');
  });

  it('labels the chart markers in the chosen language', () => {
    expect(incidentMarkers(incident, 'en').map((m) => m.label)).toEqual(['First mention', 'Detected', 'Opened', 'Statement']);
  });

  it('writes CSV for Excel with a BOM, quoted cells and formulas defused', () => {
    const csv = timelineCsv(timelineRows(incident, [], 'zh'), () => 'L');
    expect(csv.startsWith('\ufefftime,local_time,kind,label,detail\r\n')).toBe(true);
    expect(csv).toContain(`${new Date(T0 + 40 * MIN).toISOString()},L,action:statement,情况通报,'=首次通报 | https://example.gov.cn/1 | 来源：manual\r\n`);
    expect(csv.split('\r\n')).toHaveLength(7);
  });
});

describe('linked volume', () => {
  it('sums the linked events, counting an event merged into another linked one once', () => {
    const p = (t: number, count: number) => ({ t, platform: 'weibo', count });
    const events = [
      { id: 'a', series: [p(T0, 3)] },
      { id: 'b', merged_into: 'a', series: [p(T0, 1)] },
      { id: 'c', merged_into: 'elsewhere', series: [p(T0, 2)] },
    ];
    expect(linkedVolume(events).map((x) => x.count)).toEqual([3, 2]);
  });
});
