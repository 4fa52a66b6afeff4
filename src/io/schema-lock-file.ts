/*
 * Node file access for FeatureStore schema lock files (core stays free of Node APIs; the entry point registers this).
 */
import * as fs from 'fs';
import * as path from 'path';
import type { SchemaLockIO } from '../core/feature-store/schema-lock';

export const fileSchemaLockIO: SchemaLockIO = {
  read(file: string): string | undefined {
    return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
  },
  write(file: string, content: string): void {
    // No churn for unchanged schemas, including a lock checked out with CRLF line endings (git's autocrlf on Windows).
    if (fs.existsSync(file) && fs.readFileSync(file, 'utf8').replace(/\r\n/g, '\n') === content) return;
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    fs.writeFileSync(file, content);
  },
};
