import { describe, expect, it } from 'vitest';
import type { NotificationChannel, Severity } from '@fenghuo/shared';
import { backoffDelay, channelWants, DEFAULT_RETRY, deliveryId, parseSmtpUrl, robotVerdict } from './notifier';
import { channelFixture } from './test-fixtures';

describe('backoffDelay', () => {
  it.each([
    // attempt, random, expected
    [1, 0, 500],
    [1, 1, 1000],
    [2, 0.5, 1500],
    [3, 0, 2000],
    [7, 1, 60_000],
    [30, 0, 30_000],
  ])('attempt %i with jitter %d waits %i ms', (attempt, random, expected) => {
    expect(backoffDelay(attempt, DEFAULT_RETRY, () => random)).toBe(expected);
  });
});

describe('deliveryId', () => {
  it('is the same for the same change and differs when any part differs', () => {
    const id = deliveryId('a-1', 'ch-1', 'opened', 'high');
    expect(deliveryId('a-1', 'ch-1', 'opened', 'high')).toBe(id);
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    const others = [
      deliveryId('a-2', 'ch-1', 'opened', 'high'),
      deliveryId('a-1', 'ch-2', 'opened', 'high'),
      deliveryId('a-1', 'ch-1', 'escalated', 'high'),
      deliveryId('a-1', 'ch-1', 'opened', 'critical'),
    ];
    expect(new Set([id, ...others]).size).toBe(5);
  });
});

describe('channelWants', () => {
  it.each<[Partial<NotificationChannel>, Severity, boolean]>([
    [{ min_severity: 'medium' }, 'low', false],
    [{ min_severity: 'medium' }, 'medium', true],
    [{ min_severity: 'medium' }, 'critical', true],
    [{ min_severity: 'critical' }, 'high', false],
    [{ min_severity: 'low', enabled: false }, 'critical', false],
  ])('%o gets a %s alert: %s', (patch, severity, expected) => {
    expect(channelWants(channelFixture({ kind: 'webhook', ...patch }), severity)).toBe(expected);
  });
});

describe('parseSmtpUrl', () => {
  it.each([
    ['smtp://duty%40gov.cn:p%40ss@mail.gov.cn:587', { host: 'mail.gov.cn', port: 587, secure: false, user: 'duty@gov.cn', password: 'p@ss' }],
    ['smtps://mail.gov.cn', { host: 'mail.gov.cn', port: 465, secure: true }],
    ['smtp://127.0.0.1', { host: '127.0.0.1', port: 587, secure: false }],
  ])('%s', (url, expected) => {
    expect(parseSmtpUrl(url, 'fenghuo@gov.cn')).toEqual({ ...expected, from: 'fenghuo@gov.cn' });
  });

  it('refuses other schemes', () => {
    expect(() => parseSmtpUrl('http://mail.gov.cn', 'x@y.cn')).toThrow(/smtp:\/\/ or smtps:\/\//);
  });
});

describe('robotVerdict', () => {
  it.each<[NotificationChannel['kind'], string, string | undefined]>([
    ['webhook', 'anything', undefined],
    ['wecom', '{"errcode":0,"errmsg":"ok"}', undefined],
    ['wecom', '{"errcode":93000,"errmsg":"invalid webhook url"}', 'WeCom errcode 93000: invalid webhook url'],
    ['dingtalk', '{"errcode":0,"errmsg":"ok"}', undefined],
    ['dingtalk', '{"errcode":310000,"errmsg":"keywords not in content"}', 'DingTalk errcode 310000: keywords not in content'],
    ['dingtalk', '<html>gateway</html>', 'DingTalk answered with a body that is not JSON: <html>gateway</html>'],
    ['feishu', '{"code":0,"msg":"success","data":{}}', undefined],
    ['feishu', '{"Extra":null,"StatusCode":0,"StatusMessage":"success"}', undefined],
    ['feishu', '{"code":19021,"msg":"sign match fail or timestamp is not within one hour from current time","data":{}}', 'Feishu code 19021: sign match fail or timestamp is not within one hour from current time'],
    ['feishu', '[]', 'Feishu answered with an unexpected body: []'],
  ])('%s %s', (kind, body, expected) => {
    expect(robotVerdict(kind, body)).toBe(expected);
  });
});
