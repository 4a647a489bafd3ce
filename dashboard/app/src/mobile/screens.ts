import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { Allowed } from '../session';

export interface MobileScreen {
  path: string;
  page: LazyExoticComponent<ComponentType<{ params: Record<string, string> }>>;
  allowed: Allowed;
  /** In the tab bar, with its label (zh, en) and icon. */
  tab?: [string, string, string];
}

const screen = (load: () => Promise<{ default: ComponentType<{ params: Record<string, string> }> }>) => lazy(load);

/** Roles that may acknowledge an alert (the API's rule for POST /api/v1/alerts/:id/ack). */
export const ACK_ROLES: Allowed = ['analyst', 'responder'];

/** The phone view's screens, each its own chunk so the first load stays small. */
export const SCREENS: readonly MobileScreen[] = [
  { path: '/m', page: screen(() => import('./BriefScreen')), allowed: 'all', tab: ['简报', 'Brief', '☰'] },
  { path: '/m/incidents', page: screen(() => import('./IncidentsScreen')), allowed: 'all', tab: ['事件', 'Incidents', '⏱'] },
  { path: '/m/incidents/:id', page: screen(() => import('./IncidentScreen')), allowed: 'all' },
  { path: '/m/alerts', page: screen(() => import('./AlertsScreen')), allowed: 'all', tab: ['预警', 'Alerts', '⚑'] },
  { path: '/m/review', page: screen(() => import('./ReviewScreen')), allowed: ['reviewer'], tab: ['审核', 'Review', '✓'] },
  { path: '/m/review/:id', page: screen(() => import('./ReviewDraftScreen')), allowed: ['reviewer'] },
  { path: '/m/consultations', page: screen(() => import('./ConsultationsScreen')), allowed: 'all', tab: ['征求意见', 'Consult', '✎'] },
  { path: '/m/consultations/:id', page: screen(() => import('./ConsultationScreen')), allowed: 'all' },
];
