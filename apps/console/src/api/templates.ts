import type {
  AddTemplateRequest,
  LibraryTemplateView,
  PrivateTemplateView,
  SendTemplateRequest,
  TemplateIndustryResponse,
  TemplateSendView,
} from '@gzh/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, seg } from './client';
import { templateKeys } from './keys';

/** The account's industry pair, every industry code, and until when the pair is locked. */
export function useTemplateIndustry(appid: string) {
  return useQuery({
    queryKey: templateKeys.industry(appid),
    queryFn: () => api.get<TemplateIndustryResponse>(`/accounts/${seg(appid)}/templates/industry`),
  });
}

/** The template library, optionally of one industry code. */
export function useTemplateLibrary(appid: string, industry: number | null) {
  return useQuery({
    queryKey: templateKeys.library(appid, industry),
    queryFn: () =>
      api.get<{ templates: LibraryTemplateView[] }>(`/accounts/${seg(appid)}/templates/library`, {
        industry: industry ?? undefined,
      }),
    select: (data) => data.templates,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** The account's private templates (at most 25), oldest first. */
export function usePrivateTemplates(appid: string, enabled = true) {
  return useQuery({
    enabled,
    queryKey: templateKeys.list(appid),
    queryFn: () => api.get<{ templates: PrivateTemplateView[] }>(`/accounts/${seg(appid)}/templates`),
    select: (data) => data.templates,
  });
}

/** The latest test and API sends, newest first. */
export function useTemplateSends(appid: string, enabled = true) {
  return useQuery({
    enabled,
    queryKey: templateKeys.sends(appid),
    queryFn: () => api.get<{ sends: TemplateSendView[] }>(`/accounts/${seg(appid)}/templates/sends`, { limit: 20 }),
    select: (data) => data.sends,
  });
}

/** Everything template-related of the account is refetched after a change (industry changes remove templates). */
function useTemplatesChanged(appid: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: templateKeys.ofAccount(appid) });
}

export function useSetTemplateIndustry(appid: string) {
  const changed = useTemplatesChanged(appid);
  return useMutation({
    mutationFn: (pair: { primaryId: number; secondaryId: number }) =>
      api.put<TemplateIndustryResponse & { removed: number }>(`/accounts/${seg(appid)}/templates/industry`, pair),
    onSuccess: changed,
  });
}

export function useAddTemplate(appid: string) {
  const changed = useTemplatesChanged(appid);
  return useMutation({
    mutationFn: (body: AddTemplateRequest) =>
      api.post<{ template: PrivateTemplateView }>(`/accounts/${seg(appid)}/templates`, body),
    onSuccess: changed,
  });
}

export function useDeleteTemplate(appid: string) {
  const changed = useTemplatesChanged(appid);
  return useMutation({
    mutationFn: (templateId: string) => api.delete<unknown>(`/accounts/${seg(appid)}/templates/${seg(templateId)}`),
    onSuccess: changed,
  });
}

export function useSendTemplate(appid: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SendTemplateRequest) =>
      api.post<{ send: TemplateSendView }>(`/accounts/${seg(appid)}/templates/send`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: templateKeys.sends(appid) }),
  });
}
