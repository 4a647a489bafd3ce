import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { Allowed } from './session';

export interface PageRoute {
  path: string;
  page: LazyExoticComponent<ComponentType<{ params: Record<string, string> }>>;
  allowed: Allowed;
  /** In the navigation bar, with its label (zh, en). */
  nav?: [string, string];
  /** Full screen, without the navigation bar (the wall display). */
  bare?: boolean;
}

const page = (load: () => Promise<{ default: ComponentType<{ params: Record<string, string> }> }>) => lazy(load);

/** Every page of the app with the roles that may open it (the API enforces the same, this only hides what would fail). */
export const PAGES: readonly PageRoute[] = [
  { path: '/wall', page: page(() => import('./pages/WallPage')), allowed: 'all', nav: ['大屏', 'Wall'], bare: true },
  { path: '/events', page: page(() => import('./pages/EventsPage')), allowed: 'all', nav: ['事件', 'Events'] },
  { path: '/events/:id', page: page(() => import('./pages/EventPage')), allowed: 'all' },
  { path: '/incidents', page: page(() => import('./pages/IncidentsPage')), allowed: 'all', nav: ['处置', 'Incidents'] },
  { path: '/incidents/:id', page: page(() => import('./pages/IncidentRoomPage')), allowed: 'all' },
  { path: '/drafts', page: page(() => import('./pages/DraftsPage')), allowed: ['responder', 'reviewer'], nav: ['发布稿', 'Drafts'] },
  { path: '/drafts/:id', page: page(() => import('./pages/DraftEditorPage')), allowed: ['responder', 'reviewer'] },
  { path: '/review', page: page(() => import('./pages/ReviewQueuePage')), allowed: ['reviewer'], nav: ['审核', 'Review'] },
  { path: '/rules', page: page(() => import('./pages/RulesPage')), allowed: ['analyst'], nav: ['预警规则', 'Alert rules'] },
  { path: '/kb', page: page(() => import('./pages/KbPage')), allowed: ['analyst'], nav: ['辟谣库', 'Debunk KB'] },
  { path: '/brief', page: page(() => import('./pages/BriefPage')), allowed: 'all', nav: ['日报', 'Daily brief'] },
  // Everyone reads the playbooks; the API lets only admins change them.
  { path: '/playbooks', page: page(() => import('./playbooks/PlaybooksPage')), allowed: 'all', nav: ['应急预案', 'Playbooks'] },
  { path: '/governance', page: page(() => import('./governance/GovernancePage')), allowed: 'all', nav: ['账号治理', 'Account governance'] },
  { path: '/governance/report', page: page(() => import('./governance/GovernanceReportPage')), allowed: 'all' },
  // Reached from the governance page; the API lets only admins change the thresholds.
  { path: '/governance/settings', page: page(() => import('./governance/GovernanceSettingsPage')), allowed: ['admin'] },
  { path: '/accounts', page: page(() => import('./governance/AccountsPage')), allowed: ['admin'], nav: ['账号登记', 'Account registry'] },
  // Rosters carry phones and webhooks: responders read them, admins edit (the API enforces the same).
  { path: '/duty', page: page(() => import('./duty/RosterPage')), allowed: ['responder', 'admin'], nav: ['值班', 'Duty roster'] },
  { path: '/duty/report', page: page(() => import('./duty/EscalationReportPage')), allowed: 'all' },
  { path: '/consultations', page: page(() => import('./consultations/ConsultationsPage')), allowed: 'all', nav: ['征求意见', 'Consultations'] },
  { path: '/consultations/:id', page: page(() => import('./consultations/ConsultationPage')), allowed: 'all' },
  { path: '/consultations/:id/report', page: page(() => import('./consultations/ConsultationReportPage')), allowed: 'all' },
];
