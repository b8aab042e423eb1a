/** Whether a run passed, in the words the Markdown and HTML headlines use. */
import type { GuardResult, Severity } from '../analysis/finding';
import { atOrAbove } from '../analysis/finding';
import { plural } from './describe';
import type { FailOnLevel } from './types';

/** What the run's exit code says, and the headline that says it. */
export interface Verdict {
  readonly passed: boolean;
  /** One line, without markup: `failed: 1 error blocks the change`. */
  readonly headline: string;
}

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

/**
 * The verdict the exit code gives: input errors fail the run (exit 2) whatever `--fail-on` says,
 * since what could not be read was not checked; then findings at or above `failOn` fail it (exit 1).
 */
export function verdictOf(result: GuardResult, failOn: FailOnLevel = 'error'): Verdict {
  const inputErrors = result.errors.length;
  if (inputErrors > 0)
    return {
      passed: false,
      headline: `failed: ${plural(inputErrors, 'input error')} (exit 2), part of the input was not checked`,
    };
  if (failOn === 'never') return { passed: true, headline: 'passed: no finding fails the run (`--fail-on never`)' };
  const blocking = SEVERITIES.filter((s) => atOrAbove(s, failOn)).reduce((sum, s) => sum + result.summary[s], 0);
  const what = failOn === 'error' ? plural(blocking, 'error') : `${plural(blocking, 'finding')} at ${failOn} or above`;
  if (blocking > 0)
    return {
      passed: false,
      headline: `failed: ${what} ${blocking === 1 ? 'blocks' : 'block'} the change (\`--fail-on ${failOn}\`)`,
    };
  return { passed: true, headline: `passed: no finding at ${failOn}${failOn === 'error' ? '' : ' or above'}` };
}
