import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiRequestError, isUnauthenticated, setCsrfToken } from './client';
import { sessionKey } from './keys';

declare module '@tanstack/react-query' {
  interface Register {
    mutationMeta: {
      /** The component shows this mutation's error itself; skip the global toast. */
      silent?: boolean;
    };
  }
}

/** Client errors (4xx) will not change on retry; network errors and 5xx might. */
function shouldRetry(failureCount: number, error: Error): boolean {
  if (error instanceof ApiRequestError && error.status >= 400 && error.status < 500) return false;
  return failureCount < 2;
}

/**
 * The app's query client. A 401 from any call means the session expired or was revoked: the
 * cached session is cleared, which makes the auth guard send the operator to the login page.
 */
export function createQueryClient(): QueryClient {
  const onError = (error: Error): void => {
    if (!isUnauthenticated(error)) return;
    setCsrfToken(null);
    client.setQueryData(sessionKey, null);
  };
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: { retry: shouldRetry, refetchOnWindowFocus: false, staleTime: 15_000 },
      mutations: { retry: false },
    },
  });
  return client;
}
