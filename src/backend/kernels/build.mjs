#!/usr/bin/env node
/**
 * Rebuilds src/backend/kernels/gemm-wasm.ts from gemm.c, conv.c and dense.c (linked into one module):
 * `node src/backend/kernels/build.mjs`.
 *
 * Only a developer who edits the C sources needs this (and clang ≥ 16 with lld: `apt-get
 * install clang-16 lld-16`; another compiler through CLANG=...); users and CI use the
 * committed gemm-wasm.ts, whose KERNEL_SOURCES_SHA256 a test compares with the sources so
 * an edit without a rebuild fails.
 *
 * Two binaries come from the same sources: plain SIMD128, which every engine with wasm SIMD
 * runs, and relaxed SIMD (-DGEMM_RELAXED_SIMD: fused multiply-add), which gemm-builds.ts prefers
 * where the engine has it. Clang before 16 emits the relaxed instructions' pre-standard
 * opcodes, which V8 refuses, so the relaxed binary is validated here.
 *
 * wasm-ld always defines a `__stack_pointer` global (and a one-entry function table) even
 * when no code uses them. The module imports tfjs' memory, where a shadow stack would
 * overwrite tfjs' heap, so both sections are removed here; WebAssembly validation then
 * proves the code never touched them (a global.get/set or call_indirect with nothing to
 * refer to does not compile). The same whitelist of sections is enforced again at load
 * time by wasm-module.ts.
 */
import { execFileSync } from 'node:child_process';
import v8 from 'node:v8';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const SOURCES = ['gemm.c', 'conv.c', 'dense.c'];
const target = join(here, 'gemm-wasm.ts');

const CLANG = process.env.CLANG ?? 'clang-16';

const CLANG_FLAGS = [
  '--target=wasm32', '-O3', '-msimd128', '-ffreestanding', '-nostdlib', '-fno-builtin',
  '-Wall', '-Wextra', '-Werror',
  '-Wl,--no-entry', '-Wl,--import-memory', '-Wl,--strip-all',
  '-Wl,--export=gemm', '-Wl,--export=gemm_scratch_bytes',
];

/** Section ids a module that owns no memory may have: custom, type, import, function, export, code. */
const ALLOWED_SECTIONS = new Set([0, 1, 2, 3, 7, 10]);
const GLOBAL_SECTION = 6;
const TABLE_SECTION = 4;

/**
 * sha256 over the sources in order, each as its name, a newline and its text with line
 * endings normalised (so a CRLF checkout hashes the same), then a NUL byte.
 */
export function sourcesHash(files) {
  const hash = createHash('sha256');
  for (const [name, text] of files) hash.update(`${name}\n${text.replace(/\r\n/g, '\n')}\0`);
  return hash.digest('hex');
}

function readLeb(bytes, offset) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = bytes[offset++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if (byte < 0x80) return { value, offset };
  }
}

function sections(bytes) {
  const found = [];
  let offset = 8;
  while (offset < bytes.length) {
    const id = bytes[offset];
    const size = readLeb(bytes, offset + 1);
    const end = size.offset + size.value;
    found.push({ id, start: offset, end });
    offset = end;
  }
  return found;
}

/** The two builds: [name of the export in gemm-wasm.ts, extra clang flags]. */
const VARIANTS = [
  ['GEMM_WASM_BASE64', []],
  ['GEMM_RELAXED_WASM_BASE64', ['-mrelaxed-simd', '-DGEMM_RELAXED_SIMD']],
];

/** f32x4.relaxed_madd as the standard encodes it (0xfd, then 0x105 as LEB128). */
const RELAXED_MADD = Buffer.from([0xfd, 0x85, 0x02]);

