import { useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { useEffect } from 'react';
import { errorMessage, isUnauthenticated } from '../api/client';

/**
 * Shows the server's message for every failed mutation, so no action fails silently and pages
 * need no error plumbing of their own. Mutations that show their error inline opt out with
 * `meta: { silent: true }`; 401s are left to the auth guard, which returns to the login page.
 */
export function ApiErrorNotifier() {
  const queryClient = useQueryClient();
  const { message } = App.useApp();

  useEffect(
    () =>
      queryClient.getMutationCache().subscribe((event) => {
        if (event.type !== 'updated' || event.action.type !== 'error') return;
        const error: unknown = event.action.error;
        if (event.mutation.meta?.silent || isUnauthenticated(error)) return;
        void message.error(errorMessage(error));
      }),
    [queryClient, message],
  );

  return null;
}
