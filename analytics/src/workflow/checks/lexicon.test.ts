import { describe, expect, it } from 'vitest';
import { loadDefaultLexicon, mergeLexicon, parseTermList, parseTermMistakes } from './lexicon';
import { checkTermMistakes } from './term-mistake.check';
import { prepareDraft } from './text';
import { checkWording } from './wording.check';

describe('parsing', () => {
  it('reads terms with notes and skips comments and blank lines', () => {
    expect(parseTermList('# 注释\n\n无可奉告\t拒绝回应\n刁民\n无可奉告\n')).toEqual({ terms: ['无可奉告', '刁民'], notes: { 无可奉告: '拒绝回应' } });
  });

  it('reads term mistakes with severity, note and exceptions', () => {
    expect(parseTermMistakes('# 头\n既使\t即使\twarning\t\t既使用，既使得\n人名共和国\t人民共和国\terror\t国名\n')).toEqual([
      { wrong: '既使', right: '即使', severity: 'warning', except: ['既使用', '既使得'] },
      { wrong: '人名共和国', right: '人民共和国', severity: 'error', note: '国名' },
    ]);
  });

  it.each([
    ['既使\t即使\tmaybe', /severity/],
    ['既使\t既使\twarning', /different/],
    ['既使', /right/],
  ])('rejects %j', (line, error) => {
    expect(() => parseTermMistakes(line)).toThrow(error);
  });
});

describe('the default lexicon', () => {
  const lexicon = loadDefaultLexicon();

  it('is modest and non-empty', () => {
    expect(lexicon.forbidden.length).toBeGreaterThanOrEqual(5);
    expect(lexicon.sensitive.length).toBeGreaterThanOrEqual(10);
    expect(lexicon.termMistakes.length).toBeGreaterThanOrEqual(30);
  });

  it('explains every forbidden and sensitive term', () => {
    for (const term of [...lexicon.forbidden, ...lexicon.sensitive]) expect(lexicon.notes?.[term], term).toBeTruthy();
  });

  it('lists no term both as forbidden and sensitive', () => {
    expect(lexicon.forbidden.filter((t) => lexicon.sensitive.includes(t))).toEqual([]);
  });

  it('has one entry per wrong form, each with a severity', () => {
    const wrongs = lexicon.termMistakes.map((t) => t.wrong);
    expect(new Set(wrongs).size).toBe(wrongs.length);
    for (const t of lexicon.termMistakes) expect(['error', 'warning']).toContain(t.severity);
  });

  // Applying a suggestion must not produce a new finding, or the editor loops.
  it('accepts its own corrections', () => {
    const corrected = lexicon.termMistakes.map((t) => t.right).join('。');
    expect(checkTermMistakes(prepareDraft(corrected), lexicon.termMistakes)).toEqual([]);
  });

  it('finds every wrong form', () => {
    for (const t of lexicon.termMistakes) {
      const findings = checkTermMistakes(prepareDraft(`据悉${t.wrong}。`), lexicon.termMistakes);
      expect(findings.map((f) => f.suggestion), t.wrong).toEqual([t.right]);
    }
  });

  it('does not flag the correct words that contain a wrong form', () => {
    const exceptions = lexicon.termMistakes.flatMap((t) => t.except ?? []);
    expect(exceptions.length).toBeGreaterThan(0);
    expect(checkTermMistakes(prepareDraft(exceptions.join('。')), lexicon.termMistakes)).toEqual([]);
  });

  it('leaves an ordinary statement alone', () => {
    const text =
      '11月26日14时许，西湖区文三路一居民楼发生火灾。区消防救援大队接警后迅速到场处置，火情于15时被扑灭，未造成人员伤亡。' +
      '起火原因正在调查中。截至目前，周边交通已恢复正常。如有疑问，请拨打12345热线咨询。杭州市西湖区人民政府新闻办公室';
    const draft = prepareDraft(text);
    expect(checkWording(draft, lexicon)).toEqual([]);
    expect(checkTermMistakes(draft, lexicon.termMistakes)).toEqual([]);
  });

  it('returns a fresh copy on every call', () => {
    const a = loadDefaultLexicon();
    a.forbidden.push('测试');
    expect(loadDefaultLexicon().forbidden).not.toContain('测试');
  });
});

describe('mergeLexicon', () => {
  const base = { forbidden: ['甲'], sensitive: ['乙'], termMistakes: [{ wrong: '丙', right: '丁' }], notes: { 甲: '说明' } };

  it('adds to the defaults', () => {
    expect(mergeLexicon(base, { forbidden: ['戊', '甲'], sensitive: ['己'], notes: { 戊: '另一说明' } })).toEqual({
      forbidden: ['甲', '戊'],
      sensitive: ['乙', '己'],
      termMistakes: [{ wrong: '丙', right: '丁' }],
      notes: { 甲: '说明', 戊: '另一说明' },
    });
  });

  it('replaces a term mistake with the same wrong form', () => {
    const merged = mergeLexicon(base, { termMistakes: [{ wrong: '丙', right: '庚', severity: 'error' }] });
    expect(merged.termMistakes).toEqual([{ wrong: '丙', right: '庚', severity: 'error' }]);
  });

  it('returns the base when there is nothing to add', () => {
    expect(mergeLexicon(base, undefined)).toBe(base);
  });
});
