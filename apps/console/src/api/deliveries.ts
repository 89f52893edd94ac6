import type { DeliveryView } from '@gzh/contracts';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, seg } from './client';
import { deliveryKeys } from './keys';

/** Filters of the delivery ledger; each is a query parameter of the list endpoint. */
export interface DeliveryFilters {
  outcome?: string;
  kind?: string;
  openid?: string;
}

/** Rows per request (the server allows up to 200). */
export const DELIVERY_PAGE_SIZE = 50;

interface DeliveryPage {
  deliveries: DeliveryView[];
}

/**
 * The ledger, newest first, with keyset paging: the next page is everything older than the last
 * row, so pushes arriving meanwhile never shift the pages already loaded.
 */
export function useDeliveries(appid: string, filters: DeliveryFilters, live: boolean) {
  return useInfiniteQuery({
    queryKey: deliveryKeys.list(appid, filters),
    queryFn: ({ pageParam }) =>
      api.get<DeliveryPage>(`/accounts/${seg(appid)}/deliveries`, {
        ...filters,
        before: pageParam,
        limit: DELIVERY_PAGE_SIZE,
      }),
    initialPageParam: null as string | null,
    // Entry ids sort by creation time, so the last id is an exact cursor even within a millisecond.
    getNextPageParam: (last) =>
      last.deliveries.length < DELIVERY_PAGE_SIZE ? undefined : (last.deliveries[last.deliveries.length - 1]?.id ?? undefined),
    refetchInterval: live ? 3000 : false,
  });
}

/** One delivery with every attempt of the same push (retries and replays). */
export function useDelivery(appid: string, id: string | null) {
  return useQuery({
    queryKey: deliveryKeys.detail(appid, id ?? ''),
    queryFn: () =>
      api.get<{ delivery: DeliveryView; attempts: DeliveryView[] }>(`/accounts/${seg(appid)}/deliveries/${seg(id ?? '')}`),
    enabled: id !== null,
  });
}

/** Answer of a replay: the new attempt and the original, to compare side by side. */
export interface ReplayResult {
  delivery: DeliveryView;
  original: DeliveryView;
}

/** Sends a recorded push again, to its URL or another one; the drawer shows failures inline. */
export function useReplayDelivery(appid: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, url }: { id: string; url?: string }) =>
      api.post<ReplayResult>(`/accounts/${seg(appid)}/deliveries/${seg(id)}/replay`, url ? { url } : {}),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: deliveryKeys.ofAccount(appid) }),
    meta: { silent: true },
  });
}
