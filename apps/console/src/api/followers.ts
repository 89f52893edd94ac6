import type { FollowerListResponse, FollowerView } from '@gzh/contracts';
import type { InfiniteData, QueryClient } from '@tanstack/react-query';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, seg } from './client';
import { followerKeys, tagKeys } from './keys';

/** Filters of the followers table; each maps to a query parameter of the list endpoint. */
export interface FollowerFilters {
  q?: string;
  tagId?: number;
  blacklisted?: 'true' | 'false';
  subscribed?: 'true' | 'false';
}

/** Rows per request; the server allows up to 200. */
export const FOLLOWER_PAGE_SIZE = 50;

/**
 * Followers with keyset paging: each page's `nextCursor` is the next request's `after`, so a
 * follower who subscribes meanwhile neither shifts nor duplicates rows as offset paging would.
 */
export function useFollowers(appid: string, filters: FollowerFilters) {
  return useInfiniteQuery({
    queryKey: followerKeys.list(appid, filters),
    queryFn: ({ pageParam }) =>
      api.get<FollowerListResponse>(`/accounts/${seg(appid)}/followers`, {
        ...filters,
        after: pageParam,
        limit: FOLLOWER_PAGE_SIZE,
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

/**
 * Applies a change to one follower in every cached page of the account, so an edit shows at once
 * without refetching (which would collapse the pages the operator has loaded).
 */
export function patchCachedFollower(
  queryClient: QueryClient,
  appid: string,
  openid: string,
  update: (follower: FollowerView) => FollowerView,
): void {
  queryClient.setQueriesData<InfiniteData<FollowerListResponse>>({ queryKey: followerKeys.ofAccount(appid) }, (data) =>
    data
      ? {
          ...data,
          pages: data.pages.map((page) => ({
            ...page,
            followers: page.followers.map((f) => (f.openid === openid ? update(f) : f)),
          })),
        }
      : data,
  );
}

/** Edits a follower's remark or blacklist flag. */
export function useUpdateFollower(appid: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ openid, patch }: { openid: string; patch: { remark?: string; blacklisted?: boolean } }) =>
      api.patch<{ follower: FollowerView }>(`/accounts/${seg(appid)}/followers/${seg(openid)}`, patch),
    onSuccess: ({ follower }) => patchCachedFollower(queryClient, appid, follower.openid, () => follower),
  });
}

/** Adds or removes one tag on one follower; tag counts are refreshed afterwards. */
export function useFollowerTag(appid: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ openid, tagId, add }: { openid: string; tagId: number; add: boolean }) => {
      const base = `/accounts/${seg(appid)}/followers/${seg(openid)}/tags`;
      return add ? api.post<unknown>(base, { tagId }) : api.delete<unknown>(`${base}/${seg(tagId)}`);
    },
    onSuccess: (_data, { openid, tagId, add }) => {
      patchCachedFollower(queryClient, appid, openid, (f) => ({
        ...f,
        tagIds: add ? [...new Set([...f.tagIds, tagId])] : f.tagIds.filter((id) => id !== tagId),
      }));
      void queryClient.invalidateQueries({ queryKey: tagKeys.ofAccount(appid) });
    },
  });
}
