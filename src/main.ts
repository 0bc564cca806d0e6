/** The Action bundle's entry (.ci/build.mjs -> dist/index.js): the Action itself is src/action/; in a worker thread of the file pool (src/parallel/), that worker's main. */
import { main } from './action/main.js';
import { isGateWorker, runGateWorker, setWorkerEntry } from './parallel/worker.js';

if (isGateWorker()) runGateWorker();
else {
  setWorkerEntry(import.meta.url);
  void main();
}
