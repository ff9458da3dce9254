import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { ErrorBoundary } from './components/ErrorBoundary';
import { Layout } from './components/Layout';
import { Loading } from './components/States';
import { useApp } from './lib/app-context';
import { SignIn } from './screens/SignIn';
import { Tenders } from './screens/Tenders';

// the workspace, chart-heavy and less-visited screens load on demand (the initial bundle budget is 200 KB gzipped)
const Workspace = lazy(() => import('./screens/Workspace').then((m) => ({ default: m.Workspace })));
const Readiness = lazy(() => import('./screens/Readiness'));
const Deadlines = lazy(() => import('./screens/Deadlines'));
const EvidenceLibrary = lazy(() => import('./screens/EvidenceLibrary'));
const Settings = lazy(() => import('./screens/Settings'));
const RequestsList = lazy(() => import('./screens/requests/RequestsList'));
const RequestDetail = lazy(() => import('./screens/requests/RequestDetail'));
const Pilots = lazy(() => import('./screens/pilots/Pilots'));
const PilotDetail = lazy(() => import('./screens/pilots/PilotDetail'));
const AuthCallback = lazy(() => import('./screens/AuthCallback'));

function RequireSession({ children }: { children: React.ReactNode }) {
  const { session } = useApp();
  const location = useLocation();
  if (!session) return <Navigate to="/app/sign-in" replace state={{ from: location.pathname }} />;
  return <Layout>{children}</Layout>;
}

export function AppRoutes() {
  const page = (el: React.ReactNode) => (
    <RequireSession>
      <ErrorBoundary>
        <Suspense fallback={<Loading what="the page" />}>{el}</Suspense>
      </ErrorBoundary>
    </RequireSession>
  );
  return (
    <Routes>
      <Route path="/" element={<Navigate to="/app/tenders" replace />} />
      <Route path="/app" element={<Navigate to="/app/tenders" replace />} />
      <Route path="/app/sign-in" element={<SignIn />} />
      <Route
        path="/auth/callback"
        element={
          <Suspense fallback={<Loading what="sign-in" />}>
            <AuthCallback />
          </Suspense>
        }
      />
      <Route path="/app/tenders" element={page(<Tenders />)} />
      <Route path="/app/tenders/:id" element={page(<Workspace />)} />
      <Route path="/app/tenders/:id/readiness" element={page(<Readiness />)} />
      <Route path="/app/deadlines" element={page(<Deadlines />)} />
      <Route path="/app/evidence" element={page(<EvidenceLibrary />)} />
      <Route path="/app/settings" element={page(<Settings />)} />
      <Route path="/app/requests" element={page(<RequestsList />)} />
      <Route path="/app/requests/:id" element={page(<RequestDetail />)} />
      <Route path="/app/pilots" element={page(<Pilots />)} />
      <Route path="/app/pilots/:id" element={page(<PilotDetail />)} />
      <Route path="*" element={page(<NotFound />)} />
    </Routes>
  );
}

function NotFound() {
  return (
    <section aria-labelledby="nf">
      <h1 id="nf">Not found</h1>
      <p>There is no page at this address.</p>
    </section>
  );
}
