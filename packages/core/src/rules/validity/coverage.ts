/**
 * "Does one pattern cover another": every value the first matches, the second matches too. Used to
 * find statements and values that others make redundant. Answers `false` when unsure.
 */
import type { PolicyValue } from '../../model/symbolic';
import { isSymbolic } from '../../model/symbolic';
import { matchWildcard } from '../../match/wildcard';
import { matchPolicyValue } from '../../match/value';
import type { ActionCatalog } from '../../analysis/catalog-view';

/**
 * True when every string `narrow` matches, `wide` matches. Reading the wildcards of `narrow` as
 * literal characters is exact when only a `*` of `wide` can absorb them, so a `?` in `wide`
 * facing a wildcard in `narrow` gives up (unless both are equal).
 */
function patternCovers(wide: string, narrow: string, ignoreCase = false): boolean {
  if (ignoreCase) {
    wide = wide.toLowerCase();
    narrow = narrow.toLowerCase();
  }
  if (wide === narrow) return true;
  if (wide.includes('?') && /[*?]/.test(narrow)) return false;
  return matchWildcard(wide, narrow);
}

/** Does the Resource value `wide` cover `narrow`? A value known after deploy covers only itself. */
export function valueCovers(wide: PolicyValue, narrow: PolicyValue): boolean {
  if (isSymbolic(wide)) return isSymbolic(narrow) && wide.equals(narrow);
  if (isSymbolic(narrow)) return matchPolicyValue(wide, narrow) === 'match';
  return patternCovers(wide, narrow);
}

/**
 * Does the action pattern `wide` cover `narrow`? By the patterns themselves, or, for a concrete
 * action, by the catalog (`s3:GetObject` is one of the actions `s3:*Object` stands for). Two
 * patterns are not compared through today's catalog: AWS adds actions.
 */
export function actionCovers(catalog: ActionCatalog, wide: string, narrow: string): boolean {
  if (patternCovers(wide, narrow, true)) return true;
  if (/[*?]/.test(narrow)) return false;
  const narrowActions = catalog.expand(narrow);
  const wideActions = catalog.expand(wide);
  if (narrowActions === undefined || wideActions === undefined) return false;
  const wideSet = new Set(wideActions.map((a) => a.toLowerCase()));
  return narrowActions.every((a) => wideSet.has(a.toLowerCase()));
}
