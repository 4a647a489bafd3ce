import type { Alert, NotificationChannel } from '@fenghuo/shared';

/** 2026-11-26 10:05 Beijing time. */
export const OPENED_AT = Date.UTC(2026, 10, 26, 2, 5);

/** An alert as the engine raises it, with every field a message shows. */
export function alertFixture(patch: Partial<Alert> = {}): Alert {
  return {
    id: 'a-1',
    event_id: 'e-1',
    title: '荆州沙市区暴雨内涝 多车被淹',
    severity: 'high',
    status: 'open',
    opened_at: OPENED_AT,
    updated_at: OPENED_AT,
    reasons: [
      {
        kind: 'rising',
        detail: '42 mentions in 5 min, 8.4× the 5.0 expected at this hour',
        series: 'event:e-1',
        observed: 42,
        expected: 5,
        statistic: 'poisson_z',
        value: 16.5,
        threshold: 4,
        severity: 'high',
        at: OPENED_AT,
      },
    ],
    first_mentions: [
      { platform: 'weibo', id: 'w1', time: OPENED_AT - 4 * 60_000, text: '沙市区北京路积水到膝盖了，好几辆车熄火' },
      { platform: 'douyin', id: 'd1', time: OPENED_AT - 3 * 60_000, text: '实拍荆州暴雨' },
    ],
    samples: [],
    rumor_score: 0.31,
    ...patch,
  };
}

export const KB_MATCH = {
  claim_id: 'c-1',
  claim: '荆州长江大堤决口',
  similarity: 0.82,
  rebuttal: '经核实，长江荆州段堤防运行正常，网传“大堤决口”视频系2016年外地画面。',
  source: '荆州市应急管理局',
  date: '2026-11-20',
  url: 'https://www.jingzhou.gov.cn/rebuttal/1',
};

export function channelFixture(patch: Partial<NotificationChannel> & Pick<NotificationChannel, 'kind'>): NotificationChannel {
  return {
    id: `ch-${patch.kind}`,
    name: `值班群-${patch.kind}`,
    to: [],
    min_severity: 'medium',
    enabled: true,
    updated_at: 0,
    ...patch,
  };
}
