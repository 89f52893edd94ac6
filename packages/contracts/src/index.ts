/** Shared contracts of the gzh console and follower APIs: zod schemas and their types. */
export * from './common';
export * from './console';
export * from './follower';
export * from './conversation';
export * from './menu';
