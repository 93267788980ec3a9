import { ContractViolation } from './envelope';

/** Runs `fn` and returns the ContractViolation it throws; fails the test if it throws anything else or nothing. */
export function violationOf(fn: () => unknown): ContractViolation {
  try {
    fn();
  } catch (error) {
    if (error instanceof ContractViolation) return error;
    throw new Error(`expected a ContractViolation, got ${String(error)}`);
  }
  throw new Error('expected a ContractViolation, but the message was accepted');
}
