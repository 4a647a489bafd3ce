import { describe, expect, it } from 'vitest';
import { prepareDraft } from './text';
import { checkWording } from './wording.check';

const LEXICON = {
  forbidden: ['无可奉告', '绝对安全'],
  sensitive: ['纯属造谣', '造谣', '临时工', '绝对安全'],
  notes: { 无可奉告: '拒绝回应易被解读为回避问题' },
};

const CASES: { name: string; text: string; found: [string, 'forbidden_wording' | 'sensitive_wording'][] }[] = [
  { name: 'forbidden', text: '对此无可奉告。', found: [['无可奉告', 'forbidden_wording']] },
  { name: 'sensitive', text: '涉事人员系临时工', found: [['临时工', 'sensitive_wording']] },
  { name: 'each occurrence', text: '临时工、临时工', found: [['临时工', 'sensitive_wording'], ['临时工', 'sensitive_wording']] },
  { name: 'longer term wins over the shorter inside it', text: '该说法纯属造谣', found: [['纯属造谣', 'sensitive_wording']] },
  { name: 'shorter term alone', text: '有人造谣', found: [['造谣', 'sensitive_wording']] },
  { name: 'forbidden wins when listed twice', text: '绝对安全', found: [['绝对安全', 'forbidden_wording']] },
  { name: 'nothing', text: '经核查，该信息不实。', found: [] },
];

describe('checkWording', () => {
  it.each(CASES)('$name', ({ text, found }) => {
    const findings = checkWording(prepareDraft(text), LEXICON);
    expect(findings.map((f) => [text.slice(f.start, f.end), f.check])).toEqual(found);
    for (const f of findings) {
      expect(f.severity).toBe(f.check === 'forbidden_wording' ? 'error' : 'warning');
      expect(f.match).toBe(text.slice(f.start, f.end));
    }
  });

  it('explains with the note', () => {
    const [f] = checkWording(prepareDraft('无可奉告'), LEXICON);
    expect(f?.message).toBe('禁用表述“无可奉告”，发布前须修改：拒绝回应易被解读为回避问题');
  });

  it('folds full-width letters on both sides', () => {
    const findings = checkWording(prepareDraft('这是ＰＸ项目'), { forbidden: [], sensitive: ['PX项目'] });
    expect(findings.map((f) => [f.start, f.end, f.match])).toEqual([[2, 6, 'ＰＸ项目']]);
  });
});
