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

export const templateKeys = {
  ofAccount: (appid: string) => ['templates', appid] as const,
  list: (appid: string) => ['templates', appid, 'private'] as const,
  industry: (appid: string) => ['templates', appid, 'industry'] as const,
  library: (appid: string, industry: number | null) => ['templates', appid, 'library', industry] as const,
  sends: (appid: string) => ['templates', appid, 'sends'] as const,
};

/** Broadcasts of an account (list pages) and the customer-service window of its followers. */
export const broadcastKeys = {
  ofAccount: (appid: string) => ['broadcasts', appid] as const,
  list: (appid: string) => ['broadcasts', appid, 'list'] as const,
  estimate: (appid: string, audience: object) => ['broadcasts', appid, 'estimate', audience] as const,
};

export const serviceWindowKeys = {
  ofFollower: (appid: string, openid: string) => ['service-window', appid, openid] as const,
};

/** The material library of an account: pages per tab and the per-kind counts. */
export const materialKeys = {
  ofAccount: (appid: string) => ['materials', appid] as const,
  page: (appid: string, tab: string, page: number) => ['materials', appid, 'page', tab, page] as const,
  counts: (appid: string) => ['materials', appid, 'counts'] as const,
};

/** Drafts (the draft box) and publications of an account. */
export const articleKeys = {
  ofAccount: (appid: string) => ['articles', appid] as const,
  drafts: (appid: string) => ['articles', appid, 'drafts'] as const,
  draft: (appid: string, mediaId: string) => ['articles', appid, 'draft', mediaId] as const,
  publications: (appid: string) => ['articles', appid, 'publications'] as const,
};

export const clockKey = ['clock'] as const;
