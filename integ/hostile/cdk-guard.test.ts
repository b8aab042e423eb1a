/** The bad-input battery against `cdk-guard` as users run it (the built binary on real files). */
import { battery } from './battery';

describe('cdk-guard on hostile input', () => {
  battery('cdk-guard');
});
