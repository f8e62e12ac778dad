// Where `npm run build` puts the console and where `yanpan serve` finds it. Resolved from this file,
// not the working directory, so the server finds the console wherever it is started from.
import { fileURLToPath } from 'node:url';

export const CONSOLE_DIR = fileURLToPath(new URL('../../../dist/console/', import.meta.url));
