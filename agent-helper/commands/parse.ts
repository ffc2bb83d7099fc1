import { usageError } from '../errors';

/** commander argument parser for a positive integer option. */
export function positiveInteger(flag: string) {
  return (value: string): number => {
    if (!/^\d+$/.test(value) || Number(value) < 1) throw usageError(`${flag} ${value}: expected a positive whole number`);
    return Number(value);
  };
}
