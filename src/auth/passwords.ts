/**
 * Password and token hashing with Node's scrypt (node:crypto, memory-hard, maintained with Node
 * itself): a password is kept as `scrypt$N$r$p$salt$hash`, compared in constant time. API tokens
 * are long random strings, so a plain SHA-256 of one is enough to look it up without keeping it.
 */
import { createHash, randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const scrypt = (password: string, salt: Buffer, keylen: number, options: ScryptOptions): Promise<Buffer> =>
  new Promise((resolve, reject) => scryptCallback(password, salt, keylen, options, (error, key) => (error ? reject(error) : resolve(key))));

/** OWASP's scrypt floor (N=2^17, r=8, p=1) costs ~128 MB and ~0.3 s a hash: right for sign-in, not for tests of it. */
const COST = { N: 2 ** 15, r: 8, p: 1 };
const KEY_LENGTH = 32;
export const MIN_PASSWORD_LENGTH = 8;

export class PasswordError extends Error {
  override name = 'PasswordError';
}

export function checkPassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) throw new PasswordError(`a password needs at least ${MIN_PASSWORD_LENGTH} characters`);
  if (password.length > 1024) throw new PasswordError('a password has at most 1024 characters');
}

export async function hashPassword(password: string): Promise<string> {
  checkPassword(password);
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, KEY_LENGTH, { ...COST, maxmem: 64 * 1024 * 1024 });
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [kind, n, r, p, salt, hash] = stored.split('$');
  if (kind !== 'scrypt' || !salt || !hash || password.length > 1024) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await scrypt(password, Buffer.from(salt, 'base64url'), expected.length, { N: Number(n), r: Number(r), p: Number(p), maxmem: 256 * 1024 * 1024 });
  return timingSafeEqual(key, expected);
}

/** A hash that costs as much as a real check: answering an unknown name as fast as a wrong password would tell names apart. */
let decoy: Promise<string> | null = null;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(randomBytes(12).toString('base64url'));
  return decoy;
}

export const TOKEN_PREFIX = 'tc_';

export function newToken(): string {
  return TOKEN_PREFIX + randomBytes(24).toString('base64url');
}

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
