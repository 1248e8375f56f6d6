import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { changePassword, createToken, createUser, removeUserNamed, ROLE_NAMES_ZH } from '../auth/index.ts';
import type { Store } from '../store/index.ts';
import { renderTable } from '../store/text-table.ts';
import { guarded, STORE_OPTION, toInt } from './query-support.ts';

/** Who the audit log names for what is done at this terminal. */
const cliActor = (): string => `cli:${userInfo().username}`;

/** The password: the first line of standard input (a prompt on a terminal, where it is typed unseen). */
async function readPassword(prompt: string): Promise<string> {
  const input = process.stdin;
  if (input.isTTY) {
    process.stderr.write(prompt);
    input.setRawMode(true);
    let typed = '';
    try {
      for await (const chunk of input) {
        for (const ch of String(chunk)) {
          if (ch === '\r' || ch === '\n') return typed;
          if (ch === '\u0003') throw new Error('cancelled');
          typed = ch === '\u007f' ? typed.slice(0, -1) : typed + ch;
        }
      }
    } finally {
      input.setRawMode(false);
      process.stderr.write('\n');
    }
    return typed;
  }
  let all = '';
  for await (const chunk of input) all += String(chunk);
  return all.split(/\r?\n/)[0];
}

async function withStore(location: string | undefined, work: (store: Store) => Promise<void>): Promise<void> {
  const store = await (await import('../store/index.ts')).openStore(location);
  try {
    await work(store);
  } finally {
    await store.close();
  }
}

/** `twincity user add|list|remove|passwd`, `twincity token create` and `twincity audit`: accounts for a server that requires sign-in. */
export function registerUsers(program: Command): void {
  registerUserCommand(program);
  registerTokenCommand(program);
  registerAuditCommand(program);
}

/** `twincity user add|list|remove|passwd`. */
function registerUserCommand(program: Command): void {
  const user = program
    .command('user')
    .description('accounts for `twincity serve --auth` (viewer reads; analyst uploads and corrects; admin manages users and sources)');
  user
    .command('add <name>')
    .description('add an account; the password is read from standard input')
    .requiredOption('--role <role>', 'viewer, analyst or admin')
    .option(...STORE_OPTION)
    .action(
      guarded(async (name: string, opts: { role: string; store?: string }) => {
        const password = await readPassword(`password for ${name}: `);
        await withStore(opts.store, async (store) => {
          const account = await createUser(store, name, opts.role, password, cliActor());
          process.stderr.write(`twincity: added ${account.name} (${account.role})\n`);
        });
      }),
    );
  user
    .command('list')
    .description('accounts and their roles')
    .option(...STORE_OPTION)
    .option('--json', 'as JSON')
    .action(
      guarded(async (opts: { store?: string; json?: boolean }) => {
        await withStore(opts.store, async (store) => {
          const users = (await store.users()).map((u) => ({ name: u.name, role: u.role, createdAt: u.createdAt }));
          if (opts.json) process.stdout.write(JSON.stringify(users, null, 2) + '\n');
          else
            process.stdout.write(
              renderTable(users, [
                { header: '用户', value: (u) => u.name },
                { header: '角色', value: (u) => `${u.role} ${ROLE_NAMES_ZH[u.role]}` },
                { header: '创建时间', value: (u) => u.createdAt },
              ]),
            );
        });
      }),
    );
  user
    .command('remove <name>')
    .description('remove an account and its API tokens; its sessions end at once')
    .option(...STORE_OPTION)
    .action(guarded((name: string, opts: { store?: string }) => withStore(opts.store, (store) => removeUserNamed(store, name, cliActor()))));
  user
    .command('passwd <name>')
    .description('set a new password (from standard input); sessions signed in with the old one end')
    .option(...STORE_OPTION)
    .action(
      guarded(async (name: string, opts: { store?: string }) => {
        const password = await readPassword(`new password for ${name}: `);
        await withStore(opts.store, (store) => changePassword(store, name, password, cliActor()));
      }),
    );
}

/** `twincity token create`. */
function registerTokenCommand(program: Command): void {
  program
    .command('token')
    .description('API tokens for scripts (Authorization: Bearer …)')
    .command('create <name>')
    .description('create a token acting as user NAME; it is printed once and kept only as a hash')
    .option('--label <text>', 'what the token is for', 'script')
    .option(...STORE_OPTION)
    .action(
      guarded((name: string, opts: { label: string; store?: string }) =>
        withStore(opts.store, async (store) => {
          process.stdout.write(`${await createToken(store, name, opts.label, cliActor())}\n`);
        }),
      ),
    );
}

/** `twincity audit`: the audit log as a table or JSON. */
function registerAuditCommand(program: Command): void {
  program
    .command('audit')
    .description('the audit log: every decision, who made it, when, before and after, why (newest first)')
    .option('--actor <name>', 'only this person')
    .option('--action <action>', 'an action or its prefix: figure, figure.correct, indicator, conflict, user')
    .option('--limit <n>', 'entries', toInt, 50)
    .option(...STORE_OPTION)
    .option('--json', 'as JSON')
    .action(
      guarded((opts: { actor?: string; action?: string; limit: number; store?: string; json?: boolean }) =>
        withStore(opts.store, async (store) => {
          const page = await store.audit({ actor: opts.actor, action: opts.action, limit: opts.limit });
          if (opts.json) {
            process.stdout.write(JSON.stringify(page, null, 2) + '\n');
            return;
          }
          process.stdout.write(
            renderTable(page.rows, [
              { header: '时间', value: (e) => e.at.slice(0, 19).replace('T', ' ') },
              { header: '操作人', value: (e) => e.actor },
              { header: '操作', value: (e) => e.action },
              { header: '对象', value: (e) => e.targetId, max: 30 },
              { header: '原因', value: (e) => e.reason, max: 30 },
            ]),
          );
          process.stdout.write(`${page.total} entr${page.total === 1 ? 'y' : 'ies'}\n`);
        }),
      ),
    );
}
