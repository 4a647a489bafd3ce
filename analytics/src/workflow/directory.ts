import { createHash, randomBytes, randomUUID } from 'node:crypto';
import {
  officialAccountInputSchema,
  unitInputSchema,
  userInputSchema,
  type IngestTokenInfo,
  type OfficialAccount,
  type OfficialAccountInput,
  type Role,
  type Unit,
  type UnitInput,
  type User,
  type UserInput,
} from '@fenghuo/shared';
import { parseWith } from '../store/json-repository';
import { audited, BadRequestError, type Actor, type WorkflowContext } from './context';
import { hashPassword, passwordProblem, verifyPassword } from './passwords';
import { ConflictError, NotFoundError } from './store/workflow-log';

/** A user as stored: the API's User plus what only the server sees. */
interface StoredUser extends User {
  password_hash: string;
  failed_logins: number;
}

export const LOGIN_POLICY = { maxFailures: 5, lockMs: 15 * 60_000 };

function publicUser(u: StoredUser): User {
  const { password_hash: _h, failed_logins: _f, ...rest } = u;
  return rest;
}

function sha256(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}

/** Accounts registered before governance existed lack its fields: they read as active, level "other". */
function withGovernanceDefaults(a: OfficialAccount): OfficialAccount {
  return { ...a, level: a.level ?? 'other', status: a.status ?? 'active', publishes_via_workflow: a.publishes_via_workflow ?? false };
}

interface StoredToken extends IngestTokenInfo {
  token_hash: string;
}

/**
 * Units (单位) and their hierarchy, users and their roles, official accounts
 * and ingest tokens: the slowly changing directory every other part reads.
 * Reads are cached for a few seconds; every write clears the cache.
 */
