/** The bad-input battery against `tf-scan` as users run it (the built binary on real files). */
import { battery } from './battery';

describe('tf-scan on hostile input', () => {
  battery('tf-scan');
});
