import type { Role } from '@fenghuo/shared';

/**
 * Who may call what: every API route with the roles allowed to call it.
 * The auth middleware refuses a route that is not listed here (403), so a
 * new route is closed until someone decides who may use it; the OpenAPI
 * document and the permission-matrix test read this same table.
 *
 * `public`: no sign-in (health, login). `ingest`: a bearer ingest token.
 * `signed-in`: any user.
 */
export type Access = readonly Role[] | 'public' | 'ingest' | 'signed-in';

export interface RouteSpec {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  access: Access;
  tag: string;
  summary: string;
  /** Query parameters (names), for the OpenAPI document. */
  query?: string[];
  /** A JSON request body is expected. */
  body?: boolean;
  /** The answer is not JSON (CSV, event stream). */
  produces?: string;
}

const ALL: readonly Role[] = ['viewer', 'analyst', 'responder', 'reviewer', 'admin'];
const ANALYSTS: readonly Role[] = ['analyst'];
const RESPONDERS: readonly Role[] = ['responder'];
const DRAFT_READERS: readonly Role[] = ['responder', 'reviewer'];
const REVIEWERS: readonly Role[] = ['reviewer'];
const ADMINS: readonly Role[] = ['admin'];
const QA_READERS: readonly Role[] = ['analyst', 'responder', 'reviewer'];
const CONSULTATION_EDITORS: readonly Role[] = ['analyst', 'responder'];

