import type { DraftInput, DraftPage, DraftView, PublicationView } from '@gzh/contracts';
import { PUBLISH_STATUS } from '@gzh/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiUpload, seg } from './client';
import { articleKeys } from './keys';

/** Drafts of the draft box, newest first (the list shows titles and covers, not content). */
export function useDrafts(appid: string) {
  return useQuery({
    queryKey: articleKeys.drafts(appid),
    queryFn: () => api.get<DraftPage>(`/accounts/${seg(appid)}/drafts`, { offset: 0, count: 20 }),
  });
}

/** One draft with its full articles, for the editor; disabled for a new draft (`mediaId` null). */
export function useDraft(appid: string, mediaId: string | null) {
  return useQuery({
    queryKey: articleKeys.draft(appid, mediaId ?? ''),
    queryFn: async () => (await api.get<{ draft: DraftView }>(`/accounts/${seg(appid)}/drafts/${seg(mediaId!)}`)).draft,
    enabled: mediaId !== null,
    // The editor holds its own copy while the operator types; never overwrite it in the background.
    refetchOnWindowFocus: false,
  });
}

/**
 * Saves a draft: creates it when `mediaId` is null, else replaces all its articles. The server
 * applies WeChat's rules and answers `article.*` errors with its message; the editor shows it.
 */
export function useSaveDraft(appid: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ mediaId, input }: { mediaId: string | null; input: DraftInput }) => {
      const path = mediaId ? `/accounts/${seg(appid)}/drafts/${seg(mediaId)}` : `/accounts/${seg(appid)}/drafts`;
      const res = mediaId ? await api.put<{ draft: DraftView }>(path, input) : await api.post<{ draft: DraftView }>(path, input);
      return res.draft;
    },
    onSuccess: async (draft) => {
      queryClient.setQueryData(articleKeys.draft(appid, draft.mediaId), draft);
      await queryClient.invalidateQueries({ queryKey: articleKeys.drafts(appid) });
    },
    meta: { silent: true },
  });
}

export function useDeleteDraft(appid: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (mediaId: string) => api.delete<{ ok: boolean }>(`/accounts/${seg(appid)}/drafts/${seg(mediaId)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: articleKeys.ofAccount(appid) }),
  });
}

/** Publishes a draft (the same job as `freepublish/submit`); the draft leaves the box once published. */
export function usePublishDraft(appid: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (mediaId: string) => api.post<{ publishId: string }>(`/accounts/${seg(appid)}/drafts/${seg(mediaId)}/publish`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: articleKeys.ofAccount(appid) }),
  });
}

/**
 * Publications, newest first, with their pages and read counts. While one is still publishing
 * the list refreshes every 1.5 s, so the operator sees it finish.
 */
export function usePublications(appid: string) {
  return useQuery({
    queryKey: articleKeys.publications(appid),
    queryFn: async () => (await api.get<{ items: PublicationView[] }>(`/accounts/${seg(appid)}/publications`)).items,
    refetchInterval: (query) => (query.state.data?.some((p) => p.status === PUBLISH_STATUS.publishing) ? 1500 : false),
  });
}

/** Deletes one published article (`index`, 1-based) or all of them (`index` 0); irreversible. */
export function useDeletePublished(appid: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ articleId, index }: { articleId: string; index: number }) =>
      api.delete<{ ok: boolean }>(`/accounts/${seg(appid)}/publications/${seg(articleId)}?index=${index}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: articleKeys.publications(appid) }),
  });
}

/** Uploads an image for use inside article content (`media/uploadimg`); resolves to its URL. */
export async function uploadContentImage(appid: string, file: File): Promise<string> {
  const form = new FormData();
  form.append('media', file, file.name);
  return (await apiUpload<{ url: string }>(`/accounts/${seg(appid)}/article-images`, form)).url;
}
