/**
 * A thread of the page's `workers` backend (src/backends/web-workers.ts): started by the math worker,
 * it computes chunks of the jobs it is handed on shared memory, with wasm.
 */
import '../../src/backends/portable.js';
import { serveTasks } from '../../src/backends/web-workers.js';

serveTasks();
