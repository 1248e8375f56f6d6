/** Who may do what: each role may do everything the roles before it may. */
import { ROLES, type Role } from '../store/types.ts';

export { ROLES, type Role };

export function isRole(s: unknown): s is Role {
  return typeof s === 'string' && (ROLES as readonly string[]).includes(s);
}

export function allows(role: Role, needed: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(needed);
}

/** How the dashboard names the roles. */
export const ROLE_NAMES_ZH: Record<Role, string> = { viewer: '查看者', analyst: '分析员', admin: '管理员' };
