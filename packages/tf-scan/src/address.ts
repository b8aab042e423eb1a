/** Terraform addresses: `module.api["x"].module.db[0].aws_iam_role.app["k"]`. */

/** One `module.NAME[KEY]` step of a module instance address. */
export interface ModuleStep {
  readonly name: string;
  readonly key: string | number | undefined;
}

/** Reads an instance key at `text[start] === '['`; returns the key and the index after `]`. */
function readKey(text: string, start: number): { key: string | number; end: number } | undefined {
  if (text[start] !== '[') return undefined;
  if (text[start + 1] === '"') {
    let i = start + 2;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    if (text[i + 1] !== ']') return undefined;
    return { key: JSON.parse(text.slice(start + 1, i + 1)) as string, end: i + 2 };
  }
  const close = text.indexOf(']', start);
  if (close === -1) return undefined;
  const raw = text.slice(start + 1, close);
  return { key: /^\d+$/.test(raw) ? Number(raw) : raw, end: close + 1 };
}

/** The module steps of a module instance address (`''` is the root module). */
export function parseModuleAddress(address: string): ModuleStep[] {
  const steps: ModuleStep[] = [];
  let i = 0;
  while (address.startsWith('module.', i)) {
    i += 'module.'.length;
    let end = i;
    while (end < address.length && address[end] !== '.' && address[end] !== '[') end += 1;
    const name = address.slice(i, end);
    const key = readKey(address, end);
    steps.push({ name, key: key?.key });
    i = key === undefined ? end : key.end;
    if (address[i] === '.') i += 1;
  }
  return steps;
}

/** Renders an instance key as Terraform does: `[0]` or `["name"]`. */
export function keySuffix(key: string | number | undefined): string {
  if (key === undefined) return '';
  return typeof key === 'number' ? `[${key}]` : `[${JSON.stringify(key)}]`;
}

/** Joins a module instance address and a resource address. */
export function joinAddress(moduleAddress: string, local: string): string {
  return moduleAddress === '' ? local : `${moduleAddress}.${local}`;
}

/** The module instance address that contains a resource instance address. */
export function moduleOf(address: string): string {
  const steps = parseModuleAddress(address);
  return steps.map((s) => `module.${s.name}${keySuffix(s.key)}`).join('.');
}

/** The parent module instance address, and the step leading to the given module. */
export function parentModule(moduleAddress: string): { parent: string; step: ModuleStep } | undefined {
  const steps = parseModuleAddress(moduleAddress);
  const step = steps.pop();
  if (step === undefined) return undefined;
  return { parent: steps.map((s) => `module.${s.name}${keySuffix(s.key)}`).join('.'), step };
}

/**
 * A reference as written in configuration (`aws_s3_bucket.logs.arn`, `data.x.y[0].json`,
 * `module.api.role_arn`, `var.name`), split into what it names.
 */
export type Reference =
  | {
      readonly kind: 'resource';
      readonly mode: 'managed' | 'data';
      readonly type: string;
      readonly name: string;
      readonly key: string | number | undefined;
      readonly attribute: string | undefined;
    }
  | {
      readonly kind: 'module';
      readonly name: string;
      readonly key: string | number | undefined;
      readonly output: string | undefined;
    }
  | { readonly kind: 'var'; readonly name: string }
  | { readonly kind: 'other'; readonly text: string };

const parsedReferences = new Map<string, Reference>();

/** Parses a configuration reference (memoized: the same few references recur on every instance). */
export function parseReference(text: string): Reference {
  let parsed = parsedReferences.get(text);
  if (parsed === undefined) {
    parsed = parseReferenceText(text);
    if (parsedReferences.size < 100_000) parsedReferences.set(text, parsed);
  }
  return parsed;
}

function parseReferenceText(text: string): Reference {
  const parts = /^(data\.)?([a-zA-Z_][\w-]*)\.([a-zA-Z_][\w-]*)(\[[^\]]*\])?(?:\.([\w-]+))?/.exec(text);
  if (parts === null) return { kind: 'other', text };
  const [, data, first, second, rawKey, attribute] = parts;
  const key = rawKey === undefined ? undefined : readKey(rawKey, 0)?.key;
  if (data === undefined && first === 'var') return { kind: 'var', name: second ?? '' };
  if (data === undefined && first === 'module') return { kind: 'module', name: second ?? '', key, output: attribute };
  if (data === undefined && ['local', 'each', 'count', 'path', 'terraform', 'self'].includes(first ?? ''))
    return { kind: 'other', text };
  return {
    kind: 'resource',
    mode: data === undefined ? 'managed' : 'data',
    type: first ?? '',
    name: second ?? '',
    key,
    attribute,
  };
}
