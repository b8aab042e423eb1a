/**
 * Turns a policy document found in a template (object or JSON text, with intrinsics) into the
 * document handed to the engine: strings where known, `SymbolicValue`s where not.
 *
 * `Fn::If` on a condition unknown before deploy: an Allow statement is kept once per branch (either
 * may be deployed, so the engine sees the widest); a Deny statement that exists or reads
 * differently depending on the condition is dropped, since counting on a deny that may not be
 * deployed could hide a finding.
 *
 * A branch that is `AWS::NoValue` for an element a statement cannot do without (`Action`,
 * `Resource`, `Principal`, `Effect`, written by the author under `Fn::If`) cannot deploy: IAM and
 * the services reject the document. That variant is left out, so the branch that can deploy is
 * checked rather than hidden behind a `policy-validity` finding; when no variant can deploy, they
 * are all kept and reported as invalid. So with a branch that IAM rejects (an `Effect` of `Alow`,
 * an action without a service) or that is unknown before deploy (an `Effect` from a parameter):
 * that variant is taken out of the document, which is checked as the other branches deploy it, and
 * returned apart (`variantsApart`) to be reported on its own (invalid, or unverifiable), once
 * however many sides make it alike (see `mergedApart`). The branches of a whole `Statement` or
 * `PolicyDocument` under `Fn::If` are one place: a side that reads beside one that IAM rejects.
 */
import {
  SymbolicValue,
  choiceKey,
  duplicateKeys,
  sideKey,
  isInputHole,
  mergedChoices,
  parsePolicy,
} from '@iamgate/core';
import type { ChoiceSide, DeployChoice } from '@iamgate/core';
import type { DuplicateKey } from '@iamgate/core';
import { parseJsonText as parseJson } from '../resolve/json-text';
import {
  Branches,
  MAX_DEPLOY_CHOICES,
  NO_VALUE,
  deployChoices,
  hasBranches,
  isRecord,
  toPolicyJson,
  tooManyChoices,
} from '../resolve/values';
import type { Resolved } from '../resolve/values';

/**
 * A document ready for the engine, or why it is not known: `afterDeploy` when the template is
 * valid but the document is chosen at deploy (a parameter, an import), not an input error.
 */
export type DocumentResult =
  | {
      ok: true;
      document: unknown;
      /** Where each statement of `document` is written, when branches made statements of their own. */
      statementPointers?: readonly (string | undefined)[];
      /** What each statement of `document` is chosen by at deploy (see `describeChoices`). */
      statementChoices?: readonly (DeployChoice | undefined)[];
      /** Variants of conditional statements that cannot be read, left out of `document` as another variant can. */
      variantsApart?: readonly VariantApart[];
      /** Why part of the document is not checked (a statement that may deploy in too many ways). */
      unchecked?: string;
      /** Keys given twice in one object of a document written as JSON text (pointers into `document`). */
      duplicateKeys?: readonly DuplicateKey[];
    }
  | { ok: false; reason: string; afterDeploy?: true };

/**
 * A statement as one branch of its `Fn::If` makes it, which cannot be read, and where it is
 * written: with the statements the other branches that IAM rejects alike make of it, if any.
 */
interface VariantApart {
  readonly statements: readonly unknown[];
  readonly pointer: string | undefined;
  /** Where its (first) branch is written, when it is written at no one place: findings point there. */
  readonly branch: string;
  /** The sides of the choices made at deploy that make it (see `describeChoices`). */
  readonly choice: DeployChoice | undefined;
}

/** Converts a resolved document value. */
export function policyDocument(value: Resolved): DocumentResult {
  const read = documentOf(value);
  if (!read.ok) return read;
  const result = withListedChoices(withWholePrincipals(read));
  const statement = opaqueStatement(result.document);
  if (statement !== undefined)
    return {
      ok: false,
      reason: `${statement.index === undefined ? 'its statements are' : `statement ${String(statement.index)} is`} ${statement.source}, known only after deploy`,
      afterDeploy: true,
    };
  const opaque = opaqueCondition(result.document);
  return opaque === undefined
    ? result
    : { ok: false, reason: `the condition of statement ${opaque} is known only after deploy`, afterDeploy: true };
}

/**
 * Statements whose `Principal` (or `NotPrincipal`) is wholly one value known only at deploy
 * (`Principal: !Ref Grantee`, `!FindInMap [Readers, !Ref Stage, Arn]` of texts): a text there is
 * `*` or names one principal, so it is read as that principal (`{"AWS": value}`, a service's name
 * as `{"Service": value}`), which the rules judge as they judge any principal given at deploy (one
 * that may be `*` is undecided; listed values each judged), instead of a malformed `Principal`.
 */
