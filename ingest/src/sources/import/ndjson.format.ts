import type { SubmitItem } from '../../service/ingest-service';
import { parseJsonWellFormed } from '../safe-json';
import { isReadFailure, KEPT_PREFIX_BYTES, MAX_LINE_BYTES, readLines } from './open-input';

/** One mention object per line; a line that is not JSON is rejected with its line number. */
export async function* readNdjson(file: string, defaults: RecordDefaults): AsyncGenerator<SubmitItem> {
  for await (const x of readLines(file)) {
    if (isReadFailure(x)) {
      yield { position: x.lineNo, raw: '', error: x.failed, code: 'unreadable_file' };
      return;
    }
    const { line, lineNo } = x;
    if (x.tooLong !== undefined) {
      yield { position: lineNo, raw: line, error: tooLongError(lineNo, x.tooLong), code: 'line_too_long' };
      continue;
    }
    const text = line.replace(/^\ufeff/, '');
    if (!text.trim()) continue;
    try {
      yield { position: lineNo, value: applyDefaults(parseJsonWellFormed(text), defaults), raw: line };
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

export function tooLongError(lineNo: number, bytes: number): string {
  return `line ${lineNo + 1} is longer than ${MAX_LINE_BYTES / 1024 / 1024} MB (${bytes} bytes); its first ${KEPT_PREFIX_BYTES / 1024} KB are kept`;
}
