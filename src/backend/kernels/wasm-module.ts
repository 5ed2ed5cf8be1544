/**
 * The check a kernel binary passes before it is instantiated into tfjs' wasm memory. Such
 * a module reads and writes tensors where tfjs keeps them, which is only safe if it owns no
 * memory itself: no data, no globals (so no shadow-stack pointer), no memory of its own.
 */
import { messages } from '../../core/index.js';

/** Section ids a module that owns no memory may have: custom, type, import, function, export, code. */
const ALLOWED_SECTIONS = new Set([0, 1, 2, 3, 7, 10]);
const SECTION_NAMES: Record<number, string> = { 4: 'table', 5: 'memory', 6: 'global', 8: 'start', 9: 'element', 11: 'data', 12: 'data count' };

/**
 * Compiles a kernel, refusing a module that could write anywhere but where it is told:
 * it must import exactly env.memory, export the functions named, and have no memory,
 * data, global, table or start section of its own. (Without globals it cannot have a
 * shadow-stack pointer; WebAssembly validation guarantees no instruction refers to a
 * global or table that does not exist.)
 */
export function checkedModule(bytes: Uint8Array<ArrayBuffer>, functions: readonly string[]): WebAssembly.Module {
  const found = sectionIds(bytes);
  const stray = found.filter((id) => !ALLOWED_SECTIONS.has(id));
  if (stray.length > 0) {
    throw new Error(messages.wasmModuleOwnsSections(stray.map((id) => SECTION_NAMES[id] ?? `#${id}`)));
  }
  const module = new WebAssembly.Module(bytes);
  const imports = WebAssembly.Module.imports(module);
  if (imports.length !== 1 || imports[0].module !== 'env' || imports[0].name !== 'memory' || imports[0].kind !== 'memory') {
    throw new Error(messages.wasmModuleImports(imports.map((i) => `${i.module}.${i.name} (${i.kind})`)));
  }
  const exports = new Map(WebAssembly.Module.exports(module).map((e) => [e.name, e.kind]));
  for (const name of functions) {
    if (exports.get(name) !== 'function') throw new Error(messages.wasmModuleMissingExport(name));
  }
  return module;
}

/** The ids of a wasm binary's sections, in order (throws on a malformed header or size). */
function sectionIds(bytes: Uint8Array): number[] {
  const header = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
  if (bytes.length < 8 || header.some((byte, i) => bytes[i] !== byte)) throw new Error(messages.wasmModuleMalformed('header'));
  const ids: number[] = [];
  let offset = 8;
  while (offset < bytes.length) {
    const id = bytes[offset++];
    let size = 0;
    for (let shift = 0; ; shift += 7) {
      if (offset >= bytes.length || shift > 28) throw new Error(messages.wasmModuleMalformed('size'));
      const byte = bytes[offset++];
      size += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) break;
    }
    offset += size;
    if (offset > bytes.length) throw new Error(messages.wasmModuleMalformed('overrun'));
    ids.push(id);
  }
  return ids;
}

export function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  if (typeof Buffer !== 'undefined') return new Uint8Array(Buffer.from(text, 'base64'));
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}
