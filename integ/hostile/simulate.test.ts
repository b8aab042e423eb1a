/** The bad-input battery against `simulate` as users run it (the built binary on real files). */
import { battery } from './battery';

describe('simulate on hostile input', () => {
  battery('simulate');
});
