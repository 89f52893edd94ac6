import type { TagView } from '@gzh/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, seg } from './client';
import { followerKeys, tagKeys } from './keys';

/** Tags of an account (the star group first), with member counts. */
export function useTags(appid: string) {
  return useQuery({
    queryKey: tagKeys.ofAccount(appid),
    queryFn: () => api.get<{ tags: TagView[] }>(`/accounts/${seg(appid)}/tags`),
    select: (data) => data.tags,
  });
}

/** Invalidation shared by tag mutations: counts change, and deleting a tag changes followers. */
function useTagsChanged(appid: string, followersToo = false) {
  const queryClient = useQueryClient();
  return async (): Promise<void> => {
    await queryClient.invalidateQueries({ queryKey: tagKeys.ofAccount(appid) });
    if (followersToo) await queryClient.invalidateQueries({ queryKey: followerKeys.ofAccount(appid) });
  };
}

export function useCreateTag(appid: string) {
  const changed = useTagsChanged(appid);
  return useMutation({
    mutationFn: (name: string) => api.post<{ tag: TagView }>(`/accounts/${seg(appid)}/tags`, { name }),
    onSuccess: changed,
  });
}

export function useRenameTag(appid: string) {
  const changed = useTagsChanged(appid);
  return useMutation({
    mutationFn: ({ id, name }: { id: number; name: string }) =>
      api.patch<unknown>(`/accounts/${seg(appid)}/tags/${seg(id)}`, { name }),
    onSuccess: changed,
  });
}

export function useDeleteTag(appid: string) {
  const changed = useTagsChanged(appid, true);
  return useMutation({
    mutationFn: (id: number) => api.delete<unknown>(`/accounts/${seg(appid)}/tags/${seg(id)}`),
    onSuccess: changed,
  });
}
