import { DEFAULT_TIMEZONE, formatChineseDate, formatChineseDateTime } from './chinese-date';
import type { TemplateValues } from './template-render';

export interface IncidentForDraft {
  title: string;
  severity?: string;
  place?: string;
  unitName?: string;
  firstMentionAt?: number;
  detectedAt?: number;
  openedAt: number;
  facts?: string;
  measures?: string;
  contact?: string;
}

/**
 * Template values known from the incident. What the system cannot know
 * (rumor text, refuting facts, Q&A) is left to the caller; what it does not
 * have stays undefined so the template shows a marker rather than a guess.
 *
 * `time` is the earliest moment the system saw the event (first mention, else
 * detection, else when the incident was opened). That is when it surfaced
 * online, which can be later than when it happened: the responder confirms it
 * before issue, like every other value.
 *
 * `severity` is passed through for custom templates; no built-in template
 * prints it, since a grading is an internal judgement and not a public fact.
 */
export function incidentTemplateValues(incident: IncidentForDraft, now: number, timezone: string = DEFAULT_TIMEZONE): TemplateValues {
  const times = [incident.firstMentionAt, incident.detectedAt, incident.openedAt].filter(
    (t): t is number => t !== undefined && Number.isFinite(t),
  );
  const occurred = times.length > 0 ? Math.min(...times) : undefined;
  return {
    title: incident.title,
    severity: incident.severity,
    place: incident.place,
    unit: incident.unitName,
    time: occurred === undefined ? undefined : formatChineseDateTime(occurred, { timezone }),
    facts: incident.facts,
    measures: incident.measures,
    contact: incident.contact,
    date: formatChineseDate(now, timezone),
  };
}