function withWholePrincipals(result: Extract<DocumentResult, { ok: true }>): Extract<DocumentResult, { ok: true }> {
  const document = result.document;
  if (!isRecord(document)) return result;
  const written = document['Statement'];
  const list: unknown[] = Array.isArray(written) ? written : [written];
  let changed = false;
  const statements = list.map((statement) => {
    if (!isRecord(statement)) return statement;
    const name = statement['Principal'] !== undefined ? 'Principal' : 'NotPrincipal';
    const value = statement[name];
    if (!(value instanceof SymbolicValue)) return statement;
    changed = true;
    const listed = listedChoices(value);
    const services = listed !== undefined && listed.length > 0 && listed.every((v) => SERVICE_NAME.test(v));
    return { ...statement, [name]: { [services ? 'Service' : 'AWS']: value } };
  });
  if (!changed) return result;
  return { ...result, document: { ...document, Statement: Array.isArray(written) ? statements : statements[0] } };
}

/** The name of an AWS service principal (`sns.amazonaws.com`). */
const SERVICE_NAME = /\.amazonaws\.com(\.cn)?$|\.amazon\.com$/;

/**
 * The first statement that is wholly a value known only at deploy (a snippet `AWS::Include`
 * inserts, a macro's output), or the `Statement` element itself: what it allows cannot be read,
 * so the document is not checked rather than misread as a malformed statement.
 */
function opaqueStatement(document: unknown): { index?: number; source: string } | undefined {
  if (!isRecord(document)) return undefined;
  const describe = (value: SymbolicValue): string => {
    const only = value.parts.length === 1 ? value.parts[0] : undefined;
    return only !== undefined && typeof only !== 'string' ? only.source : `\`${value.toString()}\``;
  };
  const statement = document['Statement'];
  if (statement instanceof SymbolicValue) return { source: describe(statement) };
  if (!Array.isArray(statement)) return undefined;
  const index = statement.findIndex((s) => s instanceof SymbolicValue);
  return index < 0 ? undefined : { index, source: describe(statement[index] as SymbolicValue) };
}

function documentOf(value: Resolved): DocumentResult {
  if (typeof value === 'string') return parseJsonText(value);
  if (value instanceof SymbolicValue) return parseSymbolicJsonText(value);
  if (value === NO_VALUE) return { ok: false, reason: 'the policy document is `AWS::NoValue`' };
  if (!hasBranches(value)) return { ok: true, document: toPolicyJson(value), ...writtenIndexes(value) };

  const statements: unknown[] = [];
  const pointers: (string | undefined)[] = [];
  const choices: (DeployChoice | undefined)[] = [];
  const apart: ApartVariant[] = [];
  let base: Record<string, unknown> = {};
  // Statements made already, by their JSON, at their index: one made again on another side is
  // made on either.
  const seen = new Map<string, number>();
  // A `Sid` is unique in a document as deployed. The statements made here from one written
  // statement (one per branch of a `Fn::If` in it) or from different top-level branches never
  // deploy together: only the first of them keeps a shared `Sid`, so that two written statements
  // of one document with the same `Sid` remain the only duplicate.
  const sids = new Set<string>();
  // Every statement a deploy may make, first, so that whether a branch can be read is judged
  // against the other branches of its place (see `placeOf`).
  const made: Made[] = [];
  // A statement that may deploy in more ways than are checked: said not checked (the rest is).
  let unchecked: string | undefined;
  for (const [a, alternative] of topLevel(value).entries()) {
    const side = documentSide(alternative.value);
    if (!side.ok) return side;
    base = { ...(toPolicyJson(withoutStatement(side.document)) as Record<string, unknown>) };
    const written = side.document['Statement'] as Resolved;
    // Each element of a written list (a branch of `Fn::If` in it included) is found at its index.
    const elements: readonly { value: Resolved; pointer: string | undefined; at: string }[] = Array.isArray(written)
      ? (written as Resolved[]).map((element, i) => ({
          value: element,
          pointer: `/Statement/${i}`,
          at: `/Statement/${i}`,
        }))
      : [{ value: written, pointer: written instanceof Branches ? undefined : '/Statement', at: '/Statement' }];
    for (const [i, { value: element, pointer, at }] of elements.entries()) {
      for (const c of statementCandidates(element)) {
        if (tooManyChoices(c.value))
          unchecked ??= `statement ${pointer ?? '/Statement'} may deploy in more than ${String(MAX_DEPLOY_CHOICES)} ways (its \`Fn::If\`s depend on many conditions): only the first ${String(MAX_DEPLOY_CHOICES)} are checked`;
        const candidate = {
          ...c,
          group: `${String(i)}${c.group}`,
          pointer: alternative.conditional ? undefined : pointer,
          branch: `${alternative.path}${at}${c.path}`,
        };
        const all = deployChoices(candidate.value);
        const deployable = all.filter(({ value: variant }) => !losesRequiredElement(candidate.value, variant));
        const conditional = alternative.conditional || candidate.conditional || all.length > 1;
        for (const { value: variant, taken } of deployable.length > 0 ? deployable : all)
          made.push({
            candidate,
            alternative: a,
            variant,
            conditional,
            taken: new Map([...alternative.taken, ...candidate.taken, ...taken]),
          });
      }
    }
  }
  // A branch that cannot be read, beside one of its place that can: reported apart, the others checked.
  const invalid = made.map(({ variant, conditional }) => conditional && unreadable(variant));
  const readablePlaces = new Set(made.filter((_, k) => invalid[k] !== true).map(placeOf));
  const setApart = made.map((entry, k) => invalid[k] === true && readablePlaces.has(placeOf(entry)));
  const choiceOf = sidesThatDeploy(made, setApart);
  let alternative = -1;
  let sidGroups = new Map<string, string>();
  for (const [k, entry] of made.entries()) {
    const { candidate, variant, conditional } = entry;
    const choice = choiceOf(k);
    if (entry.alternative !== alternative) {
      alternative = entry.alternative;
      sidGroups = new Map<string, string>();
    }
    // A statement a `Fn::If` of its element chooses is located in its branch, where its values are.
    const written = candidate.conditional && candidate.pointer !== undefined ? candidate.branch : candidate.pointer;
    if (setApart[k] === true) {
      apart.push({
        statements: [toPolicyJson(variant)],
        pointer: written,
        branch: candidate.branch,
        choice,
        origin: `${String(entry.alternative)} ${candidate.group}`,
      });
      continue;
    }
    if (conditional && isRecord(variant) && variant['Effect'] === 'Deny') continue;
    const json = toPolicyJson(variant);
    const key = JSON.stringify(json, (_k, v: unknown) => (v instanceof SymbolicValue ? v.toString() : v));
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      choices[earlier] = eitherChoice(choices[earlier], choice);
      continue;
    }
    seen.set(key, statements.length);
    statements.push(withoutExclusiveSid(json, candidate.group, sidGroups, sids));
    pointers.push(written ?? candidate.branch);
    choices.push(choice);
  }
  const document = { ...base, Statement: statements };
  // Pointers that differ from the statements' places in the document made here, or statements
  // made on one side only (which may keep their place: `[!If [C, {...}, AWS::NoValue]]`).
  const chosen = choices.some((c) => c !== undefined);
  const moved = chosen || pointers.some((pointer, i) => pointer !== `/Statement/${i}`);
  return {
    ok: true,
    document,
    ...(moved ? { statementPointers: pointers } : {}),
    ...(chosen ? { statementChoices: choices } : {}),
    ...(apart.length > 0 ? { variantsApart: mergedApart(apart) } : {}),
    ...(unchecked === undefined ? {} : { unchecked }),
  };
}

