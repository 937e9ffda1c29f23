/**
 * The backends: which exist here and why the others do not, and the job contract they share.
 * @example
 * import { backendStatus } from 'nadaraya/backends';
 * for (const b of backendStatus()) console.log(b.name, b.unavailable ?? b.description);
 */
export { backendStatus, getBackend, registerBackend, chooseBackend, jobPairs } from './registry.js';
export { makeJob } from './job.js';
export { runJobJs, jsBackend } from './js.js';
export { webWorkersBackend, serveTasks, webWorkersUnavailable } from './web-workers.js';
export { BACKEND_NAMES, KERNEL_IDS } from './types.js';
export type { Backend, BackendChoice, BackendName, PoolJob, Precision } from './types.js';
