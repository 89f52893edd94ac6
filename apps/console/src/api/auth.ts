import type { LoginRequest, SessionResponse } from '@gzh/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, isUnauthenticated, setCsrfToken } from './client';
import { sessionKey } from './keys';

/** The current session, or null when nobody is logged in (401 is an answer here, not an error). */
export async function fetchSession(): Promise<SessionResponse | null> {
  try {
    const session = await api.get<SessionResponse>('/auth/me');
    setCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    if (!isUnauthenticated(error)) throw error;
    setCsrfToken(null);
    return null;
  }
}

/** Session query shared by the auth guard, the header and the login page. */
export function useSession() {
  return useQuery({ queryKey: sessionKey, queryFn: fetchSession, staleTime: Infinity, retry: false });
}

/** Logs in; the login page shows the error inline, so no global toast. */
export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: LoginRequest) => api.post<SessionResponse>('/auth/login', body),
    onSuccess: (session) => {
      setCsrfToken(session.csrfToken);
      queryClient.setQueryData(sessionKey, session);
    },
    meta: { silent: true },
  });
}

/** Logs out and forgets every cached answer, so the next operator sees nothing of this one's data. */
export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<unknown>('/auth/logout'),
    onSettled: () => {
      setCsrfToken(null);
      queryClient.clear();
      queryClient.setQueryData(sessionKey, null);
    },
    meta: { silent: true },
  });
}