/** A statement a deploy may make of a written one (see `documentOf`). */
interface Made {
  readonly candidate: Candidate & {
    readonly pointer: string | undefined;
    /** Where its branch is written, for one written at no one place (`/Statement/Fn::If/2/0`). */
    readonly branch: string;
  };
  /** The index of the branch of a whole `PolicyDocument` or `Statement` it is made on. */
  readonly alternative: number;
  readonly variant: Resolved;
  readonly conditional: boolean;
  /** The side it takes of each choice above it. */
  readonly taken: ReadonlyMap<string, readonly ChoiceSide[]>;
}

/**
 * The sides each made statement is made on, in words (see `describeChoices`), without the choices
 * whose other side IAM refuses for that written statement (set apart): no deploy writes that side,
 * so the statement is written whichever side a deploy that succeeds takes. `Effect: !If [A, Allow,
 * Alow]` beside `Action: !If [B, s3:GetObject, s3:GetObjct]`: the unknown action is written when
 * `B` is false, whatever `A` (when `A` is false, the statement is refused for its `Effect`). A
 * variant set apart leaves out a choice whose other side is refused for another reason while
 * writing the same value where this one is refused (IAM names the first error of a statement
 * only): with `s3GetObject` for `s3:GetObjct` above, that action is refused when `B` is false.
 * A side refused only where a value is unknown (an `Effect` from a parameter) may deploy: kept.
 */
