// Every area's messages, for the test that checks each has every language (catalogue.test.ts).
import type { Catalogue } from './index';
import { cliMessages } from './messages/cli';
import { reportMessages } from './messages/report';

export const catalogues: Readonly<Record<string, Catalogue>> = {
  cli: cliMessages,
  report: reportMessages,
};
