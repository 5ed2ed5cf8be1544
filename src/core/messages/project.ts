/** Messages about the user's own project: where gridfold is installed, where their files live. */

export function searchFileOutsideProject(dir: string): string {
  return (
    `it imports 'gridfold', but no gridfold is installed for ${dir} or any folder above it. ` +
    'Put the search file inside the project where you ran `npm install gridfold` ' +
    `(a relative data path in it is then read from the file's own folder), or run \`npm install gridfold\` in ${dir}.`
  );
}
