// Where the installed package keeps its content, wherever the command is run from.
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** Root of the cityguard package (holds content/, web/dist/). */
export const PACKAGE_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** A path inside the package's content folder. */
export function contentPath(...parts: string[]): string {
  return join(PACKAGE_ROOT, 'content', ...parts);
}
