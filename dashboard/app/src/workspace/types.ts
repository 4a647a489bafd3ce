import type { KbMatch } from '@fenghuo/shared/analytics';
import type { CheckFinding, Draft, TemplateKindName } from '@fenghuo/shared/workflow';

/**
 * Shapes the workflow API answers with that the shared package does not
 * export to the browser (they live in the analytics package, which the
 * browser must not import): drafts with their check findings,
 * templates, diffs, suggestions.
 */

export type { CheckFinding, CheckId } from '@fenghuo/shared/workflow';

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
