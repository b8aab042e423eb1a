/**
 * The Region a request is sent to (`aws:RequestedRegion`) when the caller has no choice of it.
 * IAM and AWS Organizations have one endpoint in the commercial partition, in US East (N.
 * Virginia): every request for them carries `us-east-1`, so a Deny "unless the Region is
 * eu-west-1" denies every IAM call (AWS's global condition key reference says as much of IAM).
 * STS has regional endpoints beside its global one, and other services answer in every Region
 * they run in: the caller picks, and the Region is not known.
 */

/** The Region every IAM request is sent to (the commercial partition's). */
export const IAM_REGION = 'us-east-1';

// Services whose every request names one Region (the commercial partition's; the principals the
// analysis asks about are of that partition).
const FIXED_REGION: Readonly<Record<string, string>> = {
  iam: IAM_REGION,
  organizations: 'us-east-1',
};

/** The Region every request for `action` is sent to, or undefined when the caller chooses it. */
export function fixedRequestedRegion(action: string): string | undefined {
  const colon = action.indexOf(':');
  if (colon <= 0) return undefined;
  const service = action.slice(0, colon).toLowerCase();
  // A pattern over services (`*`, `i*:...`) is no one service.
  if (/[*?]/.test(service)) return undefined;
  return Object.hasOwn(FIXED_REGION, service) ? FIXED_REGION[service] : undefined;
}
