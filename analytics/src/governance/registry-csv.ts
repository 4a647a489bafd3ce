import { ACCOUNT_CSV_COLUMNS, formatCsv, officialAccountInputSchema, parseCsv, type OfficialAccount, type OfficialAccountInput } from '@fenghuo/shared';

type Column = (typeof ACCOUNT_CSV_COLUMNS)[number];

/** The registry as CSV (UTF-8 with BOM for Excel), one account a row, columns ACCOUNT_CSV_COLUMNS. */
export function accountsToCsv(accounts: readonly OfficialAccount[]): string {
  const cell = (a: OfficialAccount, c: Column): string => {
    switch (c) {
      case 'filing_number': return a.filing?.number ?? '';
      case 'filing_date': return a.filing?.date ?? '';
      case 'contact_name': return a.contact?.name ?? '';
      case 'contact_phone': return a.contact?.phone ?? '';
      case 'contact_email': return a.contact?.email ?? '';
      case 'publishes_via_workflow': return a.publishes_via_workflow ? 'true' : 'false';
      case 'reply_deadline_hours': return a.reply_deadline?.hours !== undefined ? String(a.reply_deadline.hours) : '';
      case 'reply_deadline_working_days': return a.reply_deadline?.working_days !== undefined ? String(a.reply_deadline.working_days) : '';
      default: {
        const v = (a as unknown as Record<string, unknown>)[c];
        return v === undefined || v === null ? '' : String(v);
      }
    }
  };
  return formatCsv([[...ACCOUNT_CSV_COLUMNS], ...accounts.map((a) => ACCOUNT_CSV_COLUMNS.map((c) => cell(a, c)))], { bom: true });
}

export interface ParsedAccountRow {
  line: number;
  /** Registry id: the row updates that account; empty creates one (or updates the account with the same platform and account id). */
  id?: string;
  input: OfficialAccountInput;
}

const TRUE = new Set(['true', '1', 'yes', 'y', '是']);
const FALSE = new Set(['false', '0', 'no', 'n', '否', '']);

/**
 * Reads registry rows from CSV by header name (columns in any order, unknown
 * ones refused so a typo is not silently dropped). Every row is checked with
 * the same schema as the API; each problem is reported with its line.
 */
export function parseAccountsCsv(text: string): { rows: ParsedAccountRow[]; errors: { line: number; message: string }[] } {
  const parsed = parseCsv(text);
  const errors = [...parsed.errors];
  const [header, ...body] = parsed.rows;
  if (!header) return { rows: [], errors: errors.length ? errors : [{ line: 1, message: 'empty file: expected a header row' }] };
  const names = header.cells.map((c) => c.trim().replace(/^'/, ''));
  const unknown = names.filter((n) => n && !(ACCOUNT_CSV_COLUMNS as readonly string[]).includes(n));
  if (unknown.length) return { rows: [], errors: [{ line: header.line, message: `unknown column(s): ${unknown.join(', ')}; expected ${ACCOUNT_CSV_COLUMNS.join(', ')}` }] };
  for (const need of ['platform', 'account_id', 'name', 'unit_id'] as const) if (!names.includes(need)) errors.push({ line: header.line, message: `missing column ${need}` });
  if (errors.some((e) => e.line === header.line)) return { rows: [], errors };
  const rows: ParsedAccountRow[] = [];
  for (const r of body) {
    const get = (c: Column): string => {
      const i = names.indexOf(c);
      const v = i < 0 ? '' : (r.cells[i] ?? '').trim();
      return v.startsWith("'") && /^'[=+\-@]/.test(v) ? v.slice(1) : v;
    };
    const problems: string[] = [];
    const num = (c: Column): number | undefined => {
      const v = get(c);
      if (!v) return undefined;
      const n = Number(v);
      if (!Number.isFinite(n)) problems.push(`${c}: not a number (${v})`);
      return n;
    };
    const via = get('publishes_via_workflow').toLowerCase();
    if (!TRUE.has(via) && !FALSE.has(via)) problems.push(`publishes_via_workflow: expected true or false (${via})`);
    const filing = { ...(get('filing_number') ? { number: get('filing_number') } : {}), ...(get('filing_date') ? { date: get('filing_date') } : {}) };
    const contact = { ...(get('contact_name') ? { name: get('contact_name') } : {}), ...(get('contact_phone') ? { phone: get('contact_phone') } : {}), ...(get('contact_email') ? { email: get('contact_email') } : {}) };
    const hours = num('reply_deadline_hours');
    const days = num('reply_deadline_working_days');
    const input: Record<string, unknown> = {
      platform: get('platform'),
      account_id: get('account_id'),
      name: get('name'),
      unit_id: get('unit_id'),
      ...(get('level') ? { level: get('level') } : {}),
      ...(get('status') ? { status: get('status') } : {}),
      ...(Object.keys(filing).length ? { filing } : {}),
      ...(Object.keys(contact).length ? { contact } : {}),
      ...(get('opened_on') ? { opened_on: get('opened_on') } : {}),
      publishes_via_workflow: TRUE.has(via),
      ...(get('merge_into') ? { merge_into: get('merge_into') } : {}),
      ...(hours !== undefined || days !== undefined ? { reply_deadline: { ...(hours !== undefined ? { hours } : {}), ...(days !== undefined ? { working_days: days } : {}) } } : {}),
      ...(get('note') ? { note: get('note') } : {}),
    };
    const v = officialAccountInputSchema.safeParse(input);
    if (!v.success) problems.push(...v.error.issues.map((i) => `${i.path.join('.') || 'row'}: ${i.message}`));
    if (problems.length) errors.push({ line: r.line, message: problems.join('; ') });
    else rows.push({ line: r.line, ...(get('id') ? { id: get('id') } : {}), input: input as OfficialAccountInput });
  }
  return { rows, errors };
}
