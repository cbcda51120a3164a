// The controllers a simulated cluster runs, in the order the settle loop visits them.
import type { Controller } from './controller';

export function defaultControllers(): Controller[] {
  return [];
}
