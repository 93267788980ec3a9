import { CommuniqueRejected } from './errors';

/** The CommuniqueRejected that `run` throws; fails the test if it throws nothing or something else. */
export function rejection(run: () => unknown): CommuniqueRejected {
  try {
    run();
  } catch (error) {
    if (error instanceof CommuniqueRejected) return error;
    throw error;
  }
  throw new Error('expected a CommuniqueRejected');
}
