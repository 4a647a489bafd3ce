import {
  TABLES,
  alertRuleInputSchema,
  debunkClaimInputSchema,
  notificationChannelInputSchema,
  type AlertRule,
  type AlertRuleInput,
  type DebunkClaim,
  type DebunkClaimInput,
  type NotificationChannel,
  type NotificationChannelInput,
  type Store,
} from '@fenghuo/shared';
import { createJsonRepository, type JsonRepository } from './json-repository';

export type RuleRepository = JsonRepository<AlertRuleInput, AlertRule>;
export type ChannelRepository = JsonRepository<NotificationChannelInput, NotificationChannel>;
export type ClaimRepository = JsonRepository<DebunkClaimInput, DebunkClaim>;

export function createRuleRepository(store: Store): RuleRepository {
  return createJsonRepository(store, { table: TABLES.alertRules, idColumn: 'rule_id', idPrefix: 'rule-', schema: alertRuleInputSchema });
}

export function createChannelRepository(store: Store): ChannelRepository {
  return createJsonRepository(store, { table: TABLES.channels, idColumn: 'channel_id', idPrefix: 'ch-', schema: notificationChannelInputSchema });
}

export function createClaimRepository(store: Store): ClaimRepository {
  return createJsonRepository(store, { table: TABLES.debunkClaims, idColumn: 'claim_id', idPrefix: 'kb-', schema: debunkClaimInputSchema });
}
