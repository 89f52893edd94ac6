import type { MaterialCounts, MaterialFileType, MaterialPage, MaterialTab, MaterialView } from '@gzh/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiUpload, seg } from './client';
import { materialKeys } from './keys';

/** Materials per page: the server's (and WeChat's batchget) maximum. */
export const MATERIAL_PAGE_SIZE = 20;

/** One page (1-based) of a tab of the library, newest first; thumbs are in the image tab. */
export function useMaterials(appid: string, tab: MaterialTab, page: number) {
  return useQuery({
    queryKey: materialKeys.page(appid, tab, page),
    queryFn: () =>
      api.get<MaterialPage>(`/accounts/${seg(appid)}/materials`, {
        type: tab,
        offset: (page - 1) * MATERIAL_PAGE_SIZE,
        count: MATERIAL_PAGE_SIZE,
      }),
    placeholderData: keepPreviousData,
  });
}

/** How many materials of each kind the account has (the tab badges). */
export function useMaterialCounts(appid: string) {
  return useQuery({
    queryKey: materialKeys.counts(appid),
    queryFn: () => api.get<MaterialCounts>(`/accounts/${seg(appid)}/materials/counts`),
  });
}

/** What an upload sends: the file, and for videos their title and introduction. */
export interface MaterialUpload {
  type: MaterialFileType;
  file: File;
  title?: string;
  introduction?: string;
}

/**
 * Uploads a permanent material (the same checks as `material/add_material`). Errors (format,
 * size, full library) are shown by the global notifier with the server's message.
 */
export function useUploadMaterial(appid: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ type, file, title, introduction }: MaterialUpload) => {
      const form = new FormData();
      form.append('media', file, file.name);
      if (title !== undefined) form.append('title', title);
      if (introduction !== undefined) form.append('introduction', introduction);
      return apiUpload<{ material: MaterialView }>(`/accounts/${seg(appid)}/materials`, form, { type });
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: materialKeys.ofAccount(appid) }),
  });
}

/** Deletes a material; refused (and explained) while a menu or an auto-reply uses it. */
export function useDeleteMaterial(appid: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (mediaId: string) => api.delete<{ ok: boolean }>(`/accounts/${seg(appid)}/materials/${seg(mediaId)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: materialKeys.ofAccount(appid) }),
  });
}
