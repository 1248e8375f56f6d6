/**
 * Users and API tokens as rows. The store keeps only hashes (src/auth makes them); every change to
 * an account is an audit record, without the hash.
 */
import { appendAudit } from './audit.ts';
import type { SqlSession } from './sql.ts';
import type { Role, UserAccount } from './types.ts';
import { nowIso } from './values.ts';

interface UserRow {
  id: number;
  name: string;
  role: Role;
  password_hash: string;
  password_epoch: number;
  created_at: string;
}

const accountOf = (r: UserRow): UserAccount => ({ id: r.id, name: r.name, role: r.role, createdAt: r.created_at, passwordEpoch: r.password_epoch });

export class AccountError extends Error {
  override name = 'AccountError';
}

export async function addUser(db: SqlSession, name: string, role: Role, passwordHash: string, actor: string): Promise<UserAccount> {
  if (await db.get('SELECT id FROM users WHERE name = ?', [name])) throw new AccountError(`user ${name} already exists`);
  const row = (await db.get<UserRow>('INSERT INTO users (name, role, password_hash, created_at) VALUES (?, ?, ?, ?) RETURNING *', [
    name,
    role,
    passwordHash,
    nowIso(),
  ]))!;
  await appendAudit(db, { actor, action: 'user.add', targetKind: 'user', targetId: name, after: { role } });
  return accountOf(row);
}

export async function setPassword(db: SqlSession, name: string, passwordHash: string, actor: string): Promise<boolean> {
  const changed = await db.run('UPDATE users SET password_hash = ?, password_epoch = password_epoch + 1 WHERE name = ?', [passwordHash, name]);
  if (changed) await appendAudit(db, { actor, action: 'user.passwd', targetKind: 'user', targetId: name });
  return changed > 0;
}

export async function removeUser(db: SqlSession, name: string, actor: string): Promise<boolean> {
  const row = await db.get<UserRow>('SELECT * FROM users WHERE name = ?', [name]);
  if (!row) return false;
  await db.run('DELETE FROM api_tokens WHERE user_id = ?', [row.id]);
  await db.run('DELETE FROM users WHERE id = ?', [row.id]);
  await appendAudit(db, { actor, action: 'user.remove', targetKind: 'user', targetId: name, before: { role: row.role } });
  return true;
}

export async function listUsers(db: SqlSession): Promise<UserAccount[]> {
  return (await db.all<UserRow>('SELECT * FROM users ORDER BY name')).map(accountOf);
}

export async function userById(db: SqlSession, id: number): Promise<UserAccount | null> {
  const row = await db.get<UserRow>('SELECT * FROM users WHERE id = ?', [id]);
  return row ? accountOf(row) : null;
}

export async function credentials(db: SqlSession, name: string): Promise<{ user: UserAccount; passwordHash: string } | null> {
  const row = await db.get<UserRow>('SELECT * FROM users WHERE name = ?', [name]);
  return row ? { user: accountOf(row), passwordHash: row.password_hash } : null;
}

export async function addToken(db: SqlSession, userName: string, label: string, tokenHash: string, actor: string): Promise<boolean> {
  const user = await db.get<UserRow>('SELECT * FROM users WHERE name = ?', [userName]);
  if (!user) return false;
  await db.run('INSERT INTO api_tokens (user_id, label, token_hash, created_at) VALUES (?, ?, ?, ?)', [user.id, label, tokenHash, nowIso()]);
  await appendAudit(db, { actor, action: 'token.create', targetKind: 'user', targetId: userName, after: { label } });
  return true;
}

export async function userByToken(db: SqlSession, tokenHash: string): Promise<UserAccount | null> {
  const row = await db.get<UserRow & { token_id: number; last_used_at: string | null }>(
    'SELECT u.*, t.id AS token_id, t.last_used_at FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = ?',
    [tokenHash],
  );
  if (!row) return null;
  // when it was last used, to the minute: a script's every request need not be a write
  const now = nowIso();
  if (!row.last_used_at || row.last_used_at.slice(0, 16) !== now.slice(0, 16)) {
    await db.run('UPDATE api_tokens SET last_used_at = ? WHERE id = ?', [now, row.token_id]);
  }
  return accountOf(row);
}

/** A named secret in store_meta, created once (the first writer wins on a shared database). */
export async function storedSecret(db: SqlSession, name: string, create: () => string): Promise<string> {
  const key = `secret:${name}`;
  const read = async () => (await db.get<{ value: string }>('SELECT value FROM store_meta WHERE key = ?', [key]))?.value;
  const existing = await read();
  if (existing) return existing;
  await db.run('INSERT INTO store_meta (key, value) VALUES (?, ?) ON CONFLICT DO NOTHING', [key, create()]);
  return (await read())!;
}