function sidesThatDeploy(made: readonly Made[], setApart: readonly boolean[]): (k: number) => DeployChoice | undefined {
  // The variants of one written statement: those of one candidate (its own `Fn::If`s), not the
  // statements a `Fn::If` above it chooses between.
  const statements = new Map<Made['candidate'], number[]>();
  for (const [k, { candidate }] of made.entries()) {
    const members = statements.get(candidate);
    if (members === undefined) statements.set(candidate, [k]);
    else members.push(k);
  }
  // Each refused variant's errors, with where in the statement and what value each is refused for.
  const issues = new Map<number, readonly StatementIssue[]>();
  const issuesOf = (k: number): readonly StatementIssue[] => {
    let found = issues.get(k);
    if (found === undefined) {
      const statement = toPolicyJson((made[k] as Made).variant);
      found = parsePolicy({ Version: '2012-10-17', Statement: [statement] }).issues.map((issue) => {
        const at = issue.pointer.replace(/^\/Statement\/0(?=\/|$)/, '');
        const value = valueAt(statement, at);
        return {
          key: `${issue.code} ${issue.pointer} ${issue.message}`,
          at,
          value: textOf(value),
          known: !holdsHole(value),
        };
      });
      issues.set(k, found);
    }
    return found;
  };
  // True when IAM refuses `p` whatever a deploy gives its values: an error where no value is
  // unknown (an `Effect` from a parameter may be `Allow`, and that side deploy).
  const refused = (p: number): boolean => setApart[p] === true && issuesOf(p).some((issue) => issue.known);
  // True when `p` is refused, for other errors than `k`'s, with the values `k` is refused for.
  const refusedAlike = (k: number, p: number): boolean => {
    if (!refused(p)) return false;
    const theirs = issuesOf(p);
    const written = toPolicyJson((made[p] as Made).variant);
    return issuesOf(k).every(
      ({ key, at, value }) => !theirs.some((issue) => issue.key === key) && textOf(valueAt(written, at)) === value,
    );
  };
  return (k) => {
    const entry = made[k] as Made;
    const apart = setApart[k] === true;
    const peers = statements.get(entry.candidate) ?? [];
    const kept = new Map(entry.taken);
    for (const [condition, side] of entry.taken) {
      const others = peers.filter((p) => {
        const taken = (made[p] as Made).taken;
        const other = taken.get(condition);
        return (
          other !== undefined &&
          !sameSides(other, side) &&
          [...kept].every(([c, sides]) => c === condition || sameSides(taken.get(c), sides))
        );
      });
      const dropped = apart ? others.every((p) => refusedAlike(k, p)) : others.every(refused);
      if (others.length > 0 && dropped) kept.delete(condition);
    }
    return describeChoices(kept);
  };
}

/** An error IAM refuses a statement for: its key, where in the statement, the value written there. */
interface StatementIssue {
  readonly key: string;
  readonly at: string;
  readonly value: string;
  /** False when the value there is (or holds) one known only at deploy. */
  readonly known: boolean;
}

/** True when `value` is or holds a value known only at deploy. */
function holdsHole(value: unknown): boolean {
  if (value instanceof SymbolicValue) return true;
  if (Array.isArray(value)) return value.some(holdsHole);
  return isRecord(value) && Object.values(value).some(holdsHole);
}

/** JSON text of a value, `SymbolicValue`s as their text. */
function textOf(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (v instanceof SymbolicValue ? v.toString() : v)) ?? '';
}

/** The value at a JSON pointer into `value`, or undefined. */
function valueAt(value: unknown, pointer: string): unknown {
  let at = value;
  for (const token of pointer.split('/').slice(1)) {
    const key = token.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(at)) at = /^\d+$/.test(key) ? (at as unknown[])[Number(key)] : undefined;
    else if (isRecord(at)) at = at[key];
    else return undefined;
  }
  return at;
}

/**
 * Where a made statement is written: its element of the `Statement` list, or, for the statements
 * of a whole document or `Statement` chosen by `Fn::If` (written at no one place), the document.
 */
function placeOf(made: Made): string {
  return made.candidate.pointer ?? '';
}

/** A variant set apart, with the written statement it is made of (`origin`), while they are merged. */
interface ApartVariant extends VariantApart {
  readonly origin: string;
}

/**
 * The variants set apart, each said once. Two made of one written statement whose sides differ
 * by one condition only, where IAM rejects the same element for the same reason, are one on the
 * side they share (`Effect: !If [A, Allow, Alow]` beside `Resource: !If [B, x, y]` is refused
 * when `A` is false, whatever `B`). Then one made again on another side, the same text at the same
 * place (a branch of a whole `Statement` has no place but its text), is one, on either side.
 */
function mergedApart(apart: readonly ApartVariant[]): VariantApart[] {
  const issues = new Map<unknown, string>();
  const issuesOf = (statement: unknown): string => {
    let found = issues.get(statement);
    if (found === undefined) {
      const parsed = parsePolicy({ Version: '2012-10-17', Statement: [statement] });
      found = JSON.stringify(
        parsed.issues.map(({ code, pointer, message, params }) => [code, pointer, message, params]),
      );
      issues.set(statement, found);
    }
    return found;
  };
  const textOf = (statement: unknown): string =>
    JSON.stringify(statement, (_k, v: unknown) => (v instanceof SymbolicValue ? v.toString() : v));
  const oneSide = (a: ApartVariant, b: ApartVariant): DeployChoice | undefined | false => {
    if (a.pointer !== b.pointer || a.origin !== b.origin) return false;
    const either = eitherChoice(a.choice, b.choice);
    // Merged into no fewer sides: the two are only said together.
    const joined = either !== undefined && choiceKey(either) === choiceKey([...(a.choice ?? []), ...(b.choice ?? [])]);
    return !joined && issuesOf(a.statements[0]) === issuesOf(b.statements[0]) ? either : false;
  };
  const sameText = (a: ApartVariant, b: ApartVariant): DeployChoice | undefined | false => {
    if (a.pointer !== b.pointer) return false;
    const texts = new Set(a.statements.map(textOf));
    return b.statements.some((s) => texts.has(textOf(s))) ? eitherChoice(a.choice, b.choice) : false;
  };
  const bySide = mergedPairs(
    apart,
    (v) => `${v.pointer ?? ''} ${v.origin} ${issuesOf(v.statements[0])}`,
    oneSide,
    textOf,
  );
  return mergedPairs(bySide, (v) => v.pointer ?? '', sameText, textOf).map(
    ({ statements, pointer, branch, choice }) => ({
      statements,
      pointer,
      branch,
      choice,
    }),
  );
}

