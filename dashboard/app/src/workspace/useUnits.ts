import { useEffect, useState } from 'react';
import type { Unit } from '@fenghuo/shared/workflow';
import { api } from '../api';

/** The units (for names and choices); empty until loaded or when the list is unavailable. */
export function useUnits(): Unit[] {
  const [units, setUnits] = useState<Unit[]>([]);
  useEffect(() => {
    let live = true;
    api
      .get<{ units: Unit[] }>('/api/v1/units')
      .then((r) => live && setUnits(r.units))
      .catch(() => {
        // names fall back to ids
      });
    return () => {
      live = false;
    };
  }, []);
  return units;
}
