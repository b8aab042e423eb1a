import type { Formatter } from '../types';
import { toJsonReport } from '../json-report';

/** `--format json`: the JSON report contract, pretty-printed. */
export const formatJson: Formatter = (result, context) =>
  JSON.stringify(toJsonReport(result, context.toolVersion), null, 2) + '\n';
