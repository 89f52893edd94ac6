import type { AccountView, CreateAccountRequest, DeveloperConfig, UpdateAccountRequest } from '@gzh/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, seg } from './client';
import { accountKeys } from './keys';

interface AccountResponse {
  account: AccountView;
}

/** Answer of account creation: the only moment the AppSecret is readable. */
export interface CreatedAccount {
  account: AccountView;
  secret: string;
}

/** Accounts of the operator's organisation. */
export function useAccounts() {
  return useQuery({
    queryKey: accountKeys.list(),
    queryFn: () => api.get<{ accounts: AccountView[] }>('/accounts'),
    select: (data) => data.accounts,
  });
}

/** One account; seeded from the list when it is cached so switching accounts renders at once. */
export function useAccount(appid: string) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: accountKeys.detail(appid),
    queryFn: () => api.get<AccountResponse>(`/accounts/${seg(appid)}`),
    select: (data) => data.account,
    placeholderData: () => {
      const list = queryClient.getQueryData<{ accounts: AccountView[] }>(accountKeys.list());
      const account = list?.accounts.find((a) => a.appid === appid);
      return account ? { account } : undefined;
    },
  });
}

/** Stores a fresh account answer in the detail cache and refreshes the list (names, counts). */
function useAccountSaved() {
  const queryClient = useQueryClient();
  return (data: AccountResponse): void => {
    queryClient.setQueryData(accountKeys.detail(data.account.appid), data);
    void queryClient.invalidateQueries({ queryKey: accountKeys.list() });
  };
}

export function useCreateAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateAccountRequest) => api.post<CreatedAccount>('/accounts', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: accountKeys.list() }),
  });
}

export function useUpdateAccount(appid: string) {
  const saved = useAccountSaved();
  return useMutation({
    mutationFn: (body: UpdateAccountRequest) => api.patch<AccountResponse>(`/accounts/${seg(appid)}`, body),
    onSuccess: saved,
  });
}

/** Resets the AppSecret; the answer carries the new secret, shown once. */
export function useResetSecret(appid: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ secret: string }>(`/accounts/${seg(appid)}/secret`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: accountKeys.detail(appid) }),
  });
}

/** Saves the developer configuration; the form shows server errors inline. */
export function useSaveDeveloperConfig(appid: string) {
  const saved = useAccountSaved();
  return useMutation({
    mutationFn: (body: DeveloperConfig) => api.put<AccountResponse>(`/accounts/${seg(appid)}/developer`, body),
    onSuccess: saved,
    meta: { silent: true },
  });
}

/** Result of the developer-server URL check (WeChat's GET with `echostr`). */
export interface VerifyResult {
  ok: boolean;
  reason?: string;
  latencyMs: number;
}

/**
 * Runs WeChat's URL verification against a developer server without saving anything, so the
 * operator can test a URL and Token before enabling them. The form shows the outcome itself.
 */
export function useVerifyDeveloper(appid: string) {
  return useMutation({
    mutationFn: (body: { url: string; token: string }) =>
      api.post<VerifyResult>(`/accounts/${seg(appid)}/developer/verify`, body),
    meta: { silent: true },
  });
}
