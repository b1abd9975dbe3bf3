import { useState, type FormEvent } from 'react';
import styles from './app.module.css';

/** Local accounts sign in with a password; the service sets the session cookie. */
export function SignInPage({
  signIn,
  notice,
}: {
  signIn: (account: string, password: string) => Promise<string | null>;
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
    </main>
  );
}
