// @vitest-environment jsdom
import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { sparkScales } from './scales';
import { Sparkline } from './Sparkline';

describe('Sparkline', () => {
  it('scales x over the steps and y from zero to the maximum', () => {
    const s = sparkScales([0, 5, 10], 100, 20, 0);
    expect(s.x(0)).toBe(0);
    expect(s.x(2)).toBe(100);
    expect(s.y(0)).toBe(20);
    expect(s.y(10)).toBe(0);
  });

  it('keeps a flat zero series on the bottom line rather than dividing by zero', () => {
    const s = sparkScales([0, 0, 0], 100, 20, 0);
    expect(s.y(0)).toBe(20);
  });

  it('draws the line through each point with fixed scales and marks the last one', () => {
    const scales = sparkScales([0, 10], 100, 20, 0);
    const { container } = render(<Sparkline values={[0, 10]} width={100} height={20} scales={scales} label="x" />);
    expect(container.querySelector('.sparkline-line')!.getAttribute('d')).toBe('M0,20L100,0');
    const dot = container.querySelector('.sparkline-last')!;
    expect([dot.getAttribute('cx'), dot.getAttribute('cy')]).toEqual(['100', '0']);
    expect(container.querySelector('svg')!.getAttribute('aria-label')).toBe('x');
  });
});
