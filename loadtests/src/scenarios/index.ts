import type { Scenario } from '../config/scenario-options';
import { failover } from './failover';
import { lagAndDrain } from './lag-and-drain';
import { mixedSizes } from './mixed-sizes';
import { orderly } from './orderly';
import { rampToSaturation } from './ramp-to-saturation';
import { steadySend } from './steady-send';

/** The shipped scenarios by the name `loadtest <name>` takes. */
export const SCENARIOS: Readonly<Record<string, Scenario>> = {
  'steady-send': steadySend,
  'ramp-to-saturation': rampToSaturation,
  'lag-and-drain': lagAndDrain,
  orderly,
  'mixed-sizes': mixedSizes,
  failover,
};
