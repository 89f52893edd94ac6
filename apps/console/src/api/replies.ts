import type { ReplyRuleInput, ReplyRuleView } from '@gzh/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, seg } from './client';
import { replyKeys } from './keys';

/** Auto-reply rules of an account, every kind, in the server's order. */
export function useReplyRules(appid: string) {
  return useQuery({
    queryKey: replyKeys.ofAccount(appid),
    queryFn: () => api.get<{ rules: ReplyRuleView[] }>(`/accounts/${seg(appid)}/replies`),
    select: (data) => data.rules,
  });
}

function useRulesChanged(appid: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: replyKeys.ofAccount(appid) });
}

/** Creates (no id) or replaces (id) a rule; the editor shows refusals (409 duplicates, 400) inline. */
export function useSaveReplyRule(appid: string) {
  const changed = useRulesChanged(appid);
  return useMutation({
    mutationFn: ({ id, input }: { id: string | null; input: ReplyRuleInput }) =>
      id === null
        ? api.post<{ rule: ReplyRuleView }>(`/accounts/${seg(appid)}/replies`, input)
        : api.put<{ rule: ReplyRuleView }>(`/accounts/${seg(appid)}/replies/${seg(id)}`, input),
    onSuccess: changed,
    meta: { silent: true },
  });
}

/** Updates a rule from the list (the enabled switch); failures go to the global toast. */
export function useUpdateReplyRule(appid: string) {
  const changed = useRulesChanged(appid);
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: ReplyRuleInput }) =>
      api.put<{ rule: ReplyRuleView }>(`/accounts/${seg(appid)}/replies/${seg(id)}`, input),
    onSuccess: changed,
  });
}

export function useDeleteReplyRule(appid: string) {
  const changed = useRulesChanged(appid);
  return useMutation({
    mutationFn: (id: string) => api.delete<unknown>(`/accounts/${seg(appid)}/replies/${seg(id)}`),
    onSuccess: changed,
  });
}
