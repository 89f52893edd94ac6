import type {
  BroadcastAudience,
  BroadcastConsoleView,
  BroadcastEstimate,
  BroadcastListResponse,
  PreviewBroadcastRequest,
  SendBroadcastRequest,
} from '@gzh/contracts';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { pollInterval } from '../lib/broadcasts';
import { api, seg } from './client';
import { broadcastKeys } from './keys';

/** Rows per page of the broadcast list. */
export const BROADCAST_PAGE_SIZE = 20;

/**
 * Past broadcasts, newest first, paged by `before`. While any loaded broadcast is still sending the
 * list is re-read every second: the fan-out commits its counters with every page, so each read is
 * the exact progress (see the route's note on why the console polls rather than streams).
 */
export function useBroadcasts(appid: string) {
  return useInfiniteQuery({
    queryKey: broadcastKeys.list(appid),
    queryFn: ({ pageParam }) =>
      api.get<BroadcastListResponse>(`/accounts/${seg(appid)}/broadcasts`, { before: pageParam, limit: BROADCAST_PAGE_SIZE }),
    initialPageParam: null as number | null,
    getNextPageParam: (last) => last.nextBefore,
    refetchInterval: (query) => pollInterval(query.state.data?.pages.flatMap((p) => p.broadcasts)),
  });
}

/** The reach of an audience before sending; only asked for audiences that are complete. */
export function useBroadcastEstimate(appid: string, audience: BroadcastAudience | null) {
  return useQuery({
    queryKey: broadcastKeys.estimate(appid, audience ?? {}),
    queryFn: () => api.post<BroadcastEstimate>(`/accounts/${seg(appid)}/broadcasts/estimate`, { audience }),
    enabled: audience !== null,
    staleTime: 5_000,
  });
}

/** Sends a broadcast; the composer shows refusals inline with their reason. */
export function useSendBroadcast(appid: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: SendBroadcastRequest) =>
      api.post<{ broadcast: BroadcastConsoleView }>(`/accounts/${seg(appid)}/broadcasts`, request),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: broadcastKeys.ofAccount(appid) }),
    meta: { silent: true },
  });
}

/** Sends a preview into one follower's chat (no quota spent). */
export function usePreviewBroadcast(appid: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: PreviewBroadcastRequest) =>
      api.post<{ broadcast: BroadcastConsoleView }>(`/accounts/${seg(appid)}/broadcasts/preview`, request),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: broadcastKeys.list(appid) }),
    meta: { silent: true },
  });
}
