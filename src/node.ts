/**
 * The package's Node entry: the portable library (src/index.ts) plus the backends only Node has —
 * worker threads and the native addon — registered for `backend: 'auto'`. Browsers get src/index.ts.
 */
import { registerBackend } from './backends/registry.js';
import { workersBackend } from './backends/workers.js';
import { nativeBackend } from './backends/native.js';

registerBackend(workersBackend);
registerBackend(nativeBackend);

export * from './index.js';
