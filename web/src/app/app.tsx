import { useCallback, useEffect, useMemo, useState } from 'react';
import { api, problemText, setBearerToken, setCsrfToken } from '../api/client.ts';
import type { components } from '../api/schema.ts';
import { AuditPage } from '../pages/audit-page.tsx';
import { BatchPage } from '../pages/batch-page.tsx';
import { BatchesPage } from '../pages/batches-page.tsx';
import { LedgerPage } from '../pages/ledger-page.tsx';
import { ReportPage } from '../pages/report-page.tsx';
import { ReviewPage } from '../pages/review-page.tsx';
import { SubmitPage } from '../pages/submit-page.tsx';
import styles from './app.module.css';
import { dutiesOf, mayVisit, navFor } from './navigation.ts';
import { routeHref, useRoute, type Route } from './router.ts';
import { SessionContext, type Session } from './session.ts';
import { SignInPage } from './sign-in-page.tsx';

type State =
  | { kind: 'loading' }
  | { kind: 'signed-out'; notice: string | null }
  | { kind: 'signed-in'; session: Session };

/**
 * Whether this browser holds a session cookie we set (the cookie itself is HttpOnly). Without it
 * the sign-in page shows at once: asking the service would only earn a 401.
 */
const SIGNED_IN_MARK = 'ddesk:signed-in';

export function App() {
  const [state, setState] = useState<State>(() =>
    localStorage.getItem(SIGNED_IN_MARK) ? { kind: 'loading' } : { kind: 'signed-out', notice: null },
  );

  const adopt = useCallback((data: components['schemas']['Session']) => {
    // A token is not kept across a reload; only a session cookie is.
    if (data.via === 'session') localStorage.setItem(SIGNED_IN_MARK, '1');
    setCsrfToken(data.csrfToken ?? null);
    setState({ kind: 'signed-in', session: { ...data, duties: dutiesOf(data.roles) } });
  }, []);

  const signedOut = useCallback((notice: string | null) => {
    localStorage.removeItem(SIGNED_IN_MARK);
    setCsrfToken(null);
    setBearerToken(null);
    setState({ kind: 'signed-out', notice });
  }, []);

  useEffect(() => {
    if (!localStorage.getItem(SIGNED_IN_MARK)) return;
    api.GET('/api/session').then(
      ({ data, response }) =>
        data
          ? adopt(data)
          : signedOut(response.status === 401 ? 'Your session has ended; sign in again.' : null),
      (error: unknown) => signedOut(`The service did not answer: ${String(error)}`),
    );
  }, [adopt, signedOut]);

  const signIn = useCallback(
    async (account: string, password: string) => {
      const { data, error, response } = await api.POST('/api/session', { body: { account, password } });
      if (!data) return problemText(error, response);
      adopt(data);
      return null;
    },
    [adopt],
  );

  const signInWithToken = useCallback(
    async (token: string) => {
      setBearerToken(token);
      const { data, error, response } = await api.GET('/api/session');
      if (data?.via === 'token') {
        adopt(data);
        return null;
      }
      setBearerToken(null);
      return data ? 'That is not an API token.' : problemText(error, response);
    },
    [adopt],
  );

  const signOut = useCallback(async () => {
    if (state.kind === 'signed-in' && state.session.via === 'session') await api.DELETE('/api/session');
    signedOut('Signed out.');
  }, [signedOut, state]);

  const context = useMemo(
    () => (state.kind === 'signed-in' ? { session: state.session, signOut } : null),
    [state, signOut],
  );

  if (state.kind === 'loading') return <p role="status">Loading…</p>;
  if (state.kind === 'signed-out' || !context)
    return (
      <SignInPage
        signIn={signIn}
        signInWithToken={signInWithToken}
        notice={state.kind === 'signed-out' ? state.notice : null}
      />
    );
  return (
    <SessionContext.Provider value={context}>
      <Shell session={context.session} signOut={signOut} />
    </SessionContext.Provider>
  );
}

function Shell({ session, signOut }: { session: Session; signOut: () => Promise<void> }) {
  const route = useRoute();
  const items = navFor(session.duties);
  const current = route.page === 'batch' ? 'batches' : route.page;
  return (
    <div className={styles['shell']}>
      <header className={styles['header']}>
        <span className={styles['brand']}>Disclosure Desk</span>
        <nav className={styles['nav']} aria-label="Main">
          <ul>
            {items.map((item) => (
              <li key={item.label}>
                <a
                  href={routeHref(item.route)}
                  aria-current={item.route.page === current ? 'page' : undefined}
                >
                  {item.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div className={styles['who']}>
          <span data-testid="account">
            {session.account}{' '}
            <span className={styles['roles']}>({session.roles.join(', ') || 'no role'})</span>
          </span>
          <button type="button" onClick={() => void signOut()}>
            Sign out
          </button>
        </div>
      </header>
      <main className={styles['content']}>
        {mayVisit(route, session.duties) ? (
          <Page route={route} />
        ) : (
          <p role="alert">
            Your roles ({session.roles.join(', ') || 'none'}) have no duty that uses this page.{' '}
            {items[0] && <a href={routeHref(items[0].route)}>Go to {items[0].label}</a>}
          </p>
        )}
      </main>
    </div>
  );
}

function Page({ route }: { route: Route }) {
  switch (route.page) {
    case 'batches':
      return <BatchesPage />;
    case 'batch':
      return <BatchPage batchId={route.batchId} />;
    case 'submit':
      return <SubmitPage />;
    case 'review':
      return <ReviewPage batchId={route.batchId} />;
    case 'ledger':
      return <LedgerPage />;
    case 'report':
      return <ReportPage />;
    case 'audit':
      return <AuditPage />;
  }
}
