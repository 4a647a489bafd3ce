import type { SubmitItem } from '../../service/ingest-service';
import { readLines } from './open-input';

/** One mention object per line; a line that is not JSON is rejected with its line number. */
export async function* readNdjson(file: string, defaults: RecordDefaults): AsyncGenerator<SubmitItem> {
  for await (const { line, lineNo } of readLines(file)) {
    const text = line.replace(/^\ufeff/, '');
    if (!text.trim()) continue;
    try {
      yield { position: lineNo, value: applyDefaults(JSON.parse(text), defaults), raw: line };
    } catch (error) {
      yield { position: lineNo, raw: line, error: `line ${lineNo + 1} is not valid JSON: ${(error as Error).message}`, code: 'invalid_json' };
    }
  }
}

export interface RecordDefaults {
  /** Platform for records that do not name one (--platform). */
  platform?: string;
}

export function applyDefaults(value: unknown, defaults: RecordDefaults): unknown {
  if (defaults.platform && typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const o = value as Record<string, unknown>;
    if (o.platform === undefined || o.platform === '') return { ...o, platform: defaults.platform };
  }
  return value;
}
