/**
 * Meaning-preserving rewrites of IAM policy documents and the comparison of the findings before
 * and after each, shared by the opt-in `scripts/metamorphic.mjs` (on the built core) and the jest
 * test `packages/core/test/properties/metamorphic.test.ts` (on the sources).
 *
 * Every rewrite returns a new document that AWS evaluates exactly as the original, or `undefined`
 * when it does not apply (nothing to rewrite). A rewrite never throws: parts of a document that
 * are not well formed are left as they are.
 *
 * Left out on purpose: `"Resource": "*"` <-> `"arn:*:*:*:*:*"`. AWS does not allow a wildcard in
 * the service segment of a resource ARN, and actions without resource types only accept `"*"`: the
 * two are not the same document. `"Principal": "*"` <-> `{"AWS": "*"}`: some services read them
 * differently (the AWS CDK keeps both for that reason).
 */
'use strict';

const ELEMENT_LISTS = ['Action', 'NotAction', 'Resource', 'NotResource'];
const ACTION_ELEMENTS = ['Action', 'NotAction'];
const SID = /^[A-Za-z0-9]+$/;

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const clone = (v) => (v === undefined ? undefined : JSON.parse(JSON.stringify(v)));

/** The statements of a document as a list (a single statement object becomes a list of one). */
function statementsOf(doc) {
  if (!isObject(doc)) return undefined;
  const raw = doc.Statement;
  if (Array.isArray(raw)) return raw;
  if (isObject(raw)) return [raw];
  return undefined;
}

/** A copy of the document with `edit` applied to each statement object (which it may change in place). */
function eachStatement(doc, edit) {
  const copy = clone(doc);
  const statements = statementsOf(copy);
  if (statements === undefined) return undefined;
  statements.forEach((s, i) => {
    if (isObject(s)) edit(s, i);
  });
  return copy;
}

/** Applies `map` to every value of an element that may be a string or a list of strings. */
function mapValues(value, map) {
  if (typeof value === 'string') return map(value);
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'string' ? map(v) : v));
  return value;
}

/** Calls `visit(block)` on each `{ key: value(s) }` block of a statement's Condition. */
function eachConditionBlock(statement, visit) {
  if (!isObject(statement.Condition)) return;
  for (const operator of Object.keys(statement.Condition)) {
    const block = statement.Condition[operator];
    if (isObject(block)) statement.Condition[operator] = visit(block) ?? block;
  }
}

/** Calls `visit(values)` on each principal value list (`{"AWS": ...}`), replacing it by the result. */
function eachPrincipalValue(statement, visit) {
  for (const element of ['Principal', 'NotPrincipal']) {
    const principal = statement[element];
    if (!isObject(principal)) continue;
    for (const type of Object.keys(principal)) principal[type] = visit(principal[type]);
  }
}

const reverseList = (v) => (Array.isArray(v) ? [...v].reverse() : v);
const toList = (v) => (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? [v] : v);
const toScalar = (v) => (Array.isArray(v) && v.length === 1 && !Array.isArray(v[0]) && !isObject(v[0]) ? v[0] : v);

/** Applies `change` to the value lists of a statement: elements, principal values, condition values. */
function everyValueList(change) {
  return (doc) =>
    eachStatement(doc, (s) => {
      for (const element of ELEMENT_LISTS) if (element in s) s[element] = change(s[element]);
      eachPrincipalValue(s, change);
      eachConditionBlock(s, (block) => {
        for (const key of Object.keys(block)) block[key] = change(block[key]);
      });
    });
}

/** `s3:GetObject` with its service prefix and its name changed by `prefix` and `name`. */
function recaseAction(prefix, name) {
  return (action) => {
    const colon = action.indexOf(':');
    return colon < 0 ? action : prefix(action.slice(0, colon)) + ':' + name(action.slice(colon + 1));
  };
}

/** A condition key with the part before any `/` (the key's own name, not a tag key) changed by `change`. */
function recaseConditionKey(change) {
  return (doc) =>
    eachStatement(doc, (s) =>
      eachConditionBlock(s, (block) => {
        const out = {};
        for (const key of Object.keys(block)) {
          const slash = key.indexOf('/');
          const renamed = slash < 0 ? change(key) : change(key.slice(0, slash)) + key.slice(slash);
          // Two spellings of one key in one block: the rewrite would merge them, not respell them.
          if (renamed in out) return block;
          out[renamed] = block[key];
        }
        return out;
      }),
    );
}

