import type { Command } from 'commander';
import { readStaffFile } from '../../people/staff-file.ts';
import {
  checkedRole,
  grantRoles,
  listRoles,
  revokeRoles,
  ROLE_DESCRIPTIONS,
  ROLES,
  rolesOf,
} from '../../people/roles.ts';
import { withStore, type GlobalOptions } from '../context.ts';
import { printJson, printTable, say } from '../output.ts';

export function registerRolesCommand(program: Command): void {
  const roles = program
    .command('roles')
    .description(`who holds which role (${ROLES.join(', ')}); administered by an admin, every change audited`)
    .addHelpText(
      'after',
      `\nRoles:\n${ROLES.map((role) => `  ${role.padEnd(20)} ${ROLE_DESCRIPTIONS[role]}`).join('\n')}\n\nThe account that creates a desk is its first admin. In the CLI the actor is the operating-system\naccount running the command; --actor names a person only on a desk created with --demo-desk.\n\nExample:\n  ddesk roles grant alice reviewer\n  ddesk roles grant bob disclosure-officer`,
    );
  const globals = () => program.opts<GlobalOptions>();

  roles
    .command('whoami')
    .description('the account this command runs as, how the desk knows it, and its roles')
    .action(async (options: { json?: boolean }) => {
      await withStore(globals(), async ({ store, person, actor }) => {
        const held = await rolesOf(store, person.account);
        if (options.json) printJson({ ...person, label: actor, roles: held });
        else say(`${actor}: ${held.length ? held.join(', ') : 'no role'}`);
      });
    });

  roles
    .command('list')
    .description('every account and its roles (admin, auditor)')
    .action(async (options: { json?: boolean }) => {
      await withStore(globals(), async ({ store, authorize }) => {
        await authorize('roles.read');
        const grants = await listRoles(store);
        if (options.json) printJson(grants);
        else printTable(grants);
      });
    });

  roles
    .command('grant <account> <roles...>')
    .description('grant one or more roles to an account (admin)')
    .action(async (account: string, names: string[], options: { json?: boolean }) => {
      const wanted = names.map(checkedRole);
      await withStore(globals(), async ({ store, clock, person, authorize }) => {
        await authorize('roles.grant');
        const added = await grantRoles(store, clock, { actor: person, account, roles: wanted });
        if (options.json) {
          printJson({ account, granted: added, roles: await rolesOf(store, account) });
          return;
        }
        say(
          `${account}: granted ${added.length ? added.join(', ') : 'nothing new'}; holds ${(await rolesOf(store, account)).join(', ')}`,
        );
      });
    });

  roles
    .command('import <file>')
    .description('grant the roles a CSV file lists (columns account, role; admin), all or nothing')
    .addHelpText('after', '\nExample file:\n  account,role\n  alice,reviewer\n  bob,disclosure-officer')
    .action(async (file: string, options: { json?: boolean }) => {
      const staff = await readStaffFile(file);
      await withStore(globals(), async ({ store, clock, person, authorize }) => {
        await authorize('roles.grant');
        await store.transaction(async (tx) => {
          for (const [account, roles] of staff)
            await grantRoles(tx, clock, { actor: person, account, roles });
        });
        if (options.json) printJson({ file, accounts: staff.size });
        else say(`granted roles to ${staff.size} account(s) from ${file}`);
      });
    });

  roles
    .command('revoke <account> <roles...>')
    .description('revoke roles from an account (admin; the last admin stays)')
    .action(async (account: string, names: string[], options: { json?: boolean }) => {
      const unwanted = names.map(checkedRole);
      await withStore(globals(), async ({ store, clock, person, authorize }) => {
        await authorize('roles.revoke');
        const removed = await revokeRoles(store, clock, { actor: person, account, roles: unwanted });
        const left = await rolesOf(store, account);
        if (options.json) {
          printJson({ account, revoked: removed, roles: left });
          return;
        }
        say(
          `${account}: revoked ${removed.length ? removed.join(', ') : 'nothing'}; holds ${left.length ? left.join(', ') : 'no role'}`,
        );
      });
    });
}
