// The strategies (defaulting, validation, allocation) of every kind the API server serves.
import type { Strategies } from '../strategy';

export function defaultStrategies(): Strategies {
  return {};
}