/**
 * `variants` with every two that `together` says are one merged (on the choice it returns), until
 * none are. Only variants of one `group` can be one: each group is merged on its own, pass after
 * pass over it, so that many written statements cost each its own variants only.
 */
function mergedPairs(
  variants: readonly ApartVariant[],
  group: (variant: ApartVariant) => string,
  together: (a: ApartVariant, b: ApartVariant) => DeployChoice | undefined | false,
  textOf: (statement: unknown) => string,
): ApartVariant[] {
  const groups = new Map<string, ApartVariant[]>();
  for (const variant of variants) {
    const key = group(variant);
    const members = groups.get(key);
    if (members === undefined) groups.set(key, [variant]);
    else members.push(variant);
  }
  const merged: ApartVariant[] = [];
  for (const members of groups.values()) {
    for (let again = true; again;) {
      again = false;
      for (let i = 0; i < members.length; i++)
        for (let j = i + 1; j < members.length;) {
          const a = members[i] as ApartVariant;
          const b = members[j] as ApartVariant;
          const choice = together(a, b);
          if (choice === false) {
            j++;
            continue;
          }
          const texts = new Set(a.statements.map(textOf));
          members[i] = {
            ...a,
            statements: [...a.statements, ...b.statements.filter((s) => !texts.has(textOf(s)))],
            choice,
          };
          members.splice(j, 1);
          again = true;
        }
    }
    merged.push(...members);
  }
  return merged;
}

/** A statement made on either of two sides: undefined (every deploy) when either is. */
export function eitherChoice(a: DeployChoice | undefined, b: DeployChoice | undefined): DeployChoice | undefined {
  return mergedChoices([a, b]);
}

/**
 * The sides a statement takes of the choices made at deploy, together (`IsPublic` true and
 * `\`Stage\`` is `\`dev\``); undefined when it takes none.
 */
export function describeChoices(taken: ReadonlyMap<string, readonly ChoiceSide[]>): DeployChoice | undefined {
  const sides = new Map([...taken.values()].flat().map((side) => [sideKey(side), side] as const));
  return sides.size === 0 ? undefined : [[...sides.values()]];
}

/** True when two choices take the same sides (each made anew by the `Fn::If` it is of). */
function sameSides(a: readonly ChoiceSide[] | undefined, b: readonly ChoiceSide[] | undefined): boolean {
  return a !== undefined && b !== undefined && choiceKey([a]) === choiceKey([b]);
}

/**
 * True when the statement cannot be read as a policy whatever its use: IAM rejects it (an `Effect`
 * other than `Allow` or `Deny`, a malformed action) or an element it needs is known only at deploy.
 */
function unreadable(statement: Resolved): boolean {
  return !parsePolicy({ Version: '2012-10-17', Statement: [toPolicyJson(statement)] }).ok;
}

/**
 * The index of the first statement whose `Condition` block, or one operator's block of keys, is
 * a value known only after deploy (a CDK `CfnJson` whose text is not JSON before deploy, an
 * import): what it requires cannot be read, so the document is not checked rather than misread.
 */
function opaqueCondition(document: unknown): number | undefined {
  if (!isRecord(document)) return undefined;
  const statement = document['Statement'];
  const statements: unknown[] = Array.isArray(statement) ? statement : [statement];
  const index = statements.findIndex((s) => {
    const condition = isRecord(s) ? s['Condition'] : undefined;
    if (condition instanceof SymbolicValue) return true;
    return isRecord(condition) && Object.values(condition).some((block) => block instanceof SymbolicValue);
  });
  return index < 0 ? undefined : index;
}

interface Candidate {
  readonly value: Resolved;
  readonly conditional: boolean;
  /** The side taken of each condition of a `Fn::If` above it. */
  readonly taken: ReadonlyMap<string, readonly ChoiceSide[]>;
  /** Which written statement it is, by its indexes in nested lists: branches of one share it. */
  readonly group: string;
  /** Where it is written below the value it was found in (`/Fn::If/2/0`: the first of the false side). */
  readonly path: string;
}

/**
 * `statement` without its `Sid` when a statement that cannot deploy with it already carries the
 * `Sid`: another branch of the same written statement (same `group`), or of another top-level
 * branch of the document (`sids` holds those of every branch, `sidGroups` those of this one).
 */
