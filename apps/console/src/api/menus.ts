import type { MenuView } from '@gzh/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MenuJson } from '../lib/menu-editor';
import { api, seg } from './client';
import { menuKeys } from './keys';

/** The default and conditional menus of an account, as WeChat's `menu/get` returns them. */
export function useMenus(appid: string) {
  return useQuery({
    queryKey: menuKeys.ofAccount(appid),
    queryFn: () => api.get<MenuView>(`/accounts/${seg(appid)}/menus`),
  });
}

/**
 * Replaces the default menu (conditional menus are kept). The server validates with WeChat's
 * rules and answers 400 `menu.*` with WeChat's message; the editor shows it inline.
 */
export function useSaveMenu(appid: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: MenuJson) => api.put<MenuView | undefined>(`/accounts/${seg(appid)}/menus`, body),
    onSuccess: async (view) => {
      if (view && typeof view === 'object' && 'conditionalmenu' in view) {
        queryClient.setQueryData(menuKeys.ofAccount(appid), view);
      }
      await queryClient.invalidateQueries({ queryKey: menuKeys.ofAccount(appid) });
    },
    meta: { silent: true },
  });
}

/** Deletes the default menu and every conditional menu (WeChat's `menu/delete`). */
export function useDeleteMenu(appid: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.delete<unknown>(`/accounts/${seg(appid)}/menus`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: menuKeys.ofAccount(appid) }),
  });
}
