import type { Command } from 'commander';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { checkedRole, ROLES } from '../../people/roles.ts';
import {
  addAccount,
  disableAccount,
  issueToken,
  listAccounts,
} from '../../service/accounts/service-accounts.ts';
import { withStore, type GlobalOptions } from '../context.ts';
import { printJson, printTable, say } from '../output.ts';

/** The first line of standard input (so that a password stays out of shell history and `ps`). */
function readSecretLine(): string {
  return readFileSync(0, 'utf8').split(/\r?\n/)[0] ?? '';
}

export function registerUserCommand(program: Command): void {
  const user = program
    .command('user')
    .description(
      "the HTTP service's accounts: people with passwords, agency clients with API tokens (admin)",
    );
  const globals = () => program.opts<GlobalOptions>();

  user
    .command('add <account>')
    .description('add an account with its roles; a person gets a password, an agency client API tokens')
    .requiredOption('--role <role...>', `roles: ${ROLES.join(', ')}`)
    .option('--agency <agency>', 'the requesting agency an agency client acts for, e.g. DHS-ICE')
    .option(
      '--password-stdin',
      'read the password from standard input (else one is generated and shown once)',
    )
    .option('--json', 'as JSON')
    .addHelpText(
      'after',
      '\nExamples:\n  ddesk user add alice --role reviewer\n  printf %s "$PASSWORD" | ddesk user add bob --role disclosure-officer --password-stdin\n  ddesk user add ice-intake --role agency-client --agency DHS-ICE && ddesk user token ice-intake',
    )
    .action(
      async (
        account: string,
        options: { role: string[]; agency?: string; passwordStdin?: boolean; json?: boolean },
      ) => {
        const roles = options.role.map(checkedRole);
        const isClient = roles.includes('agency-client');
        const generated =
          !isClient && !options.passwordStdin ? randomBytes(15).toString('base64url') : undefined;
        const password = isClient ? undefined : options.passwordStdin ? readSecretLine() : generated;
        await withStore(
          globals(),
          async ({ store, clock, person, authorize }) => {
            await authorize('accounts.admin');
            const added = await addAccount(store, clock, {
              actor: person,
              account,
              roles,
              ...(password === undefined ? {} : { password }),
              ...(options.agency ? { agency: options.agency } : {}),
            });
            if (options.json) printJson({ ...added, ...(generated ? { password: generated } : {}) });
            else {
              say(`added ${added.kind} ${added.account} with role(s) ${added.roles.join(', ')}`);
              if (generated) say(`password (shown once): ${generated}`);
              if (isClient) say(`issue its API token with: ddesk user token ${added.account}`);
            }
          },
          { record: 'either' },
        );
      },
    );

  user
    .command('disable <account>')
    .description('disable an account: no sign-in, its sessions end and its API tokens are revoked')
    .action(async (account: string) => {
      await withStore(
        globals(),
        async ({ store, clock, person, authorize }) => {
          await authorize('accounts.admin');
          const result = await disableAccount(store, clock, { actor: person, account });
          say(
            `disabled ${account}: ${result.sessionsEnded} session(s) ended, ${result.tokensRevoked} token(s) revoked`,
          );
        },
        { record: 'either' },
      );
    });

  user
    .command('token <account>')
    .description('issue an API token for an account (shown once; only its hash is kept)')
    .option('--label <text>', 'what the token is for', 'api')
    .option('--json', 'as JSON')
    .action(async (account: string, options: { label: string; json?: boolean }) => {
      await withStore(
        globals(),
        async ({ store, clock, person, authorize }) => {
          await authorize('accounts.admin');
          const issued = await issueToken(store, clock, { actor: person, account, label: options.label });
          if (options.json) printJson(issued);
          else
            say(
              `API token for ${account} (shown once; send it as "Authorization: Bearer …"):\n${issued.token}`,
            );
        },
        { record: 'either' },
      );
    });

  user
    .command('list')
    .description('every account, its kind, agency, roles and live tokens')
    .option('--json', 'as JSON')
    .action(async (options: { json?: boolean }) => {
      await withStore(
        globals(),
        async ({ store, authorize }) => {
          await authorize('accounts.admin');
          const rows = await listAccounts(store);
          if (options.json) printJson(rows);
          else printTable(rows);
        },
        { record: 'either' },
      );
    });
}
