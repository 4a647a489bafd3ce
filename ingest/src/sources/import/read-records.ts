import type { SubmitItem } from '../../service/ingest-service';
import { readCascades } from './cascade.format';
import { readCsv } from './csv.format';
import { readNdjson } from './ndjson.format';
import { readWeiboApi } from './weibo-api.format';

export const IMPORT_FORMATS = ['ndjson', 'csv', 'weibo-api', 'cascade'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export interface ReadOptions {
  format: ImportFormat;
  platform?: string;
  /** cascade: read only the first N cascades. */
  limit?: number;
}

export function readRecords(target: string, options: ReadOptions): AsyncGenerator<SubmitItem> {
  const defaults = options.platform ? { platform: options.platform } : {};
  switch (options.format) {
    case 'ndjson':
      return readNdjson(target, defaults);
    case 'csv':
      return readCsv(target, defaults);
    case 'weibo-api':
      return readWeiboApi(target);
    case 'cascade':
      return readCascades(target, { ...(options.platform ? { platform: options.platform } : {}), ...(options.limit !== undefined ? { limit: options.limit } : {}) });
  }
}
