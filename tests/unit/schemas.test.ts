/**
 * Every route schema of the plugin (the zod schemas exported by its *.schema.ts files) answers an
 * absent field with its own rule, never zod's bare "expected nonoptional": in zod 4 a key whose
 * schema is z.unknown(), z.custom() or ends in .transform() is required unless marked .optional(),
 * and an optional-looking query parameter left out would otherwise be a 400 the user cannot read.
 */
import fs from 'fs';
import path from 'path';
import { z } from 'zod';

const SERVER = path.join(__dirname, '..', '..', 'packages', 'strapi-plugin-clinic-crm', 'server', 'src');
const schemaFiles = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? schemaFiles(p) : e.name.endsWith('.schema.ts') ? [p] : [];
  });

/** Exported schemas, and schemas built per language by an exported one-argument factory. */
const schemasOf = (mod: Record<string, unknown>): Array<[string, z.ZodType]> =>
  Object.entries(mod).flatMap(([name, value]): Array<[string, z.ZodType]> => {
    if (value instanceof z.ZodType) return [[name, value]];
    if (typeof value === 'function' && value.length === 1 && /schema|query|body/i.test(name)) {
      try {
        const built = (value as (l: string) => unknown)('en');
        return built instanceof z.ZodType ? [[`${name}('en')`, built]] : [];
      } catch {
        return [];
      }
    }
    return [];
  });

const files = schemaFiles(SERVER);

describe('route schemas', () => {
  it('are found (the check is not blind)', () => {
    expect(files.length).toBeGreaterThanOrEqual(10);
    expect(files.flatMap((f) => schemasOf(require(f))).length).toBeGreaterThanOrEqual(20);
  });

  it.each(files.map((f) => [path.relative(SERVER, f), f]))('%s: an empty body or query gets the schema’s own messages', (_name, file) => {
    for (const [name, schema] of schemasOf(require(file))) {
      const result = schema.safeParse({});
      const bare = result.success ? [] : result.error.issues.filter((i) => i.message.includes('expected nonoptional')).map((i) => `${name}: ${i.path.join('.')}`);
      expect(bare).toEqual([]);
    }
  });
});
