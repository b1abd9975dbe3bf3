import { useEffect, useState } from 'react';

/**
 * Routes live in the hash (#/review/B-1), so that any page can be reloaded or linked to while the
 * service serves one index.html at / and needs no fallback for client-side paths.
 */
export type Route =
  | { page: 'batches' }
  | { page: 'batch'; batchId: string }
  | { page: 'submit' }
  | { page: 'review'; batchId: string | null }
  | { page: 'ledger' }
  | { page: 'report' }
  | { page: 'audit' };

export function parseRoute(hash: string): Route {
  const parts = hash
    .replace(/^#\/?/, '')
    .split('/')
    .filter(Boolean)
    .map((part) => decodeURIComponent(part));
  const [page, id] = parts;
  switch (page) {
    case 'batches':
      return id ? { page: 'batch', batchId: id } : { page: 'batches' };
    case 'submit':
      return { page: 'submit' };
    case 'review':
      return { page: 'review', batchId: id ?? null };
    case 'ledger':
      return { page: 'ledger' };
    case 'report':
      return { page: 'report' };
    case 'audit':
      return { page: 'audit' };
    case undefined:
    default:
      return { page: 'batches' };
  }
}

export function routeHref(route: Route): string {
  switch (route.page) {
    case 'batch':
      return `#/batches/${encodeURIComponent(route.batchId)}`;
    case 'review':
      return route.batchId ? `#/review/${encodeURIComponent(route.batchId)}` : '#/review';
    case 'batches':
    case 'submit':
    case 'ledger':
    case 'report':
    case 'audit':
      return `#/${route.page}`;
  }
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

export function navigate(route: Route): void {
  window.location.hash = routeHref(route);
}