function withoutExclusiveSid(
  statement: unknown,
  group: string,
  sidGroups: Map<string, string>,
  sids: Set<string>,
): unknown {
  if (!isRecord(statement) || typeof statement['Sid'] !== 'string' || statement['Sid'] === '') return statement;
  const sid = statement['Sid'];
  const owner = sidGroups.get(sid);
  if (owner !== undefined && owner !== group) return statement;
  const exclusive = owner === group || sids.has(sid);
  sidGroups.set(sid, group);
  sids.add(sid);
  if (!exclusive) return statement;
  return Object.fromEntries(Object.entries(statement).filter(([key]) => key !== 'Sid'));
}

/** The candidates under each side of a `Fn::If`, each taking its side. */
function bothSides<C extends { taken: ReadonlyMap<string, readonly ChoiceSide[]>; path: string }>(
  branches: Branches,
  of: (value: Resolved) => C[],
): C[] {
  const side = (value: Resolved, truth: boolean): C[] => {
    const sides = branches.side(truth);
    return of(value).map((c) => ({
      ...c,
      path: `/Fn::If/${truth ? '1' : '2'}${c.path}`,
      conditional: true,
      taken: sides === undefined ? c.taken : new Map([[branches.condition, sides], ...c.taken]),
    }));
  };
  return [...side(branches.whenTrue, true), ...side(branches.whenFalse, false)];
}

function topLevel(value: Resolved): Omit<Candidate, 'group'>[] {
  if (value instanceof Branches) return bothSides(value, topLevel);
  if (value === NO_VALUE) return [];
  return [{ value, conditional: false, taken: new Map(), path: '' }];
}

function statementCandidates(statement: Resolved): Candidate[] {
  if (statement instanceof Branches) return bothSides(statement, statementCandidates);
  if (Array.isArray(statement))
    return (statement as Resolved[]).flatMap((element, i) =>
      statementCandidates(element).map((c) => ({
        ...c,
        group: `/${String(i)}${c.group}`,
        path: `/${String(i)}${c.path}`,
      })),
    );
  if (statement === NO_VALUE || statement === undefined) return [];
  return [{ value: statement, conditional: false, group: '', taken: new Map(), path: '' }];
}

/** Elements of a statement of which one of each group must be present and non-empty. */
const REQUIRED_ELEMENTS: readonly (readonly string[])[] = [
  ['Effect'],
  ['Action', 'NotAction'],
  ['Resource', 'NotResource'],
  ['Principal', 'NotPrincipal'],
];

/** True when the statement names a required element that the variant no longer has (an `AWS::NoValue` branch). */
function losesRequiredElement(statement: Resolved, variant: Resolved): boolean {
  if (!isRecord(statement) || !isRecord(variant)) return false;
  const present = (value: unknown): boolean => value !== undefined && !(Array.isArray(value) && value.length === 0);
  return REQUIRED_ELEMENTS.some(
    (group) => group.some((key) => key in statement) && !group.some((key) => present(variant[key])),
  );
}

/**
 * One side of a whole `PolicyDocument` chosen by `Fn::If`, as a document: an object, or JSON text
 * (which CloudFormation takes for a policy document); anything else cannot deploy.
 */
function documentSide(
  value: Resolved,
): { ok: true; document: Record<string, Resolved> } | Extract<DocumentResult, { ok: false }> {
  if (isRecord(value)) return { ok: true, document: value };
  const read =
    typeof value === 'string'
      ? parseJsonText(value)
      : value instanceof SymbolicValue
        ? parseSymbolicJsonText(value)
        : undefined;
  if (read !== undefined && !read.ok) return read;
  if (read !== undefined && isRecord(read.document))
    return { ok: true, document: read.document as Record<string, Resolved> };
  return { ok: false, reason: 'a side of the policy document chosen by `Fn::If` is not an object' };
}

/**
 * Where the statements of a document without branches are written, when a statement resolved to
 * `AWS::NoValue` (a `Fn::If` decided before deploy) is dropped before them: their indexes as written.
 */
function writtenIndexes(value: Resolved): { statementPointers?: string[] } {
  const statements = isRecord(value) ? value['Statement'] : undefined;
  if (!Array.isArray(statements) || !statements.includes(NO_VALUE)) return {};
  const kept = (statements as readonly Resolved[]).flatMap((s, i) =>
    s === NO_VALUE ? [] : [`/Statement/${String(i)}`],
  );
  return { statementPointers: kept };
}

function withoutStatement(document: Record<string, Resolved>): Resolved {
  return Object.fromEntries(Object.entries(document).filter(([key]) => key !== 'Statement'));
}

function parseJsonText(text: string): DocumentResult {
  const parsed = parseJson(text);
  if (parsed === undefined) return { ok: false, reason: 'the policy document is a string that is not valid JSON' };
  const duplicates = duplicateKeys(text, parsed.value);
  return { ok: true, document: parsed.value, ...(duplicates.length > 0 ? { duplicateKeys: duplicates } : {}) };
}

