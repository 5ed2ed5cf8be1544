/**
 * The file that called a registration function (defineModule, registerCallback), read off
 * the stack (source-mapped under tsx): a worker thread imports that file to get the same
 * definitions, since functions and classes cannot be sent to it.
 */
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The file:// URL of the first frame outside this file and outside `registrar` (an import.meta.url). */
export function callerFile(registrar: string): string | undefined {
  const stack = new Error().stack?.split('\n') ?? [];
  const skipped = new Set([import.meta.url, registrar].map((url) => fileURLToPath(url).replace(/\.(ts|js)$/, '')));
  for (const line of stack.slice(1)) {
    const match = /\(?((?:file:\/\/)?\/[^():]+):\d+:\d+\)?$/.exec(line.trim());
    if (!match) continue;
    const path = match[1].startsWith('file:') ? fileURLToPath(match[1]) : match[1];
    if (skipped.has(path.replace(/\.(ts|js)$/, ''))) continue;
    return pathToFileURL(path).href;
  }
  return undefined;
}
