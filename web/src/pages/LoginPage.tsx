/** Sign-in, shown in place of every page when the server requires it and nobody is signed in. */
import { useState, type FormEvent } from 'react';
import { useI18n } from '../i18n.tsx';
import { useSession } from '../session.tsx';

export function LoginPage() {
  const { t } = useI18n();
  const { signIn } = useSession();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [state, setState] = useState<{ busy: boolean; error?: string }>({ busy: false });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setState({ busy: true });
    try {
      await signIn(name, password);
    } catch (error) {
      setState({ busy: false, error: error instanceof Error ? error.message : String(error) });
    }
  };
  return (
    <form className="login" onSubmit={submit} data-testid="login-form">
      <h1>{t('signInTitle')}</h1>
      <p className="muted">{t('signInHint')}</p>
      <label>
        {t('userName')}
        <input name="name" autoComplete="username" value={name} onChange={(e) => setName(e.target.value)} required />
      </label>
      <label>
        {t('password')}
        <input name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
      </label>
      <button type="submit" disabled={state.busy}>
        {t('signIn')}
      </button>
      {state.error && <p className="error">{state.error}</p>}
    </form>
  );
}
