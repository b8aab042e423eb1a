/**
 * SSM documents and `ssm:SendCommand`: a command runs the document it names on the instances it
 * names, so the path that runs code as an instance's role needs a document that runs code the
 * caller chooses. AWS's own documents that take no command (a VSS snapshot, an inventory, an agent
 * update) run none; a caller's document, an `AWS-*` pattern or a shell document do.
 */
import type { Statement } from '../../model/policy';
import { valueToString } from '../../model/symbolic';
import { actionMatches } from '../statement-helpers';

/**
 * AWS-owned documents that run only what AWS wrote, with no command, script or package the caller
 * supplies (names no account may create: the `AWS`/`Amazon` prefixes are reserved).
 */
const FIXED_DOCUMENTS: ReadonlySet<string> = new Set(
  [
    'AWSEC2-CreateVssSnapshot',
    'AWS-GatherSoftwareInventory',
    'AWS-UpdateSSMAgent',
    'AWS-RefreshAssociation',
    'AWS-RunPatchBaseline',
    'AWS-FindWindowsUpdates',
    'AmazonCloudWatch-ManageAgent',
  ].map((name) => name.toLowerCase()),
);

/** An SSM document's ARN, its name captured. */
export const DOCUMENT_ARN = /^arn:[^:]*:ssm:[^:]*:[^:]*:document\/(.*)$/i;
const INSTANCE_ARN = /^arn:[^:]*:(?:ec2:[^:]*:[^:]*:instance|ssm:[^:]*:[^:]*:managed-instance)\//i;

/**
 * Whether the statement's resources name SSM documents, every one of them AWS's and running no
 * command of the caller's (each other resource an instance): `ssm:SendCommand` granted by it runs
 * no code the caller chooses. A pattern, a hole or a resource of any other form may be a document
 * that does: not so.
 */
export function runsOnlyFixedDocuments(statement: Statement): boolean {
  return documentsOf(statement) === 'fixed';
}

/**
 * Whether no Allow of `ssm:SendCommand` among a principal's statements admits a document that runs
 * the caller's command. A command needs its document and its instances allowed, by one statement
 * or by several: instances allowed by one and only AWS's fixed documents by another run nothing
 * of the caller's either.
 */
export function sendsOnlyFixedDocuments(statements: readonly Statement[]): boolean {
  return statements.every(
    (s) => s.effect !== 'Allow' || !actionMatches(s, 'ssm:SendCommand') || documentsOf(s) !== 'any',
  );
}

/** The documents a statement's resources admit: none (instances only), AWS's fixed ones only, or any. */
function documentsOf(statement: Statement): 'none' | 'fixed' | 'any' {
  const set = statement.resource;
  if (set === undefined || set.negated) return 'any';
  let named = false;
  for (const value of set.values) {
    const text = valueToString(value);
    const document = DOCUMENT_ARN.exec(text)?.[1];
    if (document === undefined) {
      if (!INSTANCE_ARN.test(text)) return 'any';
      continue;
    }
    if (typeof value !== 'string' || !FIXED_DOCUMENTS.has(document.toLowerCase())) return 'any';
    named = true;
  }
  return named ? 'fixed' : 'none';
}