function parseSymbolicJsonText(text: SymbolicValue): DocumentResult {
  const parsed = parseJson(text);
  if (parsed !== undefined) return { ok: true, document: parsed.value };
  // One hole is the whole document (an `AWS::Include` snippet, an import): say which.
  const only = text.parts.length === 1 ? text.parts[0] : undefined;
  return {
    ok: false,
    reason:
      only !== undefined && typeof only !== 'string'
        ? `the policy document is ${only.source}, known only after deploy`
        : 'the policy document is built from values known only after deploy',
    afterDeploy: true,
  };
}

/** Alternatives of one statement above which a choice of actions or resources is left unknown (the rules say so). */
const MAX_ACTION_VARIANTS = 16;

/**
 * The values an action or resource known only at deploy may take, when its input lists them (a parameter's
 * `AllowedValues`, the values of a mapping chosen by a parameter): undefined otherwise.
 */
function listedChoices(value: unknown): readonly string[] | undefined {
  if (!(value instanceof SymbolicValue) || value.parts.length !== 1) return undefined;
  const only = value.parts[0];
  return typeof only === 'object' ? only.values : undefined;
}

/**
 * The values an action or resource takes when each of its parts chosen at deploy from listed
 * values takes one of them (`table/${TableScope}` with `AllowedValues: [orders, '*']`: `table/orders`
 * and `table/*`), the other parts kept: undefined when it has no such part, or more combinations
 * than `MAX_ACTION_VARIANTS`. The same part met twice takes the same value; a part of `kept` (one
 * a `Deny` of the document names too, which must take the same value there) is left as written.
 */
function substitutedChoices(
  value: unknown,
  kept: ReadonlySet<string>,
): readonly (string | SymbolicValue)[] | undefined {
  if (!(value instanceof SymbolicValue)) return undefined;
  const listed = new Map<string, readonly string[]>();
  for (const part of value.parts)
    if (typeof part === 'object' && part.values !== undefined && part.values.length > 0 && !kept.has(part.id))
      listed.set(part.id, part.values);
  if (listed.size === 0) return undefined;
  let combinations: ReadonlyMap<string, string>[] = [new Map()];
  for (const [id, values] of listed) {
    combinations = combinations.flatMap((chosen) => values.map((v) => new Map([...chosen, [id, v]])));
    if (combinations.length > MAX_ACTION_VARIANTS) return undefined;
  }
  return combinations.map((chosen) => {
    const parts = value.parts.map((part) => (typeof part === 'object' ? (chosen.get(part.id) ?? part) : part));
    return parts.every((part) => typeof part === 'string') ? parts.join('') : new SymbolicValue(parts);
  });
}

/**
 * An `Allow` whose `Action` or `NotAction` (`Resource` or `NotResource`) takes elements from an
 * input that lists the values it may take (a parameter's `AllowedValues`, a mapping or a list
 * chosen by a parameter): each is judged. In `Action`, all of them (what the statement may allow
 * at most); in `NotAction`, one statement per value (each allows all but that value; together, the
 * most); so for resources. A `Deny` is left as written: which action it denies is not known, so it
 * is not counted on (the engine reads the policy without that element and reports it as
 * unverifiable), nor is a choice with more alternatives than `MAX_ACTION_VARIANTS`.
 */
function withListedChoices(result: Extract<DocumentResult, { ok: true }>): Extract<DocumentResult, { ok: true }> {
  const document = result.document;
  if (!isRecord(document)) return result;
  const written = document['Statement'];
  const list: unknown[] = Array.isArray(written) ? written : [written];
  const kept = holesOf(list.filter((statement) => !isRecord(statement) || statement['Effect'] !== 'Allow'));
  let changed = false;
  const statements: unknown[] = [];
  const pointers: (string | undefined)[] = [];
  const choices: (DeployChoice | undefined)[] = [];
  list.forEach((statement, i) => {
    const pointer = result.statementPointers
      ? result.statementPointers[i]
      : Array.isArray(written)
        ? `/Statement/${String(i)}`
        : '/Statement';
    const choice = result.statementChoices?.[i];
    const variants =
      isRecord(statement) && statement['Effect'] === 'Allow' ? choiceVariants(statement, kept) : undefined;
    if (variants === undefined) {
      statements.push(statement);
      pointers.push(pointer);
      choices.push(choice);
      return;
    }
    changed = true;
    variants.forEach((variant, n) => {
      // The variants never deploy together: one `Sid` among them.
      statements.push(n === 0 ? variant : Object.fromEntries(Object.entries(variant).filter(([key]) => key !== 'Sid')));
      pointers.push(pointer);
      choices.push(choice);
    });
  });
  if (!changed) return result;
  return {
    ...result,
    document: { ...document, Statement: statements },
    statementPointers: pointers,
    ...(result.statementChoices === undefined ? {} : { statementChoices: choices }),
  };
}