export const ROUTES: readonly RouteSpec[] = [
  // session
  { method: 'POST', path: '/api/v1/session', access: 'public', tag: 'session', summary: 'Sign in (username, password): sets the session cookie, returns the user and the CSRF token', body: true },
  { method: 'GET', path: '/api/v1/session', access: 'signed-in', tag: 'session', summary: 'The signed-in user, their visible units and the CSRF token' },
  { method: 'DELETE', path: '/api/v1/session', access: 'signed-in', tag: 'session', summary: 'Sign out' },
  { method: 'POST', path: '/api/v1/session/password', access: 'signed-in', tag: 'session', summary: 'Change one’s own password (old_password, password); ends other sessions', body: true },

  // ingest and pipeline
  { method: 'POST', path: '/api/v1/mentions', access: 'ingest', tag: 'ingest', summary: 'Submit mentions (JSON array or NDJSON) with a bearer ingest token', body: true },
  // Pipeline health for monitors and the status page: counts and lag only.
  { method: 'GET', path: '/api/v1/stats', access: 'public', tag: 'ingest', summary: 'Mentions stored, rejected, and the ingest lag' },

  // analytics
  { method: 'GET', path: '/api/v1/events', access: ALL, tag: 'analytics', summary: 'Events in a time range, filtered by platform, province, dominant sentiment, minimum rumor score or keyword', query: ['from', 'to', 'hours', 'sort', 'limit', 'platform', 'province', 'sentiment', 'min_rumor', 'keyword'] },
  { method: 'GET', path: '/api/v1/events/:id', access: ALL, tag: 'analytics', summary: 'One event with its series, rumor signals and samples' },
  { method: 'GET', path: '/api/v1/events/:id/similar', access: ALL, tag: 'analytics', summary: 'Earlier events sharing the event’s keywords, most alike first', query: ['limit'] },
  { method: 'GET', path: '/api/v1/alerts/stream', access: ALL, tag: 'analytics', summary: 'Live alerts and clock notices (Server-Sent Events)', produces: 'text/event-stream' },
  { method: 'GET', path: '/api/v1/live', access: ALL, tag: 'analytics', summary: 'The dashboard’s live feed: alerts as they change, wall snapshots (events, rumors, incidents, map, pipeline) and a heartbeat (Server-Sent Events)', produces: 'text/event-stream' },
  { method: 'GET', path: '/api/v1/alerts', access: ALL, tag: 'analytics', summary: 'Alerts', query: ['status', 'limit'] },
  { method: 'GET', path: '/api/v1/alerts/:id', access: ALL, tag: 'analytics', summary: 'One alert with its history and deliveries' },
  { method: 'POST', path: '/api/v1/alerts/:id/ack', access: [...ANALYSTS, ...RESPONDERS], tag: 'analytics', summary: 'Acknowledge an alert', body: true },
  { method: 'GET', path: '/api/v1/keywords/trending', access: ALL, tag: 'analytics', summary: 'Rising keywords', query: ['to', 'window', 'baseline', 'min', 'limit'] },
  { method: 'GET', path: '/api/v1/series', access: ALL, tag: 'analytics', summary: 'Mentions per minute by platform, region or sentiment', query: ['dimension', 'from', 'to', 'step'] },
  ...crudRoutes('/api/v1/rules', 'rules', 'alert rule', ANALYSTS, ANALYSTS),
  ...crudRoutes('/api/v1/channels', 'channels', 'notification channel', ADMINS, ADMINS),
  { method: 'POST', path: '/api/v1/channels/:id/test', access: ADMINS, tag: 'channels', summary: 'Send a test message through a channel' },
  { method: 'GET', path: '/api/v1/kb/export', access: ANALYSTS, tag: 'kb', summary: 'Export the debunk knowledge base (CSV or JSON)', query: ['format'], produces: 'text/csv' },
  { method: 'POST', path: '/api/v1/kb/import', access: ANALYSTS, tag: 'kb', summary: 'Import claims (CSV or JSON)', query: ['format'], body: true },
  ...crudRoutes('/api/v1/kb', 'kb', 'knowledge-base claim', [...ANALYSTS, ...RESPONDERS, ...REVIEWERS], ANALYSTS),

  // incidents
  { method: 'GET', path: '/api/v1/incidents', access: ALL, tag: 'incidents', summary: 'Incidents of one’s units with their clocks', query: ['status', 'unit', 'from', 'to'] },
  { method: 'POST', path: '/api/v1/incidents', access: RESPONDERS, tag: 'incidents', summary: 'Open an incident by hand', body: true },
  { method: 'POST', path: '/api/v1/incidents/from-alert/:id', access: RESPONDERS, tag: 'incidents', summary: 'Open an incident from an alert (one click); an alert with an active incident returns it', body: true },
  { method: 'GET', path: '/api/v1/incidents/:id', access: ALL, tag: 'incidents', summary: 'One incident with its deadlines' },
  { method: 'PATCH', path: '/api/v1/incidents/:id', access: RESPONDERS, tag: 'incidents', summary: 'Change fields or status (expected_version required)', body: true },
  { method: 'POST', path: '/api/v1/incidents/:id/ack', access: RESPONDERS, tag: 'incidents', summary: 'Acknowledge an incident' },
  { method: 'POST', path: '/api/v1/incidents/:id/actions', access: RESPONDERS, tag: 'incidents', summary: 'Log a response action by hand (kind, at, link)', body: true },
  { method: 'GET', path: '/api/v1/incidents/:id/history', access: ALL, tag: 'incidents', summary: 'Every change of an incident' },
  { method: 'GET', path: '/api/v1/response/stats', access: ALL, tag: 'incidents', summary: 'Response latency and on-time rates per unit and severity, a ranking and playbook adherence (steps due: in time, late, skipped, overdue)', query: ['from', 'to', 'unit'] },

  // emergency playbooks (应急预案): everyone reads them, admins replace them; responders work an incident's checklist
  { method: 'GET', path: '/api/v1/playbooks', access: ALL, tag: 'playbooks', summary: 'Emergency playbooks (shipped defaults and replacements) with their versions' },
  { method: 'GET', path: '/api/v1/playbooks/:id', access: ALL, tag: 'playbooks', summary: 'One playbook: what it applies to and its steps (owner, due time, repeat, templates)' },
  { method: 'PUT', path: '/api/v1/playbooks/:id', access: ADMINS, tag: 'playbooks', summary: 'Replace or add a playbook (expected_version, playbook); 400 names each invalid field', body: true },
  { method: 'GET', path: '/api/v1/incidents/:id/checklist', access: ALL, tag: 'playbooks', summary: 'The incident’s playbook checklist: steps with owners, due times and states (pending, done, skipped, overdue)' },
  { method: 'POST', path: '/api/v1/incidents/:id/checklist/:key/done', access: RESPONDERS, tag: 'playbooks', summary: 'Mark a checklist step done (note)', body: true },
  { method: 'POST', path: '/api/v1/incidents/:id/checklist/:key/skip', access: RESPONDERS, tag: 'playbooks', summary: 'Skip a checklist step (reason required)', body: true },
  { method: 'GET', path: '/api/v1/settings/clock-policies', access: ALL, tag: 'settings', summary: 'Clock policies per severity' },
  { method: 'PUT', path: '/api/v1/settings/clock-policies', access: ADMINS, tag: 'settings', summary: 'Set clock policies per severity', body: true },
  { method: 'GET', path: '/api/v1/settings/review-policy', access: ALL, tag: 'settings', summary: 'Review levels per unit and severity' },
  { method: 'PUT', path: '/api/v1/settings/review-policy', access: ADMINS, tag: 'settings', summary: 'Set review levels per unit and severity', body: true },

  { method: 'GET', path: '/api/v1/settings/wording', access: [...RESPONDERS, ...REVIEWERS, ...ADMINS], tag: 'settings', summary: 'The unit’s forbidden and sensitive wording and term corrections (added to the built-in lists)' },
  { method: 'PUT', path: '/api/v1/settings/wording', access: ADMINS, tag: 'settings', summary: 'Set the forbidden and sensitive wording and term corrections', body: true },

  // drafts
  { method: 'GET', path: '/api/v1/templates', access: DRAFT_READERS, tag: 'drafts', summary: 'Statement templates' },
  { method: 'POST', path: '/api/v1/checks', access: DRAFT_READERS, tag: 'drafts', summary: 'Run the pre-approval checks on a text (inline in the editor)', body: true },
  { method: 'GET', path: '/api/v1/incidents/:id/suggestions', access: DRAFT_READERS, tag: 'drafts', summary: 'Debunk-KB rebuttals and Q&A answers that may help with a statement on this incident' },
  { method: 'GET', path: '/api/v1/drafts', access: DRAFT_READERS, tag: 'drafts', summary: 'Drafts of one’s units', query: ['incident', 'status'] },
  { method: 'POST', path: '/api/v1/drafts', access: RESPONDERS, tag: 'drafts', summary: 'New draft from a template (filled from the incident) or a body', body: true },
  { method: 'GET', path: '/api/v1/drafts/:id', access: DRAFT_READERS, tag: 'drafts', summary: 'One draft with its check findings' },
  { method: 'PUT', path: '/api/v1/drafts/:id', access: RESPONDERS, tag: 'drafts', summary: 'Edit a draft (expected_version); an edited approved text needs a new review', body: true },
  { method: 'GET', path: '/api/v1/drafts/:id/history', access: DRAFT_READERS, tag: 'drafts', summary: 'Every transition of a draft' },
  { method: 'GET', path: '/api/v1/drafts/:id/diff', access: DRAFT_READERS, tag: 'drafts', summary: 'Diff between two text versions', query: ['from', 'to'] },
  { method: 'POST', path: '/api/v1/drafts/:id/submit', access: RESPONDERS, tag: 'drafts', summary: 'Submit for review', body: true },
  { method: 'POST', path: '/api/v1/drafts/:id/review', access: REVIEWERS, tag: 'drafts', summary: 'Approve or reject the current review level (expected_version)', body: true },
  { method: 'POST', path: '/api/v1/drafts/:id/publish', access: RESPONDERS, tag: 'drafts', summary: 'Record the publication of an approved draft (where, when, link)', body: true },
  { method: 'GET', path: '/api/v1/people', access: DRAFT_READERS, tag: 'drafts', summary: 'Names of the users of one’s units (id, display name, unit; nothing else), to show who wrote, reviewed and published a draft' },

  // Q&A and replies
  { method: 'GET', path: '/api/v1/qa', access: QA_READERS, tag: 'qa', summary: 'Q&A entries (search with q)', query: ['q', 'category', 'include_expired', 'limit'] },
  { method: 'POST', path: '/api/v1/qa', access: RESPONDERS, tag: 'qa', summary: 'New Q&A entry', body: true },
  { method: 'GET', path: '/api/v1/qa/export', access: QA_READERS, tag: 'qa', summary: 'Export the Q&A library as CSV', produces: 'text/csv' },
  { method: 'POST', path: '/api/v1/qa/import', access: RESPONDERS, tag: 'qa', summary: 'Import Q&A entries from CSV', body: true },
  { method: 'GET', path: '/api/v1/qa/:id', access: QA_READERS, tag: 'qa', summary: 'One Q&A entry' },
  { method: 'PUT', path: '/api/v1/qa/:id', access: RESPONDERS, tag: 'qa', summary: 'Replace a Q&A entry', body: true },
  { method: 'DELETE', path: '/api/v1/qa/:id', access: RESPONDERS, tag: 'qa', summary: 'Delete a Q&A entry' },
  { method: 'GET', path: '/api/v1/replies', access: [...RESPONDERS, ...REVIEWERS], tag: 'replies', summary: 'The reply queue', query: ['status', 'unit', 'from', 'to'] },
  { method: 'GET', path: '/api/v1/replies/stats', access: ALL, tag: 'replies', summary: 'Answered and on-time rates per unit', query: ['from', 'to'] },
  { method: 'GET', path: '/api/v1/replies/:id', access: [...RESPONDERS, ...REVIEWERS], tag: 'replies', summary: 'One queued comment or message with suggested answers' },
  { method: 'POST', path: '/api/v1/replies/:id/answer', access: RESPONDERS, tag: 'replies', summary: 'Record the answer (expected_version, answer, qa_id)', body: true },
  { method: 'POST', path: '/api/v1/replies/:id/close', access: RESPONDERS, tag: 'replies', summary: 'Close without an answer (spam, duplicate), with a reason', body: true },

  // daily brief
  { method: 'GET', path: '/api/v1/brief', access: ALL, tag: 'brief', summary: 'The daily brief of a local day (default yesterday): top events, rumors, incidents and deadlines, response per unit, what to watch; incidents of one’s units', query: ['date'] },
  { method: 'GET', path: '/api/v1/brief.pdf', access: ALL, tag: 'brief', summary: 'The daily brief page as an A4 PDF (headless Chromium; 503 when none is installed)', query: ['date', 'lang'], produces: 'application/pdf' },
  { method: 'GET', path: '/api/v1/briefs', access: ALL, tag: 'brief', summary: 'Briefs stored by the schedule (FENGHUO_BRIEF_AT); users who see every unit only' },
  { method: 'GET', path: '/api/v1/briefs/:date.pdf', access: ALL, tag: 'brief', summary: 'One stored brief as PDF; users who see every unit only', produces: 'application/pdf' },

  // account governance
  { method: 'GET', path: '/api/v1/governance', access: ALL, tag: 'governance', summary: 'Official accounts of one’s units with their status per check (cadence, zombie, duplicate, interaction, fake followers, 先审后发), weekly trend and the units ranked', query: ['unit'] },
  { method: 'GET', path: '/api/v1/governance/accounts/:id', access: ALL, tag: 'governance', summary: 'One account’s check results with the evidence (last posts, deadline, unanswered messages, duplicates, follower jumps, unreviewed posts)' },
  { method: 'GET', path: '/api/v1/governance/report', access: ALL, tag: 'governance', summary: 'The monthly inspection report (排查报告) of a unit and the units below it: failing checks, what to fix, what to merge or close', query: ['unit', 'month'] },
  { method: 'GET', path: '/api/v1/governance/report.csv', access: ALL, tag: 'governance', summary: 'The monthly inspection report as CSV', query: ['unit', 'month'], produces: 'text/csv' },
  { method: 'GET', path: '/api/v1/governance/report.pdf', access: ALL, tag: 'governance', summary: 'The monthly inspection report page as an A4 PDF (headless Chromium; 503 when none is installed)', query: ['unit', 'month'], produces: 'application/pdf' },
  { method: 'GET', path: '/api/v1/governance/config', access: ALL, tag: 'governance', summary: 'The governance check thresholds, their defaults and version' },
  { method: 'PUT', path: '/api/v1/governance/config', access: ADMINS, tag: 'governance', summary: 'Set the governance check thresholds (expected_version)', body: true },
  { method: 'GET', path: '/api/v1/accounts/export', access: ALL, tag: 'admin', summary: 'Export one’s units’ official accounts as CSV', produces: 'text/csv' },
  { method: 'POST', path: '/api/v1/accounts/import', access: ADMINS, tag: 'admin', summary: 'Import official accounts from CSV (all rows or none; errors per line)', body: true },
  { method: 'POST', path: '/api/v1/accounts/snapshots', access: 'ingest', tag: 'ingest', summary: 'Submit audience snapshots of official accounts (followers, engagement) with a bearer ingest token; bad rows are stored with the reason', body: true },

  // duty rosters and escalation (值班值守): rosters carry phones and robot webhooks, so responders and admins read them and admins edit them
  { method: 'GET', path: '/api/v1/incidents/:id/escalations', access: ALL, tag: 'duty', summary: 'The escalation chains of an incident’s clock notices and overdue playbook steps, with every step (paged, escalated, acknowledged), for its timeline' },
  { method: 'GET', path: '/api/v1/duty/now', access: ALL, tag: 'duty', summary: 'Who is on duty now in each of one’s units (shift, duty officer, backup, leader; names and channel kinds only)' },
  { method: 'GET', path: '/api/v1/duty/rosters', access: [...RESPONDERS, ...ADMINS], tag: 'duty', summary: 'Duty rosters of one’s units (robot secrets never sent back)' },
  { method: 'GET', path: '/api/v1/duty/rosters/:unit', access: [...RESPONDERS, ...ADMINS], tag: 'duty', summary: 'One unit’s duty roster: people and their channels, leader, shift times, shifts' },
  { method: 'PUT', path: '/api/v1/duty/rosters/:unit', access: ADMINS, tag: 'duty', summary: 'Save a unit’s duty roster (expected_version, roster)', body: true },
  { method: 'POST', path: '/api/v1/duty/rosters/:unit/import', access: ADMINS, tag: 'duty', summary: 'Import shifts from CSV (date, kind, on_duty, backup); all rows or none, errors per line', query: ['expected_version'], body: true },
  { method: 'GET', path: '/api/v1/duty/rosters/:unit/export', access: [...RESPONDERS, ...ADMINS], tag: 'duty', summary: 'A unit’s shifts as CSV', produces: 'text/csv' },
  { method: 'GET', path: '/api/v1/duty/settings', access: ALL, tag: 'duty', summary: 'Escalation settings: paging severity, minutes before each step per severity, link lifetime, the unit engine alerts page' },
  { method: 'PUT', path: '/api/v1/duty/settings', access: ADMINS, tag: 'duty', summary: 'Set the escalation settings (expected_version, settings)', body: true },
  { method: 'GET', path: '/api/v1/duty/report', access: ALL, tag: 'duty', summary: 'Escalation report of one’s units: time to acknowledge per unit and shift, and the escalations (JSON or CSV)', query: ['from', 'to', 'format'] },
  { method: 'GET', path: '/api/v1/duty/escalations/:kind/:id', access: ALL, tag: 'duty', summary: 'The escalation of an alert, clock notice or playbook step, with every step' },
  { method: 'POST', path: '/api/v1/duty/escalations/:kind/:id/ack', access: [...ANALYSTS, ...RESPONDERS], tag: 'duty', summary: 'Acknowledge an escalation in the app (stops the chain)' },
  // The signed link in a page is the credential; GET only shows a confirm button, so link previews acknowledge nothing.
  { method: 'GET', path: '/api/v1/duty/ack/:token', access: 'public', tag: 'duty', summary: 'The acknowledgement page of a signed duty link (a confirm button; expired or used links say so)', produces: 'text/html' },
  { method: 'POST', path: '/api/v1/duty/ack/:token', access: 'public', tag: 'duty', summary: 'Acknowledge through a signed duty link, once', produces: 'text/html' },

  // public consultations (决策前征求意见): everyone in the unit reads them; analysts and responders set them up and fill the feedback; responders publish it through 先审后发
  { method: 'GET', path: '/api/v1/consultations', access: ALL, tag: 'consultations', summary: 'Public consultations on draft policies of one’s units (title, status, period, channels)' },
  { method: 'POST', path: '/api/v1/consultations', access: CONSULTATION_EDITORS, tag: 'consultations', summary: 'New consultation: the draft policy (title, summary, sections), channels, period, collecting post ids and keyword rules', body: true },
  { method: 'GET', path: '/api/v1/consultations/:id', access: ALL, tag: 'consultations', summary: 'One consultation with its version and feedback table' },
  { method: 'PUT', path: '/api/v1/consultations/:id', access: CONSULTATION_EDITORS, tag: 'consultations', summary: 'Change a consultation (expected_version, consultation)', body: true },
  { method: 'GET', path: '/api/v1/consultations/:id/analysis', access: ALL, tag: 'consultations', summary: 'Analysis of the linked comments: volume and participation, themes with representative comments, stance shares (campaigns and repeats once), per-section counts, coordinated campaigns, notable suggestions, the feedback table' },
  { method: 'PUT', path: '/api/v1/consultations/:id/feedback', access: CONSULTATION_EDITORS, tag: 'consultations', summary: 'Save the feedback table: per theme adopted / partly / not adopted with reasons (expected_version, rows)', body: true },
  { method: 'POST', path: '/api/v1/consultations/:id/publish-feedback', access: RESPONDERS, tag: 'consultations', summary: 'Write the feedback statement as a draft and submit it to the 先审后发 review (expected_version)', body: true },
  { method: 'GET', path: '/api/v1/consultations/:id/report.pdf', access: ALL, tag: 'consultations', summary: 'The consultation report page as an A4 PDF (headless Chromium; 503 when none is installed)', produces: 'application/pdf' },

  // administration
  { method: 'GET', path: '/api/v1/units', access: ALL, tag: 'admin', summary: 'Units and their hierarchy' },
  { method: 'POST', path: '/api/v1/units', access: ADMINS, tag: 'admin', summary: 'New unit', body: true },
  { method: 'PUT', path: '/api/v1/units/:id', access: ADMINS, tag: 'admin', summary: 'Change a unit', body: true },
  { method: 'GET', path: '/api/v1/users', access: ADMINS, tag: 'admin', summary: 'Users' },
  { method: 'POST', path: '/api/v1/users', access: ADMINS, tag: 'admin', summary: 'New user (with an initial password)', body: true },
  { method: 'PATCH', path: '/api/v1/users/:id', access: ADMINS, tag: 'admin', summary: 'Change a user’s name, unit, roles or disabled', body: true },
  { method: 'POST', path: '/api/v1/users/:id/password', access: ADMINS, tag: 'admin', summary: 'Set a user’s password (ends their sessions)', body: true },
  { method: 'GET', path: '/api/v1/accounts', access: ALL, tag: 'admin', summary: 'Official accounts' },
  { method: 'POST', path: '/api/v1/accounts', access: ADMINS, tag: 'admin', summary: 'Register an official account', body: true },
  { method: 'PUT', path: '/api/v1/accounts/:id', access: ADMINS, tag: 'admin', summary: 'Change an official account', body: true },
  { method: 'DELETE', path: '/api/v1/accounts/:id', access: ADMINS, tag: 'admin', summary: 'Remove an official account' },
  { method: 'GET', path: '/api/v1/tokens', access: ADMINS, tag: 'admin', summary: 'Ingest tokens (never their values)' },
  { method: 'POST', path: '/api/v1/tokens', access: ADMINS, tag: 'admin', summary: 'Create an ingest token for a source (its value is shown once)', body: true },
  { method: 'DELETE', path: '/api/v1/tokens/:id', access: ADMINS, tag: 'admin', summary: 'Revoke an ingest token' },
  { method: 'GET', path: '/api/v1/audit', access: ADMINS, tag: 'admin', summary: 'The audit log', query: ['from', 'to', 'actor', 'object_type', 'object_id', 'action', 'limit'] },
  { method: 'GET', path: '/api/v1/audit/export', access: ADMINS, tag: 'admin', summary: 'Export the audit log as CSV', query: ['from', 'to'], produces: 'text/csv' },
  { method: 'GET', path: '/api/v1/openapi.json', access: 'public', tag: 'meta', summary: 'This API as OpenAPI 3.1' },
];

