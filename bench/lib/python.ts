/**
 * The Python peers of the benchmarks: finding an interpreter that imports what a peer needs
 * ($GRIDFOLD_PYTHON, then `python3` on the PATH — maybe a pyenv or venv one — then the
 * system's, where the Debian packages install), and handing it data as .npy files.
 */
import { spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';

export type Peer = { python: string; versions: string[] } | { skipped: string };

/** The first interpreter that imports `modules`, with their `__version__`s, or why none does. */
export function findPython(modules: readonly string[]): Peer {
  const pythons = [process.env.GRIDFOLD_PYTHON, 'python3', '/usr/bin/python3'].filter((p): p is string => Boolean(p));
  const failures: string[] = [];
  const probe = `import ${modules.join(', ')}; print(${modules.map((m) => `${m}.__version__`).join(', ')})`;
  for (const candidate of pythons) {
    const child = spawnSync(candidate, ['-c', probe], { encoding: 'utf8' });
    if (child.status === 0) return { python: candidate, versions: child.stdout.trim().split(' ') };
    failures.push(`${candidate}: ${child.error ? `not found (${child.error.message})` : (child.stderr.trim().split('\n').pop() ?? 'import failed')}`);
  }
  return { skipped: failures.join('; ') };
}

/** A NumPy .npy file (format 1.0): magic, a padded header dict, then the raw little-endian data. */
export async function writeNpy(path: string, data: Float32Array | BigInt64Array, shape: number[], descr: '<f4' | '<i8'): Promise<void> {
  const dims = shape.length === 1 ? `${shape[0]},` : shape.join(', ');
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': (${dims}), }`;
  const unpadded = 10 + header.length + 1;
  header += ' '.repeat((64 - (unpadded % 64)) % 64) + '\n';
  const preamble = Buffer.alloc(10);
  preamble.write('\x93NUMPY', 0, 'latin1');
  preamble[6] = 1;
  preamble[7] = 0;
  preamble.writeUInt16LE(header.length, 8);
  await writeFile(path, Buffer.concat([preamble, Buffer.from(header, 'latin1'), Buffer.from(data.buffer, data.byteOffset, data.byteLength)]));
}
