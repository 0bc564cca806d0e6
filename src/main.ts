/** The Action bundle's entry (.ci/build.mjs -> dist/index.js): the Action itself is src/action/. */
import { main } from './action/main.js';

void main();
