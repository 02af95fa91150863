export function lintWorkflows(dir?: string): Promise<string[]>;