/**
 * Renames condition operators: `rename(base, values)` gives the new base operator of a block (its
 * `ForAnyValue:`/`ForAllValues:` prefix and `IfExists` suffix kept) or undefined to keep it.
 */
function renameOperators(rename) {
  return (doc) =>
    eachStatement(doc, (s) => {
      if (!isObject(s.Condition)) return;
      const out = {};
      for (const [operator, block] of Object.entries(s.Condition)) {
        const match = /^((?:For(?:Any|All)Values?:)?)(.*?)((?:IfExists)?)$/.exec(operator);
        const values = isObject(block) ? Object.values(block).flat() : [];
        const renamed = match && isObject(block) ? rename(match[2], values) : undefined;
        const name = renamed === undefined ? operator : match[1] + renamed + match[3];
        // Two blocks that would share a name: the rewrite would merge them, not rename them.
        if (name in out || (name !== operator && name in s.Condition)) return;
        out[name] = block;
      }
      s.Condition = out;
    });
}

/** Sids that the rewrites may rename or remove: ASCII letters and digits, used once. */
function plainSids(statements) {
  const counts = new Map();
  for (const s of statements)
    if (isObject(s) && typeof s.Sid === 'string') counts.set(s.Sid, (counts.get(s.Sid) ?? 0) + 1);
  return new Set([...counts].filter(([sid, n]) => n === 1 && SID.test(sid)).map(([sid]) => sid));
}

/** A Sid for the `n`-th piece of a statement: unique beside every Sid of the document. */
function pieceSid(sid, n, taken) {
  if (typeof sid !== 'string' || !SID.test(sid)) return undefined;
  let candidate = `${sid}Part${n}`;
  while (taken.has(candidate)) candidate += 'X';
  taken.add(candidate);
  return candidate;
}

/** Splits each statement whose `element` lists N > 1 values into N statements of one value each. */
function splitBy(element) {
  return (doc) => {
    const copy = clone(doc);
    const statements = statementsOf(copy);
    if (statements === undefined) return undefined;
    const taken = new Set(statements.filter(isObject).map((s) => s.Sid));
    const out = [];
    for (const s of statements) {
      const values = isObject(s) ? s[element] : undefined;
      if (!Array.isArray(values) || values.length < 2) {
        out.push(s);
        continue;
      }
      values.forEach((value, n) => {
        const piece = { ...s, [element]: value };
        if (n > 0) {
          const sid = pieceSid(s.Sid, n, taken);
          if (sid === undefined) delete piece.Sid;
          else piece.Sid = sid;
        }
        out.push(piece);
      });
    }
    copy.Statement = out;
    return copy;
  };
}

/** Replaces each statement by the statements `pieces(statement)` gives (undefined: kept whole). */
function splitStatements(pieces) {
  return (doc) => {
    const copy = clone(doc);
    const statements = statementsOf(copy);
    if (statements === undefined) return undefined;
    const taken = new Set(statements.filter(isObject).map((s) => s.Sid));
    const out = [];
    for (const s of statements) {
      const parts = isObject(s) ? pieces(s) : undefined;
      if (parts === undefined || parts.length < 2) {
        out.push(s);
        continue;
      }
      parts.forEach((piece, n) => {
        if (n > 0) {
          const sid = pieceSid(s.Sid, n, taken);
          if (sid === undefined) delete piece.Sid;
          else piece.Sid = sid;
        }
        out.push(piece);
      });
    }
    copy.Statement = out;
    return copy;
  };
}

// Operators under which a list of values is a union: `k` in `[a, b]` is `k = a` or `k = b`.
const UNION_OPERATORS =
  /^(?:String(?:Equals|Like|EqualsIgnoreCase)|Arn(?:Equals|Like)|IpAddress|NumericEquals|DateEquals)(?:IfExists)?$/;

/**
 * `Action`/`NotAction` wildcards (not `*` alone) replaced by the actions of the catalog they match.
 * A pattern that matches nothing, or more than `limit` actions, is kept.
 */