export function createDirectory(ctx: WorkflowContext, options: { cacheMs?: number } = {}) {
  const cacheMs = options.cacheMs ?? 2000;
  let cache: { at: number; units: Unit[]; accounts: OfficialAccount[]; tokens: StoredToken[] } | undefined;
  const invalidate = () => {
    cache = undefined;
  };
  // Ingest checks keep the live tokens in memory; a revocation must reach them before it is answered.
  const tokenListeners: Array<() => Promise<void>> = [];
  const tokensChanged = async () => {
    for (const listener of tokenListeners) await listener();
  };
  const load = async () => {
    if (cache && ctx.now() - cache.at < cacheMs) return cache;
    const [units, accounts, tokens] = await Promise.all([
      ctx.log.list<Unit>('unit'),
      ctx.log.list<OfficialAccount>('account'),
      ctx.log.list<StoredToken>('ingest_token'),
    ]);
    cache = { at: ctx.now(), units: units.map((u) => u.state), accounts: accounts.map((a) => withGovernanceDefaults(a.state)), tokens: tokens.map((t) => t.state) };
    return cache;
  };

  /** The unit and every unit below it. */
  const subtree = (units: readonly Unit[], root: string): Set<string> => {
    const children = new Map<string, string[]>();
    for (const u of units) if (u.parent_id) children.set(u.parent_id, [...(children.get(u.parent_id) ?? []), u.id]);
    const out = new Set<string>();
    const stack = [root];
    while (stack.length) {
      const id = stack.pop()!;
      if (out.has(id)) continue;
      out.add(id);
      stack.push(...(children.get(id) ?? []));
    }
    return out;
  };

  const requireUnit = async (id: string) => {
    const { units } = await load();
    const unit = units.find((u) => u.id === id);
    if (!unit) throw new BadRequestError(`no unit ${id}`);
    return unit;
  };

  const findUser = async (username: string) => {
    const all = await ctx.log.list<StoredUser>('user');
    return all.find((u) => u.state.username.toLowerCase() === username.toLowerCase());
  };

  const dir = {
    async units(): Promise<Unit[]> {
      return (await load()).units;
    },
    async unitIdsUnder(unitId: string): Promise<Set<string>> {
      return subtree((await load()).units, unitId);
    },
    async unitNames(): Promise<Map<string, string>> {
      return new Map((await load()).units.map((u) => [u.id, u.name]));
    },
    async createUnit(actor: Actor, input: UnitInput): Promise<Unit> {
      const data = parseWith(unitInputSchema, input);
      if (data.parent_id) await requireUnit(data.parent_id);
      const unit: Unit = { ...data, id: `unit-${randomUUID().slice(0, 8)}`, updated_at: ctx.now() };
      await ctx.log.append('unit', unit.id, 0, { action: 'create', actor: actor.id, at: ctx.now(), state: unit });
      invalidate();
      await audited(ctx, actor, 'unit.create', 'unit', unit.id, undefined, unit);
      return unit;
    },
    async updateUnit(actor: Actor, id: string, input: UnitInput): Promise<Unit> {
      const data = parseWith(unitInputSchema, input);
      const current = await ctx.log.get<Unit>('unit', id);
      if (!current) throw new NotFoundError(`no unit ${id}`);
      if (data.parent_id) {
        await requireUnit(data.parent_id);
        // A unit cannot move below itself.
        if ((await dir.unitIdsUnder(id)).has(data.parent_id)) throw new BadRequestError('a unit cannot be placed under itself or one of its subordinates');
      }
      const unit: Unit = { ...data, id, updated_at: ctx.now() };
      await ctx.log.append('unit', id, current.seq, { action: 'update', actor: actor.id, at: ctx.now(), state: unit });
      invalidate();
      await audited(ctx, actor, 'unit.update', 'unit', id, current.state, unit);
      return unit;
    },

    // ---- users ----
    async users(): Promise<User[]> {
      return (await ctx.log.list<StoredUser>('user')).map((u) => publicUser(u.state));
    },
    async user(id: string): Promise<User | undefined> {
      const u = await ctx.log.get<StoredUser>('user', id);
      return u ? publicUser(u.state) : undefined;
    },
    async userCount(): Promise<number> {
      return (await ctx.log.list<StoredUser>('user')).length;
    },
    async createUser(actor: Actor, input: UserInput & { password: string }): Promise<User> {
      const data = parseWith(userInputSchema, input);
      await requireUnit(data.unit_id);
      const problem = passwordProblem(input.password ?? '', data.username);
      if (problem) throw new BadRequestError(problem);
      if (await findUser(data.username)) throw new ConflictError(`user name ${data.username} is taken`);
      const t = ctx.now();
      const user: StoredUser = { ...data, id: `user-${randomUUID().slice(0, 8)}`, password_hash: await hashPassword(input.password), failed_logins: 0, password_changed_at: t, updated_at: t };
      await ctx.log.append('user', user.id, 0, { action: 'create', actor: actor.id, at: t, state: user });
      await audited(ctx, actor, 'user.create', 'user', user.id, undefined, publicUser(user));
      return publicUser(user);
    },
    /** Changes name, unit, roles or disabled; `expected` is the version the admin saw. */
    async updateUser(actor: Actor, id: string, input: Partial<UserInput>): Promise<User> {
      const current = await ctx.log.get<StoredUser>('user', id);
      if (!current) throw new NotFoundError(`no user ${id}`);
      const merged = parseWith(userInputSchema, { ...publicUser(current.state), ...input });
      if (merged.username.toLowerCase() !== current.state.username.toLowerCase() && (await findUser(merged.username))) throw new ConflictError(`user name ${merged.username} is taken`);
      await requireUnit(merged.unit_id);
      if (actor.id === id && !merged.roles.includes('admin') && current.state.roles.includes('admin')) throw new BadRequestError('an admin cannot remove their own admin role');
      const next: StoredUser = { ...current.state, ...merged, updated_at: ctx.now() };
      await ctx.log.append('user', id, current.seq, { action: 'update', actor: actor.id, at: ctx.now(), state: next });
      const roleChange = current.state.roles.join(',') !== next.roles.join(',');
      await audited(ctx, actor, roleChange ? 'user.role_change' : 'user.update', 'user', id, publicUser(current.state), publicUser(next));
      return publicUser(next);
    },
    async setPassword(actor: Actor, id: string, password: string, oldPassword?: string): Promise<void> {
      const current = await ctx.log.get<StoredUser>('user', id);
      if (!current) throw new NotFoundError(`no user ${id}`);
      if (oldPassword !== undefined && !(await verifyPassword(oldPassword, current.state.password_hash))) throw new BadRequestError('current password is wrong');
      const problem = passwordProblem(password, current.state.username);
      if (problem) throw new BadRequestError(problem);
      const next: StoredUser = { ...current.state, password_hash: await hashPassword(password), password_changed_at: ctx.now(), failed_logins: 0, updated_at: ctx.now() };
      delete next.locked_until;
      await ctx.log.append('user', id, current.seq, { action: 'password', actor: actor.id, at: ctx.now(), state: next });
      await audited(ctx, actor, 'user.password', 'user', id, undefined, undefined);
    },
    /**
     * Checks a login. Five wrong passwords in a row lock the account for 15
     * minutes (even the right password is refused while locked).
     */
    async verifyLogin(username: string, password: string): Promise<{ ok: true; user: User } | { ok: false; reason: 'unknown' | 'wrong' | 'locked' | 'disabled'; lockedUntil?: number }> {
      const found = await findUser(username);
      if (!found) {
        // Same work as for a real user, so timing does not reveal which names exist.
        await verifyPassword(password, 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
        return { ok: false, reason: 'unknown' };
      }
      const u = found.state;
      const t = ctx.now();
      if (u.locked_until && u.locked_until > t) return { ok: false, reason: 'locked', lockedUntil: u.locked_until };
      if (u.disabled) return { ok: false, reason: 'disabled' };
      const ok = await verifyPassword(password, u.password_hash);
      const updated = await ctx.log.update<StoredUser>('user', u.id, (cur) => {
        const s = { ...cur.state, updated_at: t };
        if (ok) {
          if (!s.failed_logins && !s.locked_until) return undefined;
          s.failed_logins = 0;
          delete s.locked_until;
          return { action: 'login_ok', actor: u.id, at: t, state: s };
        }
        s.failed_logins = (s.locked_until && s.locked_until <= t ? 0 : s.failed_logins) + 1;
        delete s.locked_until;
        if (s.failed_logins >= LOGIN_POLICY.maxFailures) {
          s.locked_until = t + LOGIN_POLICY.lockMs;
          s.failed_logins = 0;
        }
        return { action: 'login_failed', actor: u.id, at: t, state: s };
      });
      if (ok) return { ok: true, user: publicUser(updated?.state ?? u) };
      const locked = updated?.state.locked_until;
      return locked ? { ok: false, reason: 'locked', lockedUntil: locked } : { ok: false, reason: 'wrong' };
    },
    /** The actor behind a user id (roles and visible units), or undefined for a missing or disabled user. */
    async actorFor(userId: string, ip?: string): Promise<Actor | undefined> {
      const u = await ctx.log.get<StoredUser>('user', userId);
      if (!u || u.state.disabled) return undefined;
      return { id: u.state.id, name: u.state.display_name, roles: u.state.roles as Role[], unit_id: u.state.unit_id, unitIds: await dir.unitIdsUnder(u.state.unit_id), ...(ip ? { ip } : {}) };
    },

    // ---- official accounts ----
    async accounts(): Promise<OfficialAccount[]> {
      return (await load()).accounts;
    },
    async saveAccount(actor: Actor, id: string | undefined, input: OfficialAccountInput): Promise<OfficialAccount> {
      const data = parseWith(officialAccountInputSchema, input);
      await requireUnit(data.unit_id);
      const current = id ? await ctx.log.get<OfficialAccount>('account', id) : undefined;
      if (id && !current) throw new NotFoundError(`no account ${id}`);
      const dup = (await load()).accounts.find((a) => a.platform === data.platform && a.account_id === data.account_id && a.id !== id);
      if (dup) throw new ConflictError(`account ${data.platform}:${data.account_id} is already registered (${dup.id})`);
      const account: OfficialAccount = { ...data, id: id ?? `acct-${randomUUID().slice(0, 8)}`, updated_at: ctx.now() };
      await ctx.log.append('account', account.id, current?.seq ?? 0, { action: current ? 'update' : 'create', actor: actor.id, at: ctx.now(), state: account });
      invalidate();
      await audited(ctx, actor, current ? 'account.update' : 'account.create', 'account', account.id, current?.state, account);
      return account;
    },
    /**
     * Registers or changes many accounts at once (CSV import). Every row is
     * checked first (unit, id, one registration per platform account, within
     * the file too); with any error nothing is written, so a file is never
     * half-imported. A row without an id updates the account registered
     * with the same platform and account id, or creates one.
     */
    async importAccounts(actor: Actor, rows: readonly { line: number; id?: string; input: OfficialAccountInput }[]): Promise<{ created: number; updated: number; errors: { line: number; message: string }[] }> {
      const { units, accounts } = await load();
      const unitIds = new Set(units.map((u) => u.id));
      const byId = new Map(accounts.map((a) => [a.id, a]));
      const byKey = new Map(accounts.map((a) => [`${a.platform}\u0000${a.account_id}`, a]));
      const errors: { line: number; message: string }[] = [];
      const seen = new Map<string, number>();
      const plan: { id?: string; input: OfficialAccountInput }[] = [];
      for (const row of rows) {
        const r = officialAccountInputSchema.safeParse(row.input);
        if (!r.success) {
          errors.push({ line: row.line, message: r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
          continue;
        }
        const key = `${r.data.platform}\u0000${r.data.account_id}`;
        const problems: string[] = [];
        if (!unitIds.has(r.data.unit_id)) problems.push(`unit_id: no unit ${r.data.unit_id}`);
        if (row.id && !byId.has(row.id)) problems.push(`id: no account ${row.id}`);
        const other = byKey.get(key);
        const id = row.id ?? other?.id;
        if (other && id !== other.id) problems.push(`${r.data.platform}:${r.data.account_id} is already registered (${other.id})`);
        if (seen.has(key)) problems.push(`${r.data.platform}:${r.data.account_id} appears again (line ${seen.get(key)})`);
        seen.set(key, row.line);
        if (problems.length) errors.push({ line: row.line, message: problems.join('; ') });
        else plan.push({ ...(id ? { id } : {}), input: row.input });
      }
      if (errors.length) return { created: 0, updated: 0, errors };
      let created = 0;
      let updated = 0;
      for (const p of plan) {
        await dir.saveAccount(actor, p.id, p.input);
        if (p.id) updated++;
        else created++;
      }
      await audited(ctx, actor, 'account.import', 'account', '*', undefined, { created, updated });
      return { created, updated, errors: [] };
    },
    async removeAccount(actor: Actor, id: string): Promise<void> {
      const current = await ctx.log.get<OfficialAccount>('account', id);
      if (!current) throw new NotFoundError(`no account ${id}`);
      await ctx.log.append('account', id, current.seq, { action: 'delete', actor: actor.id, at: ctx.now(), state: current.state, deleted: true });
      invalidate();
      await audited(ctx, actor, 'account.delete', 'account', id, current.state, undefined);
    },

    // ---- ingest tokens ----
    async tokens(): Promise<IngestTokenInfo[]> {
      return (await load()).tokens.map(({ token_hash: _h, ...t }) => t);
    },
    async createToken(actor: Actor, source: string, name: string): Promise<IngestTokenInfo & { token: string }> {
      if (!/^[a-z0-9][a-z0-9_.-]{0,39}$/.test(source)) throw new BadRequestError('source: 1–40 lower-case letters, digits, . _ -');
      const token = `fh_${randomBytes(24).toString('base64url')}`;
      const stored: StoredToken = { id: `tok-${randomUUID().slice(0, 8)}`, source, name: name.slice(0, 100), created_at: ctx.now(), created_by: actor.id, token_hash: sha256(token) };
      await ctx.log.append('ingest_token', stored.id, 0, { action: 'create', actor: actor.id, at: ctx.now(), state: stored });
      invalidate();
      await tokensChanged();
      const { token_hash: _h, ...info } = stored;
      await audited(ctx, actor, 'token.create', 'ingest_token', stored.id, undefined, info);
      return { ...info, token };
    },
    async revokeToken(actor: Actor, id: string): Promise<IngestTokenInfo> {
      const current = await ctx.log.get<StoredToken>('ingest_token', id);
      if (!current) throw new NotFoundError(`no token ${id}`);
      if (current.state.revoked_at) return current.state;
      const next = { ...current.state, revoked_at: ctx.now() };
      await ctx.log.append('ingest_token', id, current.seq, { action: 'revoke', actor: actor.id, at: ctx.now(), state: next });
      invalidate();
      await tokensChanged();
      const { token_hash: _h, ...info } = next;
      await audited(ctx, actor, 'token.revoke', 'ingest_token', id, current.state, info);
      return info;
    },
    /** Called (and awaited) after a token is created or revoked in this process; other processes see it on their next refresh. */
    onTokensChanged(listener: () => Promise<void>): void {
      tokenListeners.push(listener);
    },
    /** Source of a live token (sha256 compared by the caller's cache). */
    async tokenHashes(): Promise<Map<string, string>> {
      return new Map((await load()).tokens.filter((t) => !t.revoked_at).map((t) => [t.token_hash, t.source]));
    },
    invalidate,
  };
  return dir;
}

export type Directory = ReturnType<typeof createDirectory>;
export { sha256 as tokenHash };
