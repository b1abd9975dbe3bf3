import type { Clock } from '../clock.ts';
import type { Store } from '../store/store.ts';
import { assertedActor, type Actor } from './actor.ts';
import { operatingSystemAccount } from './cli-actor.ts';
import { createDeskIfNew, grantRoles, type Role } from './roles.ts';

/**
 * The people of a demo desk: one account per duty, so that the demo shows the two-person rule at
 * work (the reviewers decide, an officer who reviewed nothing approves and releases). Use them on
 * the demo's database with `--actor demo-reviewer` and so on.
 */
export const DEMO_STAFF = {
  admin: { account: 'demo-admin', roles: ['admin'] },
  clerk: { account: 'demo-intake-clerk', roles: ['intake-clerk'] },
  reviewer: { account: 'demo-reviewer', roles: ['reviewer'] },
  secondReviewer: { account: 'demo-second-reviewer', roles: ['reviewer'] },
  officer: { account: 'demo-disclosure-officer', roles: ['disclosure-officer'] },
  auditor: { account: 'demo-auditor', roles: ['auditor'] },
} as const satisfies Record<string, { account: string; roles: readonly Role[] }>;

export type DemoPerson = keyof typeof DEMO_STAFF;

/**
 * Creates a demo desk (asserted actors allowed) with its admin, grants the demo staff their roles,
 * and returns each as an actor asserted by the operating-system account running the demo.
 */
export async function staffDemoDesk(store: Store, clock: Clock): Promise<Record<DemoPerson, Actor>> {
  const osAccount = operatingSystemAccount();
  const people = Object.fromEntries(
    Object.entries(DEMO_STAFF).map(([person, { account }]) => [person, assertedActor(account, osAccount)]),
  ) as Record<DemoPerson, Actor>;
  await createDeskIfNew(store, clock, people.admin, { demoDesk: true });
  for (const [person, { account, roles }] of Object.entries(DEMO_STAFF))
    if (person !== 'admin') await grantRoles(store, clock, { actor: people.admin, account, roles });
  return people;
}
