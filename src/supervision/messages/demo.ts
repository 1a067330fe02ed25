import type { ServiceDeps } from '../../platform/context.js';

/** Demo content for the portal (called by src/seed/supervision.ts); returns how many objects it made. */
export async function seedDemoMessages(deps: ServiceDeps): Promise<number> {
  void deps;
  return 0;
}
