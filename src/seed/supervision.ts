import type { ServiceDeps } from '../platform/context.js';
import { seedDemoAccountability } from '../supervision/accountability/demo.js';
import { seedDemoConsultations } from '../supervision/consultations/demo.js';
import { seedDemoMessages } from '../supervision/messages/demo.js';
import { seedDemoRatings } from '../supervision/ratings/demo.js';

export interface SupervisionSeedResult {
  readonly consultations: number;
  readonly messages: number;
  readonly ratings: number;
  readonly accountabilityCases: number;
}

/** 监督保障 demo content, after records, requests, services and inspections (cases are found from them). */
export async function seedDemoSupervision(deps: ServiceDeps): Promise<SupervisionSeedResult> {
  const consultations = await seedDemoConsultations(deps);
  const messages = await seedDemoMessages(deps);
  const ratings = await seedDemoRatings(deps);
  const accountabilityCases = await seedDemoAccountability(deps);
  return { consultations, messages, ratings, accountabilityCases };
}
