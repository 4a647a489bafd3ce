import { useCallback, useEffect, useState } from 'react';
import { api } from '../api';

/**
 * Who is who in one's units (authors, reviewers and publishers are stored by
 * id): a function from an id to a display name, "我" for oneself, the id
 * while names load or for someone outside one's units.
 */
export function usePeople(me: string, meLabel: string): (id: string) => string {
  const [names, setNames] = useState<Map<string, string>>(new Map());
  useEffect(() => {
    let live = true;
    api
      .get<{ people: { id: string; display_name: string }[] }>('/api/v1/people')
      .then((r) => live && setNames(new Map(r.people.map((p) => [p.id, p.display_name]))))
      .catch(() => {
        // ids stay as they are
      });
    return () => {
      live = false;
    };
  }, []);
  return useCallback((id: string) => (id === me ? meLabel : (names.get(id) ?? id)), [names, me, meLabel]);
}
