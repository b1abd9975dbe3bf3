import type { Route } from './router.ts';

export interface NavItem {
  label: string;
  route: Route;
  /** The duty (the service's authorization table) that makes the page useful; shown only with it. */
  action: string;
}

/**
 * The pages, each behind the duty it needs. The service enforces every call; this only keeps a
 * role from seeing what it cannot do (an auditor sees no review queue, a reviewer no ledger).
 */
export const NAV_ITEMS: readonly NavItem[] = [
  { label: 'Batches', route: { page: 'batches' }, action: 'batch.read' },
  { label: 'Submit a batch', route: { page: 'submit' }, action: 'batch.submit' },
  { label: 'Review', route: { page: 'review', batchId: null }, action: 'review.decide' },
  { label: 'Ledger', route: { page: 'ledger' }, action: 'ledger.read' },
  { label: 'Annual report', route: { page: 'report' }, action: 'ledger.read' },
  { label: 'Audit', route: { page: 'audit' }, action: 'audit.read' },
];

export function navFor(actions: readonly string[]): NavItem[] {
  return NAV_ITEMS.filter((item) => actions.includes(item.action));
}

/** Whether the page of a route is one the account may see (a typed or stale link otherwise). */
export function mayVisit(route: Route, actions: readonly string[]): boolean {
  const page = route.page === 'batch' ? 'batches' : route.page;
  const item = NAV_ITEMS.find((candidate) => candidate.route.page === page);
  return item ? actions.includes(item.action) : false;
}
