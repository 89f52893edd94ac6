/** Account type: decides push economics and which advanced interfaces are available. */
export type AccountType = 'subscription' | 'service';

/** Developer-server push mode (see spec/callback-protocol.md §6.1). */
export type CallbackMode = 'plain' | 'compatible' | 'safe';

/** An official account (公众号) as the rest of the server sees it. Never carries the secret. */
export interface Account {
  id: string;
  organisationId: string;
  appid: string;
  originalId: string;
  name: string;
  type: AccountType;
  verified: boolean;
  avatarUrl: string;
  intro: string;
  welcomeText: string;
  /** Salt that derives OpenIDs; never leaves the server. */
  openidSalt: string;
  ipWhitelist: string[];
  /** Followers' clients report their location while chatting (LOCATION events, spec §4.1). */
  reportLocation: boolean;
  secretHash: string;
  secretUpdatedAt: number;
  callback: {
    url: string | null;
    token: string | null;
    encodingAesKey: string | null;
    mode: CallbackMode;
    enabled: boolean;
  };
  createdAt: number;
  updatedAt: number;
}