function expandWildcards(expand, limit = 500) {
  return (doc) =>
    eachStatement(doc, (s) => {
      for (const element of ACTION_ELEMENTS) {
        const value = s[element];
        const list = typeof value === 'string' ? [value] : Array.isArray(value) ? value : undefined;
        if (list === undefined || !list.some(isActionWildcard)) continue;
        const seen = new Set(
          list.filter((a) => typeof a === 'string' && !isActionWildcard(a)).map((a) => a.toLowerCase()),
        );
        const out = [];
        for (const action of list) {
          if (!isActionWildcard(action)) {
            out.push(action);
            continue;
          }
          const names = expand(action);
          if (names.length === 0 || names.length > limit) {
            out.push(action);
            continue;
          }
          for (const name of names) {
            if (seen.has(name.toLowerCase())) continue;
            seen.add(name.toLowerCase());
            out.push(name);
          }
        }
        s[element] = out;
      }
    });
}
// A wildcard in the action name only: one in the service prefix (`s*:GetObject`) makes a policy IAM
// refuses, and its expansion a valid one, which is no rewrite of the same meaning.
const isActionWildcard = (a) => typeof a === 'string' && /^[^:*?]+:.*[*?]/.test(a);

const ACCOUNT = /^\d{12}$/;
const ROOT = /^arn:aws:iam::(\d{12}):root$/;

/**
 * The rewrites, by name. `tools.expandActionPattern` (the catalog's) is needed by
 * `expand-action-wildcard` only.
 */