/** The statements an `Allow` with actions or resources chosen at deploy from listed values stands for, or undefined. */
function choiceVariants(
  statement: Record<string, unknown>,
  kept: ReadonlySet<string>,
): Record<string, unknown>[] | undefined {
  let variants: Record<string, unknown>[] = [statement];
  let changed = false;
  for (const [positive, negative] of [
    ['Action', 'NotAction'],
    ['Resource', 'NotResource'],
  ] as const) {
    const made = variants.map((variant) => elementVariants(variant, positive, negative, kept));
    if (made.every((m) => m === undefined)) continue;
    const next = made.flatMap((m, i) => m ?? [variants[i] as Record<string, unknown>]);
    // Too many: this element is left as written (the rules say they cannot decide on it).
    if (next.length > MAX_ACTION_VARIANTS) continue;
    variants = next;
    changed = true;
  }
  const made = variants.map(principalVariants);
  if (!made.every((m) => m === undefined)) {
    const next = made.flatMap((m, i) => m ?? [variants[i] as Record<string, unknown>]);
    if (next.length <= MAX_ACTION_VARIANTS) {
      variants = next;
      changed = true;
    }
  }
  return changed ? variants : undefined;
}

/** The ids of the holes anywhere in `values` (statements, their elements, their conditions). */
function holesOf(values: readonly unknown[]): ReadonlySet<string> {
  const ids = new Set<string>();
  const visit = (value: unknown): void => {
    if (value instanceof SymbolicValue) for (const hole of value.holes()) ids.add(hole.id);
    else if (Array.isArray(value)) value.forEach(visit);
    else if (isRecord(value)) Object.values(value).forEach(visit);
  };
  values.forEach(visit);
  return ids;
}

/**
 * The values a principal known only at deploy may take, when its input lists them, unless it is an
 * input (a parameter) listing only account ids: the rules judge those themselves, naming the input.
 */
export function principalChoices(value: unknown): readonly string[] | undefined {
  const values = listedChoices(value);
  if (values === undefined || !(value instanceof SymbolicValue)) return undefined;
  const hole = value.parts[0];
  const judgedByRules = typeof hole === 'object' && isInputHole(hole) && values.every((v) => /^\d{12}$/.test(v));
  return judgedByRules ? undefined : values;
}

/**
 * The statements a statement stands for when its `Principal` (or `NotPrincipal`) takes values from
 * a listed choice (`!FindInMap` or `!Select` chosen by a parameter, a parameter's `AllowedValues`):
 * one granting all of them for `Principal`, as a statement may grant at most; one per combination
 * for `NotPrincipal`; undefined when there is none or the combinations are too many.
 */
function principalVariants(statement: Record<string, unknown>): Record<string, unknown>[] | undefined {
  const name = statement['Principal'] !== undefined ? 'Principal' : 'NotPrincipal';
  const principal = statement[name];
  if (!isRecord(principal)) return undefined;
  const entries = Object.entries(principal).map(([type, value]) => ({
    type,
    items: Array.isArray(value) ? (value as unknown[]) : [value],
  }));
  if (!entries.some(({ items }) => items.some((item) => principalChoices(item) !== undefined))) return undefined;
  if (name === 'Principal') {
    const granted = entries.map(({ type, items }) => [
      type,
      [...new Set(items.flatMap((item): readonly unknown[] => principalChoices(item) ?? [item]))],
    ]);
    return [{ ...statement, Principal: Object.fromEntries(granted) }];
  }
  let variants: Record<string, unknown[]>[] = [{}];
  for (const { type, items } of entries)
    for (const item of items) {
      const options: readonly unknown[] = principalChoices(item) ?? [item];
      variants = variants.flatMap((prefix) =>
        options.map((option) => ({ ...prefix, [type]: [...(prefix[type] ?? []), option] })),
      );
      if (variants.length > MAX_ACTION_VARIANTS) return undefined;
    }
  return variants.map((excluded) => ({ ...statement, NotPrincipal: excluded }));
}

/**
 * The statements a statement stands for when its element `positive` (or `negative`) takes values
 * from a listed choice: one with all of them for `positive`, one per combination for `negative`;
 * undefined when no value is such a choice or the combinations are too many.
 */
function elementVariants(
  statement: Record<string, unknown>,
  positive: string,
  negative: string,
  kept: ReadonlySet<string>,
): Record<string, unknown>[] | undefined {
  const name = statement[positive] !== undefined ? positive : negative;
  const value = statement[name];
  const items: unknown[] = Array.isArray(value) ? value : [value];
  if (!items.some((item) => substitutedChoices(item, kept) !== undefined)) return undefined;
  if (name === positive) {
    const values = items.flatMap((item): readonly unknown[] => substitutedChoices(item, kept) ?? [item]);
    return [{ ...statement, [positive]: [...new Set(values)] }];
  }
  let variants: unknown[][] = [[]];
  for (const item of items) {
    const options: readonly unknown[] = substitutedChoices(item, kept) ?? [item];
    variants = variants.flatMap((prefix) => options.map((option) => [...prefix, option]));
    if (variants.length > MAX_ACTION_VARIANTS) return undefined;
  }
  return variants.map((values) => ({ ...statement, [negative]: values }));
}
