/**
 * Query keys in one place so invalidation after a mutation reaches every view of the data:
 * the first element is the resource, the second the account it belongs to.
 */
export const sessionKey = ['auth', 'session'] as const;

export const accountKeys = {
  all: ['accounts'] as const,
  list: () => ['accounts', 'list'] as const,
  detail: (appid: string) => ['accounts', 'detail', appid] as const,
};

export const followerKeys = {
  ofAccount: (appid: string) => ['followers', appid] as const,
  list: (appid: string, filters: object) => ['followers', appid, filters] as const,
};

export const tagKeys = { ofAccount: (appid: string) => ['tags', appid] as const };

export const menuKeys = { ofAccount: (appid: string) => ['menus', appid] as const };

export const replyKeys = { ofAccount: (appid: string) => ['replies', appid] as const };

export const deliveryKeys = {
  ofAccount: (appid: string) => ['deliveries', appid] as const,
  list: (appid: string, filters: object) => ['deliveries', appid, 'list', filters] as const,
  detail: (appid: string, id: string) => ['deliveries', appid, 'detail', id] as const,
};

export const clockKey = ['clock'] as const;
