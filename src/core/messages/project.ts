/** Messages about the user's own project: where gridfold is installed, where their files live. */

export function searchFileOutsideProject(dir: string): string {
  return (
    `it imports 'gridfold', but no gridfold is installed for ${dir} or any folder above it. ` +
    'Put the search file inside the project where you ran `npm install gridfold` ' +
    `(a relative data path in it is then read from the file's own folder), or run \`npm install gridfold\` in ${dir}.`
  );
}

/**
 * A .ts search file in a CommonJS package: Node (and so tsx) loads it as CommonJS, and its
 * `import`/`export` then fail with Node's "Cannot require() ES Module … in a cycle".
 */
export function searchFileCommonJs(file: string, manifest: string | undefined): string {
  const where = manifest === undefined
    ? 'no package.json above it says "type": "module"'
    : `${manifest} has no "type": "module"`;
  return (
    `it uses import/export, but Node loads a .ts file as CommonJS here (${where}). ` +
    `Add "type": "module" to ${manifest ?? 'the package.json of your project'}, or rename the file to ${file.replace(/\.ts$/, '.mts')}.`
  );
}