function makeRewrites(tools = {}) {
  /** @type {Record<string, (doc: unknown) => unknown>} */
  const rewrites = {
    'reverse-statements': (doc) => {
      const copy = clone(doc);
      if (!isObject(copy) || !Array.isArray(copy.Statement)) return undefined;
      copy.Statement.reverse();
      return copy;
    },
    'reverse-values': everyValueList(reverseList),
    // The members of statements, principals and conditions in the opposite order (JSON objects are unordered).
    'reverse-keys': (doc) =>
      eachStatement(doc, (s) => {
        const reorder = (o) => Object.fromEntries(Object.entries(o).reverse());
        for (const element of ['Principal', 'NotPrincipal']) if (isObject(s[element])) s[element] = reorder(s[element]);
        if (isObject(s.Condition)) {
          eachConditionBlock(s, reorder);
          s.Condition = reorder(s.Condition);
        }
        const members = Object.entries(s).reverse();
        for (const key of Object.keys(s)) delete s[key];
        for (const [key, value] of members) s[key] = value;
      }),
    'scalar-to-array': (doc) => {
      const copy = everyValueList(toList)(doc);
      if (copy !== undefined && isObject(copy.Statement)) copy.Statement = [copy.Statement];
      return copy;
    },
    'array-to-scalar': (doc) => {
      const copy = everyValueList(toScalar)(doc);
      if (
        copy !== undefined &&
        Array.isArray(copy.Statement) &&
        copy.Statement.length === 1 &&
        isObject(copy.Statement[0])
      )
        copy.Statement = copy.Statement[0];
      return copy;
    },
    'action-lower-case': (doc) =>
      eachStatement(doc, (s) => {
        for (const element of ACTION_ELEMENTS)
          if (element in s) s[element] = mapValues(s[element], (a) => a.toLowerCase());
      }),
    'action-upper-prefix': (doc) =>
      eachStatement(doc, (s) => {
        const change = recaseAction(
          (p) => p.toUpperCase(),
          (n) => n,
        );
        for (const element of ACTION_ELEMENTS) if (element in s) s[element] = mapValues(s[element], change);
      }),
    'action-upper-case': (doc) =>
      eachStatement(doc, (s) => {
        for (const element of ACTION_ELEMENTS)
          if (element in s) s[element] = mapValues(s[element], (a) => a.toUpperCase());
      }),
    'condition-key-lower-case': recaseConditionKey((k) => k.toLowerCase()),
    'condition-key-upper-case': recaseConditionKey((k) => k.toUpperCase()),
    'sid-rename': (doc) => {
      const plain = plainSids(statementsOf(doc) ?? []);
      return eachStatement(doc, (s, i) => {
        if (plain.has(s.Sid)) s.Sid = `Renamed${i}${s.Sid}`;
      });
    },
    'sid-remove': (doc) => {
      const plain = plainSids(statementsOf(doc) ?? []);
      return eachStatement(doc, (s) => {
        if (plain.has(s.Sid)) delete s.Sid;
      });
    },
    'sid-add': (doc) => {
      const taken = new Set((statementsOf(doc) ?? []).filter(isObject).map((s) => s.Sid));
      return eachStatement(doc, (s, i) => {
        if (s.Sid !== undefined) return;
        let sid = `Added${i}`;
        while (taken.has(sid)) sid += 'X';
        taken.add(sid);
        s.Sid = sid;
      });
    },
    'split-actions': splitBy('Action'),
    'split-resources': splitBy('Resource'),
    'duplicate-statement': (doc) => {
      const copy = clone(doc);
      const statements = statementsOf(copy);
      if (statements === undefined) return undefined;
      const taken = new Set(statements.filter(isObject).map((s) => s.Sid));
      const out = [];
      for (const s of statements) {
        out.push(s);
        if (!isObject(s)) continue;
        const twin = clone(s);
        const sid = pieceSid(s.Sid, 1, taken);
        if (sid === undefined) delete twin.Sid;
        else twin.Sid = sid;
        out.push(twin);
      }
      copy.Statement = out;
      return copy;
    },
    // AWS reads `true` and `"true"`, `2` and `"2"` alike in a condition.
    'condition-values-as-strings': (doc) =>
      eachStatement(doc, (s) =>
        eachConditionBlock(s, (block) => {
          const asString = (v) => (typeof v === 'number' || typeof v === 'boolean' ? String(v) : v);
          for (const key of Object.keys(block))
            block[key] = Array.isArray(block[key]) ? block[key].map(asString) : asString(block[key]);
          return block;
        }),
      ),
    'condition-values-as-json-types': (doc) =>
      eachStatement(doc, (s) => {
        if (!isObject(s.Condition)) return;
        for (const operator of Object.keys(s.Condition)) {
          const block = s.Condition[operator];
          if (!isObject(block)) continue;
          const base = operator.replace(/^For(?:Any|All)Value:/i, '').replace(/IfExists$/, '');
          const typed = /^(?:Bool|Null)$/.test(base)
            ? (v) => (v === 'true' ? true : v === 'false' ? false : v)
            : /^Numeric/.test(base)
              ? (v) => (typeof v === 'string' && /^-?(?:0|[1-9]\d{0,14})$/.test(v) ? Number(v) : v)
              : undefined;
          if (typed === undefined) continue;
          for (const key of Object.keys(block))
            block[key] = Array.isArray(block[key]) ? block[key].map(typed) : typed(block[key]);
        }
      }),
    // ArnEquals and ArnLike behave the same (both take wildcards); StringEquals and StringLike
    // agree on values without `*` or `?`.
    'arn-equals-like-swapped': renameOperators((base) =>
      base === 'ArnLike' ? 'ArnEquals' : base === 'ArnEquals' ? 'ArnLike' : undefined,
    ),
    'string-equals-as-like': renameOperators((base, values) =>
      base === 'StringEquals' && values.every((v) => typeof v === 'string' && !/[*?$]/.test(v))
        ? 'StringLike'
        : undefined,
    ),
    'string-like-as-equals': renameOperators((base, values) =>
      base === 'StringLike' && values.every((v) => typeof v === 'string' && !/[*?$]/.test(v))
        ? 'StringEquals'
        : undefined,
    ),
    // The inverse of split-actions: consecutive statements that differ only by their Action made one.
    'merge-actions': (doc) => {
      const copy = clone(doc);
      const statements = statementsOf(copy);
      if (statements === undefined) return undefined;
      const plain = plainSids(statements);
      const out = [];
      for (const s of statements) {
        const last = out[out.length - 1];
        // A Sid used twice or not plain is a finding of its own: such statements are left apart.
        if (isObject(s) && s.Sid !== undefined && !plain.has(s.Sid)) {
          out.push({ ...s });
          continue;
        }
        const rest = (x) => JSON.stringify(Object.entries(x).filter(([k]) => k !== 'Action' && k !== 'Sid'));
        if (isObject(s) && isObject(last) && 'Action' in s && 'Action' in last && rest(s) === rest(last)) {
          last.Action = [...[last.Action].flat(), ...[s.Action].flat()];
          continue;
        }
        out.push(isObject(s) ? { ...s } : s);
      }
      copy.Statement = out;
      return copy;
    },
    // One statement per principal value (of `Principal`, not `NotPrincipal`, which excludes).
    'split-principals': splitStatements((s) => {
      if (!isObject(s.Principal)) return undefined;
      return Object.entries(s.Principal).flatMap(([type, values]) =>
        (Array.isArray(values) ? values : [values]).map((value) => ({ ...clone(s), Principal: { [type]: value } })),
      );
    }),
    // One statement per value of the first condition key whose values form a union.
    'split-condition-values': splitStatements((s) => {
      if (!isObject(s.Condition)) return undefined;
      for (const [operator, block] of Object.entries(s.Condition)) {
        if (!UNION_OPERATORS.test(operator) || !isObject(block)) continue;
        for (const [key, values] of Object.entries(block)) {
          if (!Array.isArray(values) || values.length < 2) continue;
          return values.map((value) => {
            const piece = clone(s);
            piece.Condition[operator][key] = value;
            return piece;
          });
        }
      }
      return undefined;
    }),
    'principal-account-to-root': (doc) =>
      eachStatement(doc, (s) =>
        eachPrincipalValue(s, (v) => mapValues(v, (p) => (ACCOUNT.test(p) ? `arn:aws:iam::${p}:root` : p))),
      ),
    'principal-root-to-account': (doc) =>
      eachStatement(doc, (s) => eachPrincipalValue(s, (v) => mapValues(v, (p) => p.replace(ROOT, '$1')))),
  };
  if (tools.expandActionPattern !== undefined)
    rewrites['expand-action-wildcard'] = expandWildcards(tools.expandActionPattern);
  return rewrites;
}

