// Entry of a push thread when gzh runs from its TypeScript sources: a worker thread does not
// inherit the tsx loader the main thread registered, so it registers its own first.
import { register } from 'tsx/esm/api';

register();
await import('./push-thread.ts');
