/**
 * Informed-consent text: template validation, rendering and the content hash. Pure code.
 * Templates are Handlebars with a fixed vocabulary; anything else is refused when saved.
 */
import { createHash } from 'crypto';
import Handlebars from 'handlebars';
import { canonicalJson } from '../../core/canonical-json';
import { DomainValidationError } from '../../core/errors';

export { canonicalJson };

const hbs = Handlebars.create();

/** What a consent template may refer to. */
export const CONSENT_VARIABLES: Record<string, string[] | null> = {
  client: ['fullName', 'preferredName', 'dateOfBirth'],
  treatment: ['name', 'summary', 'expectedEffect', 'recoveryPeriod', 'risksAndSideEffects', 'procedureSummary'],
  price: ['lines', 'total', 'totalFormatted', 'currency', 'priceDate', 'packageCode'],
  clinic: ['name'],
  risks: null, // a list
  alternatives: null,
  signedDate: null,
};
const ITEM_FIELDS: Record<string, string[]> = {
  'price.lines': ['label', 'quantity', 'amount', 'unitAmount', 'formatted', 'code', 'kind', 'unit', 'sessions'],
  risks: ['this'],
};
const HELPERS = new Set(['each', 'if', 'unless']);
// Own keys only: `constructor`, `__proto__` … must never pass as "known".
const has = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

type Scope = { item: string | null };

/** The parts of a Handlebars syntax-tree node this check reads. */
interface HbsNode {
  type: string;
  original?: unknown;
  parts?: string[];
  escaped?: boolean;
  params?: HbsNode[];
  path?: HbsNode;
  program?: { body?: HbsNode[] };
  inverse?: { body?: HbsNode[] };
}

const pathOf = (node: HbsNode | undefined): string => String(node?.original ?? node?.parts?.join('.') ?? '');

const checkPath = (raw: string, scope: Scope, where: string) => {
  if (raw === 'this' || raw === '.' || raw.startsWith('@')) return;
  let path = raw;
  if (path.startsWith('../')) {
    path = path.slice(3);
    scope = { item: null };
  }
  if (path.startsWith('this.')) path = path.slice(5);
  if (scope.item) {
    const allowed = has(ITEM_FIELDS, scope.item) ? ITEM_FIELDS[scope.item] : [];
    if (allowed.includes(path.split('.')[0])) return;
    throw new DomainValidationError(where, `unknown variable "${raw}" inside {{#each ${scope.item}}} (allowed: ${allowed.join(', ')})`);
  }
  const [root, field, ...rest] = path.split('.');
  if (!has(CONSENT_VARIABLES, root)) throw new DomainValidationError(where, `unknown variable "${raw}" (allowed: ${Object.keys(CONSENT_VARIABLES).join(', ')})`);
  const fields = CONSENT_VARIABLES[root];
  if (fields === null) {
    if (field) throw new DomainValidationError(where, `unknown variable "${raw}"`);
    return;
  }
  if (!field || !fields.includes(field) || rest.length) throw new DomainValidationError(where, `unknown variable "${raw}" (${root}.${fields.join(` / ${root}.`)})`);
};

const walk = (nodes: HbsNode[] | undefined, scope: Scope, where: string) => {
  for (const node of nodes ?? []) {
    switch (node.type) {
      case 'MustacheStatement':
        if (node.escaped === false) throw new DomainValidationError(where, 'raw output {{{ }}} is not allowed in consent templates');
        if (node.params?.length) throw new DomainValidationError(where, `helper "${pathOf(node.path)}" is not allowed`);
        checkPath(pathOf(node.path), scope, where);
        break;
      case 'BlockStatement': {
        const helper = pathOf(node.path);
        if (!HELPERS.has(helper)) throw new DomainValidationError(where, `block helper "${helper}" is not allowed (each, if, unless)`);
        const target = pathOf(node.params?.[0]);
        if (!target) throw new DomainValidationError(where, `{{#${helper}}} needs a variable`);
        checkPath(target, scope, where);
        const inner: Scope = helper === 'each' ? { item: target.replace(/^\.\.\//, '') } : scope;
        if (helper === 'each' && !has(ITEM_FIELDS, inner.item as string)) throw new DomainValidationError(where, `{{#each ${target}}} is not a list (price.lines or risks)`);
        walk(node.program?.body ?? [], inner, where);
        walk(node.inverse?.body ?? [], scope, where);
        break;
      }
      case 'PartialStatement':
      case 'PartialBlockStatement':
      case 'DecoratorBlock':
      case 'Decorator':
        throw new DomainValidationError(where, 'partials and decorators are not allowed');
      default:
        break;
    }
  }
};

/** Throws a DomainValidationError naming `field` when the template would not render safely. */
export const validateConsentTemplate = (source: unknown, field = 'body') => {
  if (typeof source !== 'string' || source.trim() === '') throw new DomainValidationError(field, `${field} is required`);
  let ast: { body: HbsNode[] };
  try {
    ast = hbs.parse(source);
  } catch (e) {
    throw new DomainValidationError(field, `${field} does not compile: ${(e as Error).message.split('\n')[0]}`);
  }
  walk(ast.body, { item: null }, field);
};

/** Plain-text rendering; unknown or missing variables are errors (strict), prototype access stays off. */
export const renderConsent = (source: string, context: Record<string, unknown>): string => {
  validateConsentTemplate(source);
  const template = hbs.compile(source, { noEscape: true, strict: false, knownHelpersOnly: true, knownHelpers: { each: true, if: true, unless: true } });
  return template(context, { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false });
};

export interface ConsentContent {
  client: string | null; // documentId (null only for a record missing its relation)
  treatment: string | null; // documentId
  templateKey: string;
  templateVersion: number;
  language: string;
  renderedText: string;
  priceSnapshot: unknown;
  signerName: string;
  witness: string | null; // documentId
  signedAt: string; // ISO
  contraindicationOverride: unknown;
  /** SHA-256 of the drawn signature (PNG data URL), when the client signed on a tablet. */
  signatureSha256?: string;
}

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
export const SIGNATURE_PREFIX = 'data:image/png;base64,';
// base64 adds a third: 150 kB of PNG stays well inside the 256 kB JSON body limit (config/middlewares.ts)
export const SIGNATURE_MAX_BYTES = 150_000;

/** Checks a drawn signature: a PNG image as a data URL, at most 150 kB, at least 200×60 pixels. */
export const assertSignatureImage = (value: unknown): string => {
  const fail = (why: string) => {
    throw new DomainValidationError('signatureImage', `signatureImage must be the drawn signature as a PNG data URL (${why})`);
  };
  if (typeof value !== 'string' || !value.startsWith(SIGNATURE_PREFIX)) return fail('data:image/png;base64,…');
  const b64 = value.slice(SIGNATURE_PREFIX.length);
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(b64)) return fail('not base64');
  const bytes = Buffer.from(b64, 'base64');
  if (bytes.length > SIGNATURE_MAX_BYTES) return fail(`larger than ${SIGNATURE_MAX_BYTES} bytes`);
  if (bytes.length < 33 || !bytes.subarray(0, 8).equals(PNG_MAGIC) || bytes.subarray(12, 16).toString('latin1') !== 'IHDR') return fail('not a PNG image');
  const width = bytes.readUInt32BE(16);
  const height = bytes.readUInt32BE(20);
  if (width < 200 || height < 60) return fail('the signing area must be at least 200×60 pixels');
  return value;
};

export const signatureSha256 = (image: string) => createHash('sha256').update(image).digest('hex');

export const consentHash = (c: ConsentContent): string => createHash('sha256').update(canonicalJson(c)).digest('hex');
