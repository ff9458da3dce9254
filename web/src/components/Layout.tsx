import { NavLink } from 'react-router';
import { useApp, useSession } from '../lib/app-context';
import { can } from '../lib/session';

export function Layout({ children }: { children: React.ReactNode }) {
  const { signOut } = useApp();
  const session = useSession();
  return (
    <div className="shell">
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="top">
        <span className="brand">Tenderflow</span>
        <nav aria-label="Main">
          <NavLink to="/app/tenders">Tenders</NavLink>
          <NavLink to="/app/deadlines">Deadlines</NavLink>
          <NavLink to="/app/evidence">Evidence</NavLink>
          <NavLink to="/app/requests">Custom development</NavLink>
          <NavLink to="/app/pilots">Pilots</NavLink>
          {can(session, 'settings') && <NavLink to="/app/settings">Settings</NavLink>}
        </nav>
        <div className="who">
          <span>
            {session.user} · {session.org} · {session.roles.join(', ')}
          </span>
          <button type="button" onClick={signOut}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main">{children}</main>
    </div>
  );
}
