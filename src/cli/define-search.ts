/**
 * `defineSearch`: what a search file in `searches/` default-exports. The types make a wrong
 * field an error in the editor; `checkSearchDefinition` refuses it at run time with the
 * field's path (`estimator.params.optimizer: …`), reusing the estimator's own checks.
 */
import { checkSearchDefinition } from './check-search.js';
import type { SearchDefinition } from './search-definition.js';

export type * from './search-definition.js';

/** Checks a search definition now (a wrong field throws with its path) and returns it. */
export function defineSearch(definition: SearchDefinition): SearchDefinition {
  checkSearchDefinition(definition);
  return definition;
}
