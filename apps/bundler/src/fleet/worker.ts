// Worker entry of a parallel generation: renders one share of the fleet (share.ts; see parallel.ts).
import { parentPort, workerData } from "node:worker_threads";
import type { WorkerInput } from "./parallel.js";
import { renderShare } from "./share.js";

const port = parentPort;
if (port) port.postMessage({ done: await renderShare(workerData as WorkerInput, (m) => port.postMessage(m)) });
