/**
 * The thread that reads a large bulk preview's members (members-thread.ts). Bundled on its own
 * by electron-vite (`bulk-members-worker.js` beside the main bundle); run from source under tsx
 * (the web door, tests, benchmarks).
 */
import { workerData } from 'node:worker_threads';
import { answerMembersJob, type MembersJob } from './members-thread';

answerMembersJob(workerData as MembersJob);
