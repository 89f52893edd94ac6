import type { MenuView } from '@gzh/contracts';
import { useQuery } from '@tanstack/react-query';
import { api, seg } from './client';
import { menuKeys } from './keys';

/** The default and conditional menus of an account, as WeChat's `menu/get` returns them. */
export function useMenus(appid: string) {
  return useQuery({
    queryKey: menuKeys.ofAccount(appid),
    queryFn: () => api.get<MenuView>(`/accounts/${seg(appid)}/menus`),
  });
}
