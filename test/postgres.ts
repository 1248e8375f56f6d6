/**
 * A fresh PostgreSQL database per test, on the cluster test/postgres-setup.ts started: its URL, and
 * a drop of it afterwards. `postgresAvailable` says whether there is a server to test against.
 */
import pg from 'pg';
import { inject } from 'vitest';

const serverUrl = inject('postgresUrl');
export const postgresAvailable = serverUrl !== null;

let serial = 0;

/** Creates an empty database and gives its URL and a function that drops it. */
export async function freshDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  if (!serverUrl) throw new Error('no PostgreSQL server for the tests (install Debian package postgresql, or set TWINCITY_TEST_POSTGRES)');
  const name = `tc_${process.pid}_${++serial}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}
