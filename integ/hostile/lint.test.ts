/** The bad-input battery against `lint` as users run it (the built binary on real files). */
import { battery } from './battery';

describe('lint on hostile input', () => {
  battery('lint');
});
