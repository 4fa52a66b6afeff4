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
    if (fs.existsSync(file) && fs.readFileSync(file, 'utf8') === content) return; // no churn for unchanged schemas
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    fs.writeFileSync(file, content);
  },
};
