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
  /** Customer-service messages to a follower inside their window (operators and agents). */
  | 'messages.send'
  | 'broadcasts.read'
  | 'broadcasts.send'
  /** Template notices: industries, private templates (read), their changes and test sends (write). */
  | 'templates.read'
  | 'templates.write'
  /** The material library (素材库): list (read), upload and delete (write). */
  | 'materials.read'
  | 'materials.write'
  /** Drafts and publications: list and read (read), edit, publish and delete (write). */
  | 'articles.read'
  | 'articles.write'
  | 'users.manage'
  | 'apikeys.manage'
  | 'sandbox.clock';

/** Owners and admins hold every permission. */
const ALL_GRANTS: readonly Permission[] = [
  'accounts.read',
  'accounts.manage',
  'accounts.credentials',
  'followers.read',
  'followers.write',
  'menus.read',
  'menus.write',
  'messages.send',
  'broadcasts.read',
  'broadcasts.send',
  'templates.read',
  'templates.write',
  'materials.read',
  'materials.write',
  'articles.read',
  'articles.write',
  'users.manage',
  'apikeys.manage',
  'sandbox.clock',
];

const GRANTS: Record<ConsoleRole, readonly Permission[]> = {
  owner: ALL_GRANTS,
  admin: ALL_GRANTS,
  operator: [
    'accounts.read',
    'followers.read',
    'followers.write',
    'menus.read',
    'menus.write',
    'messages.send',
    'broadcasts.read',
    'broadcasts.send',
    'templates.read',
    'templates.write',
    'materials.read',
    'materials.write',
    'articles.read',
    'articles.write',
    'apikeys.manage',
    'sandbox.clock',
  ],
  agent: ['accounts.read', 'followers.read', 'messages.send', 'materials.read', 'articles.read'],
  analyst: [
    'accounts.read',
    'followers.read',
    'menus.read',
    'broadcasts.read',
    'templates.read',
    'materials.read',
    'articles.read',
  ],
};

export function can(role: ConsoleRole, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}
