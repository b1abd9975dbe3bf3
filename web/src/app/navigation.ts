import type { Route } from './router.ts';

/**
 * The roles that hold each duty the web app offers (the service's authorization table,
 * src/people/duties.ts, for these actions). Only what to show is decided here; the service
 * decides what is allowed, and says why when it refuses.
 */
const DUTY_ROLES = {
  'batch.read': ['intake-clerk', 'reviewer', 'disclosure-officer', 'auditor', 'admin', 'agency-client'],
  'batch.submit': ['intake-clerk', 'agency-client'],
  'batch.screen': ['intake-clerk'],
  'batch.match': ['intake-clerk'],
  'review.decide': ['reviewer'],
  'batch.approve': ['disclosure-officer'],
  'batch.release': ['disclosure-officer'],
  'response.download': ['agency-client'],
  'ledger.read': ['auditor', 'disclosure-officer'],
  'audit.read': ['auditor', 'admin'],
} as const satisfies Record<string, readonly string[]>;
export type Duty = keyof typeof DUTY_ROLES;

export function dutiesOf(roles: readonly string[]): Duty[] {
  return (Object.keys(DUTY_ROLES) as Duty[]).filter((duty) =>
    (DUTY_ROLES[duty] as readonly string[]).some((role) => roles.includes(role)),
  );
}

export interface NavItem {
  label: string;
  route: Route;
  /** The duty that makes the page useful; shown only with it. */
  duty: Duty;
}

/** The pages, each behind the duty it needs: an auditor sees no review queue, a reviewer no ledger. */
export const NAV_ITEMS: readonly NavItem[] = [
  { label: 'Batches', route: { page: 'batches' }, duty: 'batch.read' },
  { label: 'Submit a batch', route: { page: 'submit' }, duty: 'batch.submit' },
  { label: 'Review', route: { page: 'review', batchId: null }, duty: 'review.decide' },
  { label: 'Ledger', route: { page: 'ledger' }, duty: 'ledger.read' },
  { label: 'Annual report', route: { page: 'report' }, duty: 'ledger.read' },
  { label: 'Audit', route: { page: 'audit' }, duty: 'audit.read' },
];

export function navFor(duties: readonly Duty[]): NavItem[] {
  return NAV_ITEMS.filter((item) => duties.includes(item.duty));
}

/** Whether the page of a route is one the account may see (a typed or stale link otherwise). */
export function mayVisit(route: Route, duties: readonly Duty[]): boolean {
  const page = route.page === 'batch' ? 'batches' : route.page;
  const item = NAV_ITEMS.find((candidate) => candidate.route.page === page);
  return item ? duties.includes(item.duty) : false;
}
