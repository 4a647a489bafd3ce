export {
  type TemplateKind,
  type TemplateField,
  type StatementTemplate,
  type TemplateValues,
  type FilledTemplate,
  TemplateSyntaxError,
  fillTemplate,
  checkTemplate,
  remainingMarkers,
  marker,
} from './template-render';
export { BUILT_IN_TEMPLATES, formatQaPairs, type QaPair } from './statement-templates';
export { DEFAULT_TIMEZONE, formatChineseDate, formatChineseDateTime } from './chinese-date';
export { incidentTemplateValues, type IncidentForDraft } from './incident-values';
export { diffLines, diffChars, unifiedDiff, diffStats, type DiffLine, type DiffOp, type CharDiff } from './text-diff';
