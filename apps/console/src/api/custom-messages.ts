import type { CustomMessageRequest, CustomMessageResponse, ServiceWindowView } from '@gzh/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, seg } from './client';
import { serviceWindowKeys } from './keys';

/**
 * A follower's customer-service window, re-read every 15 s while the drawer is open: it opens when
 * the follower writes and closes with time, neither of which the console would otherwise hear of.
 */
export function useServiceWindow(appid: string, openid: string | null) {
  return useQuery({
    queryKey: serviceWindowKeys.ofFollower(appid, openid ?? ''),
    queryFn: () => api.get<{ window: ServiceWindowView }>(`/accounts/${seg(appid)}/followers/${seg(openid ?? '')}/window`),
    select: (data) => data.window,
    enabled: openid !== null,
    staleTime: 0,
    refetchInterval: 15_000,
  });
}

/** Sends a customer-service message; the answer carries the window after the send. */
export function useSendCustomMessage(appid: string, openid: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: CustomMessageRequest) =>
      api.post<CustomMessageResponse>(`/accounts/${seg(appid)}/followers/${seg(openid)}/messages`, request),
    onSuccess: ({ window }) => queryClient.setQueryData(serviceWindowKeys.ofFollower(appid, openid), { window }),
    // A refusal may mean the window changed (closed, spent): show it inline and re-read the window.
    onError: () => queryClient.invalidateQueries({ queryKey: serviceWindowKeys.ofFollower(appid, openid) }),
    meta: { silent: true },
  });
}
