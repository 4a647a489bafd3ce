import type { KbMatch } from '@fenghuo/shared/analytics';
import type { Draft, TemplateKindName } from '@fenghuo/shared/workflow';

/**
 * Shapes the workflow API answers with that the shared package does not
 * export to the browser (they live in the analytics package, which the
 * browser must not import): check findings, drafts with their findings,
 * templates, diffs, suggestions.
 */

export type CheckId =
  | 'id_number'
  | 'mobile'
  | 'bank_card'
  | 'licence_plate'
  | 'private_address'
  | 'forbidden_wording'
  | 'sensitive_wording'
  | 'term_mistake'
  | 'missing_element'
  | 'length';

export interface CheckFinding {
  check: CheckId | string;
  severity: 'error' | 'warning';
  message: string;
  /** UTF-16 offsets into the checked text; absent for findings about the whole text. */
  start?: number;
  end?: number;
  match?: string;
  suggestion?: string;
}

export interface DraftView extends Draft {
  checks: CheckFinding[];
  blocking: boolean;
}

export interface TemplateField {
  key: string;
  label: string;
  required: boolean;
  hint?: string;
}

export interface StatementTemplate {
  kind: TemplateKindName;
  name: string;
  description: string;
  fields: TemplateField[];
  body: string;
}

export type DiffOp = 'same' | 'add' | 'del';

export interface DiffLine {
  op: DiffOp;
  text: string;
  oldLine?: number;
  newLine?: number;
  chars?: { op: DiffOp; text: string }[];
}

export interface DraftDiff {
  from: number;
  to: number;
  lines: DiffLine[];
  unified: string;
}

export interface DraftSuggestions {
  kb: KbMatch[];
  qa: { id: string; question: string; answer: string; score: number }[];
}

export interface DraftTransition {
  seq: number;
  action: string;
  actor: string;
  at: number;
  status: string;
  text_version: number;
}
