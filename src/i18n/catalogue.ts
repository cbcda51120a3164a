// Every area's messages, for the test that checks each has every language (catalogue.test.ts).
import type { Catalogue } from './index';
import { cliMessages } from './messages/cli';
import { configMessages } from './messages/config';
import { watchMessages } from './messages/watch';
import { remoteMessages } from './messages/remote';
import { gradeMessages } from './messages/grade';
import { helpMessages } from './messages/help';
import { importMessages } from './messages/import';
import { loadMessages } from './messages/load';
import { reportMessages } from './messages/report';
import { serveMessages } from './messages/serve';
import { runnerMessages } from './messages/runner';
import { specMessages } from './messages/spec';

export const catalogues: Readonly<Record<string, Catalogue>> = {
  cli: cliMessages,
  config: configMessages,
  watch: watchMessages,
  remote: remoteMessages,
  help: helpMessages,
  import: importMessages,
  load: loadMessages,
  grade: gradeMessages,
  report: reportMessages,
  serve: serveMessages,
  spec: specMessages,
  runner: runnerMessages,
};