/**
 * Rewrites after which findings are compared as sets of rule ids (with severity) rather than
 * multisets: the rewritten document holds more (or fewer) statements, and a rule that reports
 * each statement reports each piece.
 */
const COMPARE_AS_SETS = new Set([
  'split-principals',
  'split-condition-values',
  'split-actions',
  'split-resources',
  'merge-actions',
  'duplicate-statement',
  'expand-action-wildcard',
]);

/**
 * (rewrite, rule id) pairs whose findings may change with the form and still be right. Each has
 * its reason; anything else that changes is a disagreement.
 */
const ALLOWED_CHANGES = [
  // The quota is on the characters of the document: a rewrite that writes more (or fewer) may
  // cross it. Only reordering and changing case keep the length.
  ...[
    'scalar-to-array',
    'array-to-scalar',
    'sid-add',
    'sid-rename',
    'sid-remove',
    'split-actions',
    'split-resources',
    'split-principals',
    'split-condition-values',
    'merge-actions',
    'duplicate-statement',
    'principal-account-to-root',
    'principal-root-to-account',
    'condition-values-as-strings',
    'condition-values-as-json-types',
    'arn-equals-like-swapped',
    'string-equals-as-like',
    'string-like-as-equals',
    'expand-action-wildcard',
  ].map((rewrite) => ({ rewrite, rule: 'policy-validity/policy-size', reason: 'the length of the document changes' })),
  {
    rewrite: 'duplicate-statement',
    rule: 'policy-validity/redundant-statement',
    reason: 'a copy of a statement is a redundant statement: the point of the rule',
  },
  {
    rewrite: 'expand-action-wildcard',
    rule: 'wildcard-action/*',
    reason:
      'the point of the category is the wildcard itself (`s3:*` may grow with the service); spelt out, the list is what the author chose',
  },
  // These rules report a part of one statement that can have no effect (an action none of whose
  // resource types the statement's Resource names, a key none of the statement's actions
  // supports). A pattern may cover such actions, and a statement may mix actions with and without
  // a key, without anything dead; the pieces a rewrite makes are such dead parts, written out.
  {
    rewrite: 'split-resources',
    rule: 'policy-validity/resource-mismatch',
    reason:
      '`[s3:ListBucket, s3:GetObject]` on `[bucket, bucket/*]` split by resource: `s3:GetObject` on `bucket` grants nothing',
  },
  {
    rewrite: 'split-resources',
    rule: 'policy-validity/star-only-action',
    reason: '`s3:ListAllMyBuckets` on `[bucket, *]` split by resource: the piece on `bucket` grants nothing',
  },
  // A value another value of its statement covers (`s3:GetObject` beside `s3:Get*`) is, once the
  // statement is split, a statement another covers: the redundancy moves from one rule to the
  // other (and, under a condition, which redundant-statement does not compare, from one to none);
  // merging statements moves it back. Pieces of two different statements may also cover each
  // other when the whole ones did not.
  ...['split-actions', 'split-resources', 'merge-actions'].flatMap((rewrite) =>
    ['policy-validity/redundant-value', 'policy-validity/redundant-statement'].map((rule) => ({
      rewrite,
      rule,
      reason: 'the redundancy of a value becomes that of a statement',
    })),
  ),
  {
    rewrite: 'split-actions',
    rule: 'policy-validity/unknown-condition-key',
    reason:
      'a key some of the actions support (`dynamodb:ReturnValues`): the piece of an action without it can never match',
  },
  {
    rewrite: 'merge-actions',
    rule: 'policy-validity/unknown-condition-key',
    reason:
      'a statement of actions without the key merged into one of actions with it: a key none of the actions supports (a warning) becomes named actions that lack it (an info)',
  },
  {
    rewrite: 'expand-action-wildcard',
    rule: 'policy-validity/resource-mismatch',
    reason: '`s3:*` on a bucket ARN spelt out lists object actions, which the bucket ARN grants nothing of',
  },
  {
    rewrite: 'expand-action-wildcard',
    rule: 'policy-validity/unknown-condition-key',
    reason:
      '`s3:*` under `s3:TlsVersion` spelt out names the few S3 actions whose requests lack the key: named one by one, they are reported as never matched',
  },
  {
    rewrite: 'expand-action-wildcard',
    rule: 'policy-validity/star-only-action',
    reason: '`s3:*` on a bucket ARN spelt out lists `s3:ListAllMyBuckets`, which only `*` grants',
  },
  {
    rewrite: 'expand-action-wildcard',
    rule: 'policy-validity/redundant-value',
    reason: '`s3:GetObject` beside `s3:Get*` is redundant; once the pattern is spelt out (without repeats) it is not',
  },
];

