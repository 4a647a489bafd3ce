import { readdirSync, readFileSync } from 'node:fs';
import { playbookSchema, playbookSetSchema, type Playbook } from '@fenghuo/shared';

const DEFAULTS_DIR = new URL('./defaults/', import.meta.url);

/** A shipped playbook file that does not pass the schema: names the file and each field. */
export class PlaybookFileError extends Error {
  override name = 'PlaybookFileError';
}

/** Parses one playbook file's text; problems come back as "file: path: message" lines. */
export function parsePlaybookFile(name: string, text: string): Playbook {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new PlaybookFileError(`${name}: not JSON (${(error as Error).message})`);
  }
  const r = playbookSchema.safeParse(json);
  if (!r.success) throw new PlaybookFileError(r.error.issues.map((i) => `${name}: ${i.path.join('.') || '(top)'}: ${i.message}`).join('\n'));
  return r.data;
}

/** Checks a whole set (unique ids, a generic playbook); throws with every problem. */
export function checkPlaybookSet(set: Playbook[], where: string): Playbook[] {
  const r = playbookSetSchema.safeParse(set);
  if (!r.success) throw new PlaybookFileError(r.error.issues.map((i) => `${where}: ${i.path.join('.') || '(set)'}: ${i.message}`).join('\n'));
  return r.data;
}

let cached: Playbook[] | undefined;

/** The shipped playbooks (analytics/src/playbooks/defaults/*.json), checked once; a bad file stops the start. */
export function defaultPlaybooks(): Playbook[] {
  cached ??= checkPlaybookSet(
    readdirSync(DEFAULTS_DIR)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => parsePlaybookFile(f, readFileSync(new URL(f, DEFAULTS_DIR), 'utf8'))),
    'defaults',
  );
  return cached;
}
