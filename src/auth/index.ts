/** Accounts, roles, password hashing, API tokens and sign-in throttling (the store keeps the rows). */
export * from './passwords.ts';
export * from './roles.ts';
export * from './throttle.ts';
export * from './users.ts';
