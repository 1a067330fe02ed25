// Removes dist/ before a build so deleted sources leave no stale compiled files behind.
import { rmSync } from 'node:fs';
rmSync(new URL('../dist/', import.meta.url), { recursive: true, force: true });
