import { useState, type FormEvent } from 'react';
import styles from './app.module.css';

/**
 * People sign in with a password (the service sets the session cookie); an agency's client, which
 * has no password, with one of its API tokens.
 */
export function SignInPage({
  signIn,
  signInWithToken,
  notice,
}: {
  signIn: (account: string, password: string) => Promise<string | null>;
  signInWithToken: (token: string) => Promise<string | null>;
  notice: string | null;
}) {
  const [account, setAccount] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(await signIn(account.trim(), password));
    setBusy(false);
  };

  return (
    <main className={styles['signIn']}>
      <h1>Disclosure Desk</h1>
      {notice && <p className="muted">{notice}</p>}
      <form onSubmit={(event) => void submit(event)}>
        <label>
          Account
          <input
            name="account"
            autoComplete="username"
            value={account}
            onChange={(event) => setAccount(event.target.value)}
            required
            autoFocus
          />
        </label>
        <label>
          Password
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            required
          />
        </label>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          Sign in
        </button>
      </form>
      <TokenSignIn signInWithToken={signInWithToken} />
    </main>
  );
}

/** An agency client's API token, kept in the page's memory for this visit only. */
function TokenSignIn({ signInWithToken }: { signInWithToken: (token: string) => Promise<string | null> }) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(await signInWithToken(token.trim()));
    setBusy(false);
  };
  return (
    <details className={styles['tokenSignIn']}>
      <summary>Requesting agency: use an API token</summary>
      <form onSubmit={(event) => void submit(event)}>
        <label>
          API token
          <input
            name="token"
            type="password"
            autoComplete="off"
            value={token}
            onChange={(event) => setToken(event.target.value)}
            required
          />
        </label>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          Use the token
        </button>
      </form>
    </details>
  );
}
