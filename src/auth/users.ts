/** Accounts over the store: names checked, passwords hashed here, only hashes handed to the store. */
import type { Store, UserAccount } from '../store/types.ts';
import { decoyHash, hashPassword, newToken, tokenHash, verifyPassword } from './passwords.ts';
import { isRole, type Role } from './roles.ts';

export class UserError extends Error {
  override name = 'UserError';
}

const NAME = /^[\p{L}\p{N}._-]{1,40}$/u;

export function checkUserName(name: string): string {
  if (!NAME.test(name)) throw new UserError(`user name "${name}": 1 to 40 letters, digits, dots, dashes or underscores`);
  return name;
}

export async function createUser(store: Store, name: string, role: string, password: string, actor: string): Promise<UserAccount> {
  checkUserName(name);
  if (!isRole(role)) throw new UserError(`role "${role}": one of viewer, analyst, admin`);
  return store.addUser(name, role as Role, await hashPassword(password), actor);
}

export async function changePassword(store: Store, name: string, password: string, actor: string): Promise<void> {
  if (!(await store.setPassword(name, await hashPassword(password), actor))) throw new UserError(`no user ${name}`);
}

export async function removeUserNamed(store: Store, name: string, actor: string): Promise<void> {
  if (!(await store.removeUser(name, actor))) throw new UserError(`no user ${name}`);
}

/** The account when the password is right; null otherwise, in about the same time either way. */
export async function authenticate(store: Store, name: string, password: string): Promise<UserAccount | null> {
  const found = NAME.test(name) ? await store.credentials(name) : null;
  const ok = await verifyPassword(password, found?.passwordHash ?? (await decoyHash()));
  return found && ok ? found.user : null;
}

/** A new API token for the user: shown once, kept only as its hash. */
export async function createToken(store: Store, name: string, label: string, actor: string): Promise<string> {
  const token = newToken();
  if (!(await store.addToken(name, label, tokenHash(token), actor))) throw new UserError(`no user ${name}`);
  return token;
}

export function userForToken(store: Store, token: string): Promise<UserAccount | null> {
  return store.userByToken(tokenHash(token));
}
