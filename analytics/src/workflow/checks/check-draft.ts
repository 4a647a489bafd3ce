/**
 * 先审后发: every check over one draft, in one pass each. Personal-data checks
 * claim spans in priority order (ID number, bank card, mobile, address,
 * plate) so one number is reported once, as the thing it most likely is: a
 * valid ID number can also pass Luhn, and only the ID finding is useful.
 */
import type { CheckContext, CheckFinding, CheckLexicon } from './types';
import { checkBankCards } from './bank-card.check';
import { checkIdNumbers } from './id-number.check';
import { checkLength } from './length.check';
import { loadDefaultLexicon, mergeLexicon } from './lexicon';
import { checkLicencePlates } from './licence-plate.check';
import { checkRequiredElements } from './missing-element.check';
import { checkMobiles } from './mobile.check';
import { checkPrivateAddresses } from './private-address.check';
import { checkTermMistakes } from './term-mistake.check';
import { compareFindings, prepareDraft } from './text';
import { checkWording } from './wording.check';

/** Keeps each finding unless an earlier one (earlier group first) already claimed part of its span. */
function claimInOrder(textLength: number, groups: readonly CheckFinding[][]): CheckFinding[] {
  // One flag per UTF-16 unit: spans are short, findings can be many.
  const claimed = new Uint8Array(textLength);
  const kept: CheckFinding[] = [];
  for (const group of groups) {
    for (const f of group) {
      const start = f.start ?? 0;
      const end = f.end ?? 0;
      if (claimed.subarray(start, end).includes(1)) continue;
      claimed.fill(1, start, end);
      kept.push(f);
    }
  }
  return kept;
}

/** The checks with an explicit lexicon: no file access, for callers that manage their own lists. */
export function checkDraftWith(text: string, lexicon: CheckLexicon, context: CheckContext = {}): CheckFinding[] {
  const draft = prepareDraft(text);
  const findings = [
    ...claimInOrder(text.length, [
      checkIdNumbers(draft),
      checkBankCards(draft),
      checkMobiles(draft),
      checkPrivateAddresses(draft, context.publicNames ?? []),
      checkLicencePlates(draft),
    ]),
    ...checkWording(draft, lexicon),
    ...checkTermMistakes(draft, lexicon.termMistakes),
    ...checkRequiredElements(draft, context.required),
    ...checkLength(text, context.platform, context.lengthLimits),
  ];
  return findings.sort(compareFindings);
}

// Read once: checkDraft runs on every save of a draft.
let defaults: CheckLexicon | undefined;

export function checkDraft(text: string, context: CheckContext = {}): CheckFinding[] {
  defaults ??= loadDefaultLexicon();
  return checkDraftWith(text, mergeLexicon(defaults, context.lexicon), context);
}

export function hasBlockingFindings(findings: readonly CheckFinding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}
