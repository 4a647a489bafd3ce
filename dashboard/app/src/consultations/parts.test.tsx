// @vitest-environment jsdom
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { I18nProvider } from '../i18n';
import { parseSections } from './ConsultationsPage';
import { share, StanceBar } from './parts';

afterEach(cleanup);

describe('parseSections', () => {
  it.each([
    ['第一条 适用范围：本标准适用于中心城区。\n\n第二条 分区：一类区域…', [{ id: 's1', title: '第一条 适用范围', text: '本标准适用于中心城区。' }, { id: 's2', title: '第二条 分区', text: '一类区域…' }]],
    ['没有标题的一段话', [{ id: 's1', title: '第1条', text: '没有标题的一段话' }]],
    ['Scope: applies to the centre', [{ id: 's1', title: 'Scope', text: 'applies to the centre' }]],
  ])('%j', (text, sections) => expect(parseSections(text)).toEqual(sections));
});

describe('StanceBar', () => {
  it.each([
    ['zh', '支持 3 (50%)', '反对 1 (17%)'],
    ['en', 'Support 3 (50%)', 'Oppose 1 (17%)'],
  ] as const)('shows each stance with its count and share (%s)', (lang, support, oppose) => {
    const { container } = render(
      <I18nProvider lang={lang}>
        <StanceBar stances={{ support: 3, oppose: 1, suggestion: 2, other: 0 }} lang={lang} />
      </I18nProvider>,
    );
    expect(container.querySelector('[data-stance-share="support"]')!.textContent).toBe(support);
    expect(container.querySelector('[data-stance-share="oppose"]')!.textContent).toBe(oppose);
    // A stance nobody took has no slice.
    expect(container.querySelectorAll('.stance-bar span')).toHaveLength(3);
    expect((container.querySelector('.stance-bar [data-stance="support"]') as HTMLElement).style.width).toBe('50%');
  });
  it('share of nothing is 0%', () => expect(share(0, 0)).toBe('0%'));
});
