// @vitest-environment jsdom
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventDetail } from '@fenghuo/shared/analytics';
import { SampleMentions } from './SampleMentions';
import { safeHref } from './safe-url';

afterEach(cleanup);

const sample = (id: string, text: string, url: string): EventDetail['samples'][number] => ({
  platform: 'weibo', id, kind: 'post', time: Date.UTC(2026, 10, 27, 6, 0), text, url, author_name: '<b>网友</b>', author_official: false, sentiment_label: 'negative',
});

describe('SampleMentions: mention text is untrusted', () => {
  it('shows markup in a mention as literal text: no img, script or b element is created', () => {
    const img = '<img src=x onerror=alert(1)>';
    const script = '<script>alert(1)</script>';
    const { container } = render(<SampleMentions samples={[sample('1', `看看这个 ${img}`, 'https://weibo.com/1'), sample('2', script, 'https://weibo.com/2')]} />);
    expect(container.querySelector('img, script, b')).toBeNull();
    const texts = [...container.querySelectorAll('.sample-text')].map((p) => p.textContent);
    expect(texts).toEqual([`看看这个 ${img}`, script]);
    expect(container.textContent).toContain('<b>网友</b>');
  });

  it('links each mention to its url in a new tab, without opener or referrer', () => {
    const { container } = render(<SampleMentions samples={[sample('1', 'x', 'https://weibo.com/1/abc')]} />);
    const a = container.querySelector('a.sample-link')!;
    expect([a.getAttribute('href'), a.getAttribute('target'), a.getAttribute('rel')]).toEqual(['https://weibo.com/1/abc', '_blank', 'noopener noreferrer']);
  });

  it('makes no link from a javascript:, data: or malformed url', () => {
    const { container } = render(<SampleMentions samples={[sample('1', 'x', 'javascript:alert(1)'), sample('2', 'y', 'data:text/html,<script>alert(1)</script>'), sample('3', 'z', 'not a url')]} />);
    expect(container.querySelectorAll('a')).toHaveLength(0);
    expect([safeHref('http://a.cn/x'), safeHref('JAVASCRIPT:alert(1)'), safeHref(undefined)]).toEqual(['http://a.cn/x', undefined, undefined]);
  });
});
