/** Shared contracts of the gzh console and follower APIs: zod schemas and their types. */
export * from './article';
export * from './common';
export * from './console';
export * from './follower';
export * from './conversation';
export * from './menu';
export * from './media';
export * from './outbound';
export * from './template';
export * from './template-card';
