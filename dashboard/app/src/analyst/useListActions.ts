import { useState } from 'react';
import { api } from '../api';

/**
 * What a registry page (the debunk KB, the account registry) does to its
 * list besides editing: remove an entry after asking, import a file, and the
 * notice or error either leaves. The list reloads after each change.
 */
export function useListActions<R>(reload: () => void) {
  const [notice, setNotice] = useState<string>();
  const [actionError, setActionError] = useState<string>();
  const [imported, setImported] = useState<R & { file: string }>();
  const [importing, setImporting] = useState(false);
  const fail = (e: unknown) => setActionError(e instanceof Error ? e.message : String(e));

  const remove = async (question: string, path: string, done: string, after?: () => void) => {
    if (!window.confirm(question)) return;
    setActionError(undefined);
    try {
      await api.del(path);
      after?.();
      setNotice(done);
      reload();
    } catch (e) {
      fail(e);
    }
  };

  const importFile = async (file: File | undefined, send: (file: File) => Promise<R>) => {
    if (!file) return;
    setImporting(true);
    setImported(undefined);
    setActionError(undefined);
    setNotice(undefined);
    try {
      const r = await send(file);
      setImported({ ...r, file: file.name });
      reload();
    } catch (e) {
      fail(e);
    } finally {
      setImporting(false);
    }
  };

  return { notice, setNotice, actionError, imported, importing, remove, importFile };
}
