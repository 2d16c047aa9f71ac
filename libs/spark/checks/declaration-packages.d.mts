export declare const DECLARATION_PACKAGES: readonly string[];
export declare function declarationFileGlobs(nodeModules: string): string[];
export declare function checkWorkerFileGlobs(workspaceRoot: string): string[];
