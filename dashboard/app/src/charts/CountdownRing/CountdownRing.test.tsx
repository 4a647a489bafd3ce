// @vitest-environment jsdom
import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { remainingShare, ringTone } from './accessors';
import { CountdownRing } from './CountdownRing';

const H = 3_600_000;
const d = { label: '5小时内发布权威信息', start_at: 0, due_at: 5 * H, warn_at: 4 * H, state: 'pending' as const };

describe('CountdownRing', () => {
  it.each([
    [0, 1, 'ok'],
    [2.5 * H, 0.5, 'ok'],
    [4.5 * H, 0.1, 'warn'],
    [6 * H, 0, 'breach'],
  ])('at %d ms the ring has %d of its window left and tone %s', (now, share, tone) => {
    expect(remainingShare(d, now)).toBeCloseTo(share);
    expect(ringTone(d, now)).toBe(tone);
  });

  it('is done once met, whatever the time', () => {
    expect(ringTone({ ...d, state: 'met' }, 9 * H)).toBe('done');
  });

  it('says the time left and the tone in words, not colour alone', () => {
    const { container, rerender } = render(<CountdownRing deadline={d} now={2.5 * H} />);
    expect(container.querySelector('.ring-time')!.textContent).toBe('2小时30分');
    expect(container.querySelector('figure')!.getAttribute('data-tone')).toBe('ok');
    rerender(<CountdownRing deadline={d} now={6 * H} />);
    expect(container.querySelector('.ring-time')!.textContent).toBe('超时 1小时00分');
    expect(container.querySelector('figure')!.getAttribute('aria-label')).toContain('已超时');
    expect(container.querySelector('.ring-icon')!.textContent).toBe('✕');
  });
});