function compile(work, name, extraFlags) {
  const output = join(work, `${name}.wasm`);
  const args = [...CLANG_FLAGS, ...extraFlags, '-o', output, ...SOURCES.map((file) => join(here, file))];
  execFileSync(CLANG, args, { stdio: 'inherit' });
  const linked = readFileSync(output);
  const kept = sections(linked).filter((s) => s.id !== GLOBAL_SECTION && s.id !== TABLE_SECTION);
  const bytes = Buffer.concat([linked.subarray(0, 8), ...kept.map((s) => linked.subarray(s.start, s.end))]);

  let module;
  try {
    module = new WebAssembly.Module(bytes);
  } catch (error) {
    throw new Error(`${SOURCES.join(' + ')} (${name}) do not compile to a module V8 accepts: ${error.message}. ` +
      'Either it needs linear memory of its own (keep everything in locals: no local arrays, no address-of locals, no tables or string literals), ' +
      `or ${CLANG} is older than clang 16 and wrote pre-standard relaxed-SIMD opcodes (CLANG=clang-16).`);
  }
  const imports = WebAssembly.Module.imports(module);
  if (imports.length !== 1 || imports[0].module !== 'env' || imports[0].name !== 'memory' || imports[0].kind !== 'memory') {
    throw new Error(`gemm.wasm must import exactly env.memory; it imports ${JSON.stringify(imports)}`);
  }
  const stray = sections(bytes).filter((s) => !ALLOWED_SECTIONS.has(s.id));
  if (stray.length > 0) throw new Error(`gemm.wasm has sections ${stray.map((s) => s.id).join(', ')}: it must own no memory, data, globals or tables`);
  if (extraFlags.length > 0 && !bytes.includes(RELAXED_MADD)) throw new Error(`the relaxed build (${name}) has no f32x4.relaxed_madd: was GEMM_RELAXED_SIMD ignored?`);
  if (extraFlags.length === 0 && bytes.includes(RELAXED_MADD)) throw new Error(`the plain build (${name}) contains f32x4.relaxed_madd`);

  const command = `${CLANG} ${args.join(' ')}`.replace(output, 'gemm.wasm').replaceAll(`${here}/`, '');
  console.log(`${name}: ${bytes.length} bytes of wasm (linked ${linked.length}), sections ${sections(bytes).map((s) => s.id).join(' ')}`);
  return { name, bytes, command };
}

function build() {
  // Node 20's V8 has relaxed SIMD behind this flag (on by default from V8 11.4, Node 22).
  v8.setFlagsFromString('--experimental-wasm-relaxed-simd');
  const work = mkdtempSync(join(tmpdir(), 'gridfold-gemm-'));
  try {
    const built = VARIANTS.map(([name, flags]) => compile(work, name, flags));
    const text = `// Generated by src/backend/kernels/build.mjs from ${SOURCES.join(' and ')}: do not edit. Rebuild with
// \`node src/backend/kernels/build.mjs\` after changing them (needs clang ≥ 16 and lld).
// Compiled with:
${built.map((b) => `//   ${b.command}`).join('\n')}
// then the unused __stack_pointer global and function table that wasm-ld always emits were removed.

/** sha256 of the sources these binaries were built from (see sourcesHash in build.mjs). */
export const KERNEL_SOURCES_SHA256 = '${sourcesHash(SOURCES.map((file) => [file, readFileSync(join(here, file), 'utf8')]))}';

/** The compiler commands, for the record. */
export const GEMM_CLANG_COMMANDS = ${JSON.stringify(built.map((b) => b.command), null, 2)};

/** gemm.wasm with plain SIMD128 (${built[0].bytes.length} bytes), base64. */
export const GEMM_WASM_BASE64 =
  '${built[0].bytes.toString('base64')}';

/** gemm.wasm with relaxed SIMD's fused multiply-add (${built[1].bytes.length} bytes), base64. */
export const GEMM_RELAXED_WASM_BASE64 =
  '${built[1].bytes.toString('base64')}';
`;
    writeFileSync(target, text);
    console.log(`wrote ${target}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) build();
