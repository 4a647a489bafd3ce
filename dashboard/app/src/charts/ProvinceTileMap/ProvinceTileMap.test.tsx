// @vitest-environment jsdom
import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { byTile, measure } from './accessors';
import { colourScale } from './scales';
import { GRID, TILES, tileOf } from './tiles';
import { ProvinceTileMap } from './ProvinceTileMap';

describe('ProvinceTileMap', () => {
  it('has 34 provincial divisions on distinct cells of the grid', () => {
    expect(TILES).toHaveLength(34);
    const cells = new Set(TILES.map((t) => `${t.row},${t.col}`));
    expect(cells.size).toBe(34);
    for (const t of TILES) expect(t.row < GRID.rows && t.col < GRID.cols).toBe(true);
  });

  it.each([
    ['湖北省', '湖北'],
    ['内蒙古自治区', '内蒙古'],
    ['广西壮族自治区', '广西'],
    ['香港特别行政区', '香港'],
    ['北京市', '北京'],
  ])('finds the tile of %s', (name, short) => {
    expect(tileOf(name)?.short).toBe(short);
  });

  it('keeps mentions of unknown places apart rather than on a wrong tile', () => {
    const { values, unmatched } = byTile([
      { province: '湖北省', mentions: 10, negative: 4 },
      { province: '火星', mentions: 3, negative: 0 },
    ]);
    expect(values.get('湖北')).toEqual({ province: '湖北', mentions: 10, negative: 4 });
    expect(unmatched).toBe(3);
    expect(measure(values.get('湖北')!, 'negative_share')).toBeCloseTo(0.4);
  });

  it('colours by value from the empty tone to the hot one', () => {
    const c = colourScale('mentions', 100);
    expect(c(0)).toBe('rgb(29, 51, 71)');
    expect(c(100)).toBe('rgb(255, 179, 71)');
  });

  it('writes each known value in its tile', () => {
    const { container } = render(<ProvinceTileMap rows={[{ province: '湖北省', mentions: 12345, negative: 100 }]} />);
    const hubei = container.querySelector('[data-province="湖北"]')!;
    expect(hubei.getAttribute('data-value')).toBe('12345');
    expect(hubei.textContent).toContain('1.2万');
    expect(container.querySelector('[data-province="新疆"]')!.getAttribute('data-value')).toBe('');
  });
});
