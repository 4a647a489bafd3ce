/**
 * Misspelt official terms, names of state organs and common wrong
 * characters (lexicon `termMistakes`), plus the format of document numbers
 * (发文字号) which GB/T 9704-2012 fixes: year in 六角括号 〔〕, no 第, no
 * leading zeros: 国办发〔2016〕61号.
 */
import type { CheckFinding, TermMistake } from './types';
import { type Draft, foldWidth } from './text';
import { dropContained, occurrences } from './wording.check';

/** True when the hit at `start` is part of one of the entry's correct longer words. */
function excepted(norm: string, start: number, wrong: string, except: readonly string[]): boolean {
  return except.some((longer) => {
    const folded = foldWidth(longer);
    for (let k = folded.indexOf(wrong); k >= 0; k = folded.indexOf(wrong, k + 1)) {
      if (start - k >= 0 && norm.startsWith(folded, start - k)) return true;
    }
    return false;
  });
}

// After folding, （［｛ are ASCII; 〔〕 are right; ﹝﹞ and 【】 only look right.
const DOC_NUMBER =
  /(?<=[\u4e00-\u9fff][发函字令电])( ?)([(\[{【﹝〈《〔])( ?)((?:19|20)\d{2})( ?)([)\]}】﹞〉》〕])( ?)(第?)( ?)(\d{1,4})( ?)号/g;

function checkDocNumbers(draft: Draft): CheckFinding[] {
  const findings: CheckFinding[] = [];
  for (const m of draft.norm.matchAll(DOC_NUMBER)) {
    const [whole, , open, , year, , close, , di, , serial] = m;
    if (!year || !serial) continue;
    const right = `〔${year}〕${Number(serial)}号`;
    // The match starts at the optional space, which we rewrite too.
    if (whole === right) continue;
    const problems: string[] = [];
    if (open !== '〔' || close !== '〕') problems.push('年份应用六角括号“〔〕”');
    if (di) problems.push('序号前不加“第”');
    if (/^0/.test(serial)) problems.push('序号不编虚位（不加前导0）');
    if (/ /.test(whole)) problems.push('字号中不留空格');
    findings.push({
      check: 'term_mistake',
      severity: 'warning',
      message: `发文字号格式不规范：${problems.join('，')}（GB/T 9704-2012）`,
      start: m.index,
      end: m.index + whole.length,
      match: draft.text.slice(m.index, m.index + whole.length),
      suggestion: right,
    });
  }
  return findings;
}

export function checkTermMistakes(draft: Draft, mistakes: readonly TermMistake[]): CheckFinding[] {
  const findings: CheckFinding[] = [];
  for (const entry of mistakes) {
    const wrong = foldWidth(entry.wrong.trim());
    if (!wrong) continue;
    for (const span of occurrences(draft.norm, wrong)) {
      if (entry.except && excepted(draft.norm, span.start, wrong, entry.except)) continue;
      findings.push({
        check: 'term_mistake',
        severity: entry.severity ?? 'warning',
        message: `用词错误：“${entry.wrong}”应为“${entry.right}”${entry.note ? `（${entry.note}）` : ''}`,
        ...span,
        match: draft.text.slice(span.start, span.end),
        suggestion: entry.right,
      });
    }
  }
  return dropContained([...findings, ...checkDocNumbers(draft)]);
}
