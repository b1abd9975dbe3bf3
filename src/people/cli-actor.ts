import os from 'node:os';
import { appendAuditEvent } from '../audit/audit-log.ts';
import type { Clock } from '../clock.ts';
import { DeskError } from '../errors.ts';
import type { Store } from '../store/store.ts';
import { actorLabel, assertedActor, osActor, type Actor } from './actor.ts';
import { createDeskIfNew, deskSettings } from './roles.ts';

/** The operating-system account running this process: who acts in the CLI. */
export function operatingSystemAccount(): string {
  try {
    return os.userInfo().username;
  } catch (error) {
    throw new DeskError(
      'NOT_AUTHORIZED',
      `cannot tell which operating-system account runs this command: ${(error as Error).message}`,
    );
  }
}

/**
 * Who acts in one CLI command. The operating-system account, unless `--actor` names a person —
 * which only a demo or test desk allows (`--demo-desk` when the desk is created, recorded and
 * audited then); elsewhere it is refused and the refusal audited. The account that creates a desk
 * becomes its first admin.
 */
export async function identifyCliActor(
  store: Store,
  clock: Clock,
  options: { assertedActor?: string; demoDesk: boolean; osAccount?: string },
): Promise<Actor> {
  const osAccount = options.osAccount ?? operatingSystemAccount();
  const actor =
    options.assertedActor === undefined
      ? osActor(osAccount)
      : assertedActor(options.assertedActor, osAccount);
  const settings = await deskSettings(store);
  const allowsAsserted = settings ? settings.assertedActorsAllowed : options.demoDesk;
  if (actor.authentication === 'asserted' && !allowsAsserted) {
    await appendAuditEvent(store, clock, {
      actor: actorLabel(osActor(osAccount)),
      action: 'actor.assert',
      outcome: 'refused',
      detail: { code: 'NOT_AUTHORIZED', asserted: actor.account },
    });
    throw new DeskError(
      'NOT_AUTHORIZED',
      settings
        ? `--actor ${actor.account}: this desk was not created as a demo or test desk; here the actor is the operating-system account running the command (${osAccount})`
        : `--actor ${actor.account}: --actor names a person only on a demo or test desk; create one with --demo-desk (or DDESK_DEMO_DESK=1)`,
    );
  }
  if (!settings) await createDeskIfNew(store, clock, actor, { demoDesk: options.demoDesk });
  return actor;
}
