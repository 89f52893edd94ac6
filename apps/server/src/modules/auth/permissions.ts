/** Console roles, from most to least powerful. */
export const ROLES = ['owner', 'admin', 'operator', 'agent', 'analyst'] as const;
export type ConsoleRole = (typeof ROLES)[number];

/** What a console user may do; checked by the console routes before calling services. */
export type Permission =
  | 'accounts.read'
  | 'accounts.manage'
  | 'accounts.credentials'
  | 'followers.read'
  | 'followers.write'
  | 'menus.read'
  | 'menus.write'
  | 'users.manage'
  | 'apikeys.manage'
  | 'sandbox.clock';

const GRANTS: Record<ConsoleRole, readonly Permission[]> = {
  owner: [
    'accounts.read',
    'accounts.manage',
    'accounts.credentials',
    'followers.read',
    'followers.write',
    'menus.read',
    'menus.write',
    'users.manage',
    'apikeys.manage',
    'sandbox.clock',
  ],
  admin: [
    'accounts.read',
    'accounts.manage',
    'accounts.credentials',
    'followers.read',
    'followers.write',
    'menus.read',
    'menus.write',
    'users.manage',
    'apikeys.manage',
    'sandbox.clock',
  ],
  operator: [
    'accounts.read',
    'followers.read',
    'followers.write',
    'menus.read',
    'menus.write',
    'apikeys.manage',
    'sandbox.clock',
  ],
  agent: ['accounts.read', 'followers.read'],
  analyst: ['accounts.read', 'followers.read', 'menus.read'],
};

export function can(role: ConsoleRole, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}
