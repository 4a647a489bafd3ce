import type { CheckStatus, GovernanceTrendPoint } from '@fenghuo/shared/governance';

/** One cell per week (Monday, local), oldest first: the account's worst check status at the end of that week. */
export type TrendDatum = Pick<GovernanceTrendPoint, 'week' | 'status' | 'failing'>;

export const weekOf = (d: TrendDatum) => d.week;
export const statusOf = (d: TrendDatum): CheckStatus => d.status;
export const failingOf = (d: TrendDatum) => d.failing;
