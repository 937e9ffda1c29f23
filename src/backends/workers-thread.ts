/**
 * A worker thread of the workers backend: it receives tasks (jobs on shared memory) and claims chunks of
 * their queries until none is left. Compiled to dist/ and started by workers.ts.
 */
import { parentPort } from 'node:worker_threads';
import './portable.js';
import { drainChunks, innerRun } from './workers-protocol.js';
import type { WorkerTask } from './workers-protocol.js';

const run = innerRun();
parentPort!.on('message', (task: WorkerTask) => { drainChunks(task, run); });
