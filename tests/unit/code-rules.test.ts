/**
 * Rules the plugin's server code keeps, checked on its syntax tree (TypeScript's own parser):
 *  - one write path per type: system-owned rows (outbox, events, tasks, audit, ledger, …) are
 *    written only in a `*.repository.ts` file; everything else goes through strapi.documents()
 *    (whose middlewares run the audit, encryption and evidence rules). No `db.query(uid).create/
 *    update/delete…`, no raw INSERT/UPDATE/DELETE and no knex insert/update/delete elsewhere.
 *  - an `any` budget: explicit `any` types stay under ANY_BUDGET.
 */
import fs from 'fs';
import path from 'path';
import ts from 'typescript';

const SERVER = path.join(__dirname, '..', '..', 'packages', 'strapi-plugin-clinic-crm', 'server', 'src');
export const ANY_BUDGET = 40;

const sourceFiles = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && !e.name.endsWith('.d.ts') ? [p] : [];
  });

const parse = (file: string) => ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
const where = (sf: ts.SourceFile, node: ts.Node) => `${path.relative(SERVER, sf.fileName)}:${sf.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;

const WRITE_METHODS = new Set(['create', 'createMany', 'update', 'updateMany', 'delete', 'deleteMany', 'insert', 'del', 'increment', 'decrement', 'upsert']);
const RAW_WRITE = /^\s*(INSERT|UPDATE|DELETE)\b/i;

/** `strapi.db.query(…).create(…)`, `…connection(table).insert(…)`, `db.connection.raw('UPDATE …')` and the like. */
export const directWrites = (sf: ts.SourceFile): string[] => {
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const method = node.expression.name.text;
      const receiver = node.expression.expression.getText(sf);
      const onQuery = /\bdb\s*\.\s*query\s*\(/.test(receiver) || /\bconnection\b|\btrx\b|\bknex\b/.test(receiver);
      if (WRITE_METHODS.has(method) && onQuery) found.push(`${where(sf, node)} ${method} on ${receiver.slice(0, 60)}`);
      if (method === 'raw') {
        const first = node.arguments[0];
        const text = first && (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first) || ts.isTemplateExpression(first)) ? first.getText(sf).slice(1) : '';
        if (RAW_WRITE.test(text)) found.push(`${where(sf, node)} raw ${text.slice(0, 40)}`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
};

export const anyTypes = (sf: ts.SourceFile): string[] => {
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (node.kind === ts.SyntaxKind.AnyKeyword) found.push(where(sf, node));
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
};

describe('plugin server code rules', () => {
  const files = sourceFiles(SERVER).map(parse);

  it('writes system rows only in repositories (*.repository.ts)', () => {
    const outside = files.filter((sf) => !sf.fileName.endsWith('.repository.ts')).flatMap(directWrites);
    expect(outside).toEqual([]);
  });

  it(`keeps explicit any types under ${ANY_BUDGET}`, () => {
    const all = files.flatMap(anyTypes);
    if (all.length >= ANY_BUDGET) {
      const perFile = new Map<string, number>();
      for (const w of all) perFile.set(w.split(':')[0], (perFile.get(w.split(':')[0]) ?? 0) + 1);
      const top = [...perFile].sort((a, b) => b[1] - a[1]).slice(0, 15).map(([f, n]) => `${n} ${f}`);
      throw new Error(`${all.length} explicit any (budget ${ANY_BUDGET}); most in:\n${top.join('\n')}`);
    }
  });

  it('finds what it looks for (the checks are not blind)', () => {
    const sample = ts.createSourceFile('x.ts', "const a: any = 1; strapi.db.query('u').update({}); strapi.db.connection.raw('DELETE FROM t'); trx('t').insert({});", ts.ScriptTarget.ES2022, true);
    expect(anyTypes(sample)).toHaveLength(1);
    expect(directWrites(sample)).toHaveLength(3);
  });
});
