import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('defaults: a queue of 200,000 records, of which one source may hold 75 %', () => {
    const c = loadConfig({ FENGHUO_DATA_DIR: '/tmp/fh-config-test' });
    expect(c.ingest.queueMaxRecords).toBe(200_000);
    expect(c.ingest.sourceQueueShare).toBe(0.75);
  });

  it.each([
    { value: '0.4', want: 0.4 },
    { value: '1', want: 1 },
  ])('FENGHUO_SOURCE_QUEUE_SHARE=$value', ({ value, want }) => {
    expect(loadConfig({ FENGHUO_DATA_DIR: '/tmp/fh-config-test', FENGHUO_SOURCE_QUEUE_SHARE: value }).ingest.sourceQueueShare).toBe(want);
  });

  it.each(['0', '-1', '1.5', 'half'])('refuses FENGHUO_SOURCE_QUEUE_SHARE=%s, naming the variable', (value) => {
    expect(() => loadConfig({ FENGHUO_DATA_DIR: '/tmp/fh-config-test', FENGHUO_SOURCE_QUEUE_SHARE: value })).toThrow(ConfigError);
    expect(() => loadConfig({ FENGHUO_DATA_DIR: '/tmp/fh-config-test', FENGHUO_SOURCE_QUEUE_SHARE: value })).toThrow(/FENGHUO_SOURCE_QUEUE_SHARE/);
  });
});
