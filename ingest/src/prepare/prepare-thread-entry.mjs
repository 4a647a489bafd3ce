// Worker threads start without the TypeScript loader of the main thread:
// register tsx here, then load the thread itself.
import { register } from 'tsx/esm/api';

register();
await import('./prepare-thread.ts');
