import { describe, expect, it } from 'vitest';
import type { TermMistake } from './types';
import { checkTermMistakes } from './term-mistake.check';
import { prepareDraft } from './text';

const MISTAKES: TermMistake[] = [
  { wrong: '人名共和国', right: '人民共和国', severity: 'error', note: '国名' },
  { wrong: '截止目前', right: '截至目前' },
  { wrong: '既使', right: '即使', severity: 'warning', except: ['既使用', '既使得'] },
  { wrong: '防犯', right: '防范', severity: 'warning', except: ['防犯罪'] },
];

const CASES: { name: string; text: string; found: [match: string, suggestion: string][] }[] = [
  { name: 'state name', text: '中华人名共和国成立', found: [['人名共和国', '人民共和国']] },
  { name: 'usage', text: '截止目前，已救出3人', found: [['截止目前', '截至目前']] },
  { name: 'a correct longer word', text: '既使用了A，也使用了B；既使得…又…', found: [] },
  { name: 'wrong next to an exception', text: '既使用了A；既使如此', found: [['既使', '即使']] },
  { name: 'exception in the middle', text: '预防犯罪，加强防犯', found: [['防犯', '防范']] },
  { name: 'document number with round brackets', text: '根据国办发(2016)61号文件', found: [['(2016)61号', '〔2016〕61号']] },
  { name: 'document number with full-width brackets', text: '国办发（2016）61号', found: [['（2016）61号', '〔2016〕61号']] },
  { name: 'document number with square brackets', text: '国办发[2016]61号', found: [['[2016]61号', '〔2016〕61号']] },
  { name: 'document number with look-alike brackets', text: '浙政发﹝2020﹞3号', found: [['﹝2020﹞3号', '〔2020〕3号']] },
  { name: 'document number with 【】', text: '京政办字【2019】12号', found: [['【2019】12号', '〔2019〕12号']] },
  { name: 'document number with 第', text: '国发〔2016〕第5号', found: [['〔2016〕第5号', '〔2016〕5号']] },
  { name: 'document number with a leading zero', text: '国函〔2016〕061号', found: [['〔2016〕061号', '〔2016〕61号']] },
  { name: 'correct document number', text: '国办发〔2016〕61号', found: [] },
  { name: 'a year in brackets elsewhere', text: '统计公报(2016)61号楼', found: [] },
];

describe('checkTermMistakes', () => {
  it.each(CASES)('$name', ({ text, found }) => {
    const findings = checkTermMistakes(prepareDraft(text), MISTAKES);
    expect(findings.map((f) => [text.slice(f.start, f.end), f.suggestion])).toEqual(found);
    for (const f of findings) expect(f.match).toBe(text.slice(f.start, f.end));
  });

  it('takes the severity from the entry, warning by default', () => {
    const findings = checkTermMistakes(prepareDraft('中华人名共和国；截止目前'), MISTAKES);
    expect(findings.map((f) => f.severity)).toEqual(['error', 'warning']);
    expect(findings[0]?.message).toBe('用词错误：“人名共和国”应为“人民共和国”（国名）');
  });

  it('says what is wrong with a document number', () => {
    const [f] = checkTermMistakes(prepareDraft('国发(2016)第05号'), []);
    expect(f?.message).toContain('六角括号');
    expect(f?.message).toContain('第');
    expect(f?.message).toContain('虚位');
    expect(f?.suggestion).toBe('〔2016〕5号');
  });
});