function crudRoutes(base: string, tag: string, name: string, readers: readonly Role[], writers: readonly Role[]): RouteSpec[] {
  return [
    { method: 'GET', path: base, access: readers, tag, summary: `List ${name}s` },
    { method: 'POST', path: base, access: writers, tag, summary: `New ${name}`, body: true },
    { method: 'GET', path: `${base}/:id`, access: readers, tag, summary: `One ${name}` },
    { method: 'PUT', path: `${base}/:id`, access: writers, tag, summary: `Replace a ${name}`, body: true },
    { method: 'DELETE', path: `${base}/:id`, access: writers, tag, summary: `Delete a ${name}` },
  ];
}

interface CompiledRoute extends RouteSpec {
  re: RegExp;
  /** Literal segments count: /alerts/stream beats /alerts/:id. */
  specificity: number;
}

const COMPILED: CompiledRoute[] = ROUTES.map((r) => ({
  ...r,
  re: new RegExp(`^${r.path.replace(/[.]/g, '\\.').replace(/:[a-z_]+/g, '[^/]+')}/?$`),
  specificity: r.path.split('/').filter((s) => s && !s.startsWith(':')).length,
})).sort((a, b) => b.specificity - a.specificity);

export function findRoute(method: string, path: string): RouteSpec | undefined {
  const m = method === 'HEAD' ? 'GET' : method;
  return COMPILED.find((r) => r.method === m && r.re.test(path));
}

export function allows(access: Access, roles: readonly Role[]): boolean {
  if (access === 'public' || access === 'signed-in') return true;
  if (access === 'ingest') return false;
  return roles.some((r) => access.includes(r));
}
