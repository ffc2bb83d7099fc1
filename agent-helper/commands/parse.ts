import { usageError } from '../errors';

/** commander argument parser for a positive integer option. */
export function positiveInteger(flag: string) {
  return (value: string): number => {
    if (!/^\d+$/.test(value) || Number(value) < 1) throw usageError(`${flag} ${value}: expected a positive whole number`);
    return Number(value);
  };
}

/**
 * Access-key labels and key comments: one line, at most 255 characters (Bitbucket publishes no limit for either;
 * 255 is the usual size of its text fields), no control characters, which would break the key line or a log line.
 */
export const TEXT_MAX = 255;

export function checkText(flag: string, value: string): string {
  if (value.trim() === '') throw usageError(`${flag}: empty; give it some text or leave the flag out`);
  if ([...value].some((char) => char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f)) throw usageError(`${flag}: contains a line break or another control character; use one line of plain text`);
  if ([...value].length > TEXT_MAX) throw usageError(`${flag}: ${[...value].length} characters, at most ${TEXT_MAX}; shorten it`);
  return value;
}

/** commander argument parser for a label or comment. */
export const singleLine = (flag: string) => (value: string): string => checkText(flag, value);
