import ts from 'typescript';
import type { TCheckProblem } from './check-problem';

/** PascalCase, as React requires of a component's name. */
export const COMPONENT_NAME_PATTERN = /^[A-Z][A-Za-z0-9]*$/;

/** The names a module exports as values (functions, consts, classes, `export { a as B }`). */
export function exportedValueNames(sourceFile: ts.SourceFile): string[] {
  const names: string[] = [];
  // A default export has no name to import it by: `import { Button }` needs a named one.
  const isExported = (node: ts.Node) => {
    const kinds = (ts.canHaveModifiers(node) ? (ts.getModifiers(node) ?? []) : []).map(
      (modifier) => modifier.kind,
    );
    return kinds.includes(ts.SyntaxKind.ExportKeyword) && !kinds.includes(ts.SyntaxKind.DefaultKeyword);
  };
  for (const statement of sourceFile.statements) {
    if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && isExported(statement)) {
      if (statement.name) names.push(statement.name.text);
    } else if (ts.isVariableStatement(statement) && isExported(statement)) {
      for (const declaration of statement.declarationList.declarations)
        if (ts.isIdentifier(declaration.name)) names.push(declaration.name.text);
    } else if (
      ts.isExportDeclaration(statement) &&
      !statement.isTypeOnly &&
      !statement.moduleSpecifier &&
      statement.exportClause &&
      ts.isNamedExports(statement.exportClause)
    ) {
      for (const element of statement.exportClause.elements)
        if (!element.isTypeOnly) names.push(element.name.text);
    }
  }
  return names;
}

/**
 * The component file must export a value named like the component (`export function Button`),
 * so a library entry and its code cannot disagree about what they are.
 */
export function checkComponentExport(sourceFile: ts.SourceFile, file: string, name: string): TCheckProblem[] {
  const exported = exportedValueNames(sourceFile);
  if (exported.includes(name)) return [];
  return [
    {
      rule: 'export',
      file,
      line: 1,
      column: 1,
      message:
        exported.length > 0
          ? `The component is named ${name} but the file exports ${exported.join(', ')}: export ${name} (e.g. \`export function ${name}(…)\`).`
          : /export\s+default\b/.test(sourceFile.text)
            ? `The file has only a default export: export the component by name, \`export function ${name}(…)\`.`
            : `The file exports nothing: export the component as \`export function ${name}(…)\`.`,
    },
  ];
}
