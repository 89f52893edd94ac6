import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useSession } from '../api/auth';
import { PageLoading, QueryError } from '../components/query-state';

/** Where the login page sends the operator back to after signing in. */
export interface LoginRedirectState {
  from?: string;
}

/**
 * Renders its children only with a valid session. Without one it redirects to `/login` and
 * remembers the page asked for, so a bookmarked deep link survives the detour.
 */
export function RequireAuth({ children }: { children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (session.isPending) return <PageLoading />;
  if (session.isError) return <QueryError error={session.error} onRetry={() => void session.refetch()} />;
  if (!session.data) {
    const state: LoginRedirectState = { from: location.pathname + location.search };
    return <Navigate to="/login" replace state={state} />;
  }
  return children;
}