/** Whether a change of `rule` after `rewrite` is allowed. */
function allowedChange(rewrite, rule) {
  return ALLOWED_CHANGES.some(
    (a) =>
      a.rewrite === rewrite && (a.rule === rule || (a.rule.endsWith('/*') && rule.startsWith(a.rule.slice(0, -1)))),
  );
}

/** `ruleId severity` of each finding, sorted. */
function findingKeys(findings) {
  return findings.map((f) => `${f.ruleId} ${f.severity}`).sort();
}

/**
 * The difference between the findings of an original and of its rewrite, allowed changes left
 * out: `{ lost, gained }` (keys present on one side only, or more often, for multiset comparison).
 */
function compareFindings(rewrite, before, after) {
  const keep = (keys) => keys.filter((k) => !allowedChange(rewrite, k.split(' ')[0]));
  let b = keep(findingKeys(before));
  let a = keep(findingKeys(after));
  if (COMPARE_AS_SETS.has(rewrite)) {
    b = [...new Set(b)];
    a = [...new Set(a)];
  }
  const count = (keys) => keys.reduce((m, k) => m.set(k, (m.get(k) ?? 0) + 1), new Map());
  const cb = count(b);
  const ca = count(a);
  const lost = [];
  const gained = [];
  for (const [k, n] of cb) for (let i = ca.get(k) ?? 0; i < n; i++) lost.push(k);
  for (const [k, n] of ca) for (let i = cb.get(k) ?? 0; i < n; i++) gained.push(k);
  return { lost, gained };
}

module.exports = { makeRewrites, compareFindings, findingKeys, allowedChange, ALLOWED_CHANGES, COMPARE_AS_SETS };
