import type { Command } from 'commander';
import { createReporter, type Reporter } from '../output/reporter';

export interface OutputOptions {
  json?: boolean;
  jsonOut?: string;
}

/** --json and --json-out, which every command takes. */
export function withOutputOptions(command: Command): Command {
  return command
    .option('--json', 'print one JSON document on stdout and nothing else there')
    .option('--json-out <file>', 'also write that JSON document to FILE (mode 0600)');
}

export function reporterFor(command: string, options: OutputOptions): Reporter {
  return createReporter({ json: options.json === true, command, jsonOut: options.jsonOut });
}
