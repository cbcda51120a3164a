// The kubectl verbs that live in their own modules (nodes, wait, logs, information commands, config,
// events, diff, and the container commands refused here): each one's flags for the parser and its
// handler, the module loaded on first use. parse.ts and commands.ts read this table.
import { DRY_RUN, f, FILENAME, PRINT, SELECTOR, type Verb } from './flag-sets';

export type { Verb, VerbContext } from './flag-sets';




/* eslint-disable @typescript-eslint/no-require-imports */
const nodes = () => require('./nodes') as typeof import('./nodes');
const wait = () => require('./wait') as typeof import('./wait');
const logs = () => require('./logs') as typeof import('./logs');
const info = () => require('./info') as typeof import('./info');
const config = () => require('./config') as typeof import('./config');
const events = () => require('./events') as typeof import('./events');
const diff = () => require('./diff') as typeof import('./diff');
/* eslint-enable @typescript-eslint/no-require-imports */

const CORDON_FLAGS = [DRY_RUN, SELECTOR];
const EXEC_FLAGS = [
  ...FILENAME,
  f('container', 'string', { short: 'c', default: '' }),
  f('stdin', 'bool', { short: 'i', default: false }),
  f('tty', 'bool', { short: 't', default: false }),
  f('quiet', 'bool', { short: 'q', default: false }),
  f('pod-running-timeout', 'duration', { default: '1m0s' }),
];

export const VERBS: Verb[] = [
  { path: ['cordon'], flags: CORDON_FLAGS, run: (c) => nodes().cordon(c, true) },
  { path: ['uncordon'], flags: CORDON_FLAGS, run: (c) => nodes().cordon(c, false) },
  {
    path: ['drain'],
    flags: [
      DRY_RUN,
      SELECTOR,
      f('chunk-size', 'int', { default: 500 }),
      f('delete-emptydir-data', 'bool', { default: false }),
      f('delete-local-data', 'bool', { default: false }),
      f('disable-eviction', 'bool', { default: false }),
      f('force', 'bool', { default: false }),
      f('grace-period', 'int', { default: -1 }),
      f('ignore-daemonsets', 'bool', { default: false }),
      f('pod-selector', 'string', { default: '' }),
      f('skip-wait-for-delete-timeout', 'int', { default: 0 }),
      f('timeout', 'duration', { default: '0s' }),
    ],
    run: (c) => nodes().drain(c),
  },
  {
    path: ['taint'],
    flags: [...PRINT, DRY_RUN, SELECTOR, f('all', 'bool', { default: false }), f('overwrite', 'bool', { default: false }), f('validate', 'string', { default: 'strict', noOptDefVal: 'strict' }), f('field-manager', 'string', { default: 'kubectl-taint' })],
    run: (c) => nodes().taint(c),
  },
  {
    path: ['wait'],
    flags: [
      ...FILENAME,
      ...PRINT,
      SELECTOR,
      f('all', 'bool', { default: false }),
      f('all-namespaces', 'bool', { short: 'A', default: false }),
      f('field-selector', 'string', { default: '' }),
      f('for', 'string', { default: '' }),
      f('local', 'bool', { default: false }),
      f('timeout', 'duration', { default: '30s' }),
    ],
    run: (c) => wait().waitCommand(c),
  },
  {
    path: ['logs'],
    flags: [
      SELECTOR,
      f('all-containers', 'bool', { default: false }),
      f('all-pods', 'bool', { default: false }),
      f('container', 'string', { short: 'c', default: '' }),
      f('follow', 'bool', { short: 'f', default: false }),
      f('ignore-errors', 'bool', { default: false }),
      f('insecure-skip-tls-verify-backend', 'bool', { default: false }),
      f('limit-bytes', 'int', { default: 0 }),
      f('max-log-requests', 'int', { default: 5 }),
      f('pod-running-timeout', 'duration', { default: '20s' }),
      f('prefix', 'bool', { default: false }),
      f('previous', 'bool', { short: 'p', default: false }),
      f('since', 'duration', { default: '0s' }),
      f('since-time', 'string', { default: '' }),
      f('tail', 'int', { default: -1 }),
      f('timestamps', 'bool', { default: false }),
    ],
    run: (c) => logs().logsCommand(c),
  },
  {
    path: ['explain'],
    flags: [f('api-version', 'string', { default: '' }), f('output', 'string', { short: 'o', default: 'plaintext' }), f('recursive', 'bool', { default: false })],
    run: (c) => info().explain(c),
  },
  {
    path: ['api-resources'],
    flags: [
      f('api-group', 'string', { default: '' }),
      f('cached', 'bool', { default: false }),
      f('categories', 'stringSlice', { default: [] }),
      f('namespaced', 'bool', { default: true }),
      f('no-headers', 'bool', { default: false }),
      f('output', 'string', { short: 'o', default: '' }),
      f('sort-by', 'string', { default: '' }),
      f('verbs', 'stringSlice', { default: [] }),
    ],
    run: (c) => info().apiResources(c),
  },
  { path: ['api-versions'], flags: [], run: (c) => info().apiVersions(c) },
  { path: ['cluster-info'], flags: [], run: (c) => info().clusterInfo(c) },
  {
    path: ['auth', 'can-i'],
    flags: [f('all-namespaces', 'bool', { short: 'A', default: false }), f('list', 'bool', { default: false }), f('no-headers', 'bool', { default: false }), f('quiet', 'bool', { short: 'q', default: false }), f('subresource', 'string', { default: '' })],
    run: (c) => info().canI(c),
  },
  { path: ['auth', 'whoami'], flags: [...PRINT], run: (c) => info().whoami(c) },
  ...['node', 'nodes', 'no', 'pod', 'pods', 'po'].map(
    (sub): Verb => ({
      path: ['top', sub],
      flags: [SELECTOR, f('all-namespaces', 'bool', { short: 'A', default: false }), f('containers', 'bool', { default: false }), f('field-selector', 'string', { default: '' }), f('no-headers', 'bool', { default: false }), f('show-capacity', 'bool', { default: false }), f('sort-by', 'string', { default: '' }), f('sum', 'bool', { default: false }), f('use-protocol-buffers', 'bool', { default: true })],
      run: (c) => info().top(c),
    }),
  ),
  { path: ['config', 'view'], flags: [...PRINT, f('flatten', 'bool', { default: false }), f('merge', 'bool', { default: true }), f('minify', 'bool', { default: false }), f('raw', 'bool', { default: false })], run: (c) => config().configCommand(c) },
  { path: ['config', 'current-context'], flags: [], run: (c) => config().configCommand(c) },
  { path: ['config', 'get-contexts'], flags: [f('no-headers', 'bool', { default: false }), f('output', 'string', { short: 'o', default: '' })], run: (c) => config().configCommand(c) },
  { path: ['config', 'use-context'], flags: [], run: (c) => config().configCommand(c) },
  { path: ['config', 'get-clusters'], flags: [], run: (c) => config().configCommand(c) },
  { path: ['config', 'get-users'], flags: [], run: (c) => config().configCommand(c) },
  {
    path: ['config', 'set-context'],
    flags: [f('current', 'bool', { default: false }), f('cluster', 'string', { default: '' }), f('user', 'string', { default: '' }), f('namespace', 'string', { default: '' })],
    run: (c) => config().configCommand(c),
  },
  {
    path: ['events'],
    flags: [
      ...PRINT,
      f('all-namespaces', 'bool', { short: 'A', default: false }),
      f('chunk-size', 'int', { default: 500 }),
      f('for', 'string', { default: '' }),
      f('no-headers', 'bool', { default: false }),
      f('types', 'stringSlice', { default: [] }),
      f('watch', 'bool', { short: 'w', default: false }),
    ],
    run: (c) => events().eventsCommand(c),
  },
  {
    path: ['diff'],
    flags: [...FILENAME, SELECTOR, f('concurrency', 'int', { default: 1 }), f('field-manager', 'string', { default: 'kubectl-client-side-apply' }), f('force-conflicts', 'bool', { default: false }), f('prune', 'bool', { default: false }), f('server-side', 'bool', { default: false }), f('show-managed-fields', 'bool', { default: false })],
    run: (c) => diff().diffCommand(c),
  },
  { path: ['exec'], flags: EXEC_FLAGS, run: (c) => info().refuse(c, 'exec') },
  { path: ['attach'], flags: EXEC_FLAGS, run: (c) => info().refuse(c, 'attach') },
  { path: ['cp'], flags: [f('container', 'string', { short: 'c', default: '' }), f('no-preserve', 'bool', { default: false }), f('retries', 'int', { default: 0 })], run: (c) => info().refuse(c, 'cp') },
  { path: ['port-forward'], flags: [f('address', 'stringSlice', { default: ['localhost'] }), f('pod-running-timeout', 'duration', { default: '1m0s' })], run: (c) => info().refuse(c, 'port-forward') },
  {
    path: ['debug'],
    flags: [
      ...FILENAME,
      ...PRINT,
      f('arguments-only', 'bool', { default: false }),
      f('attach', 'bool', { default: false }),
      f('container', 'string', { short: 'c', default: '' }),
      f('copy-to', 'string', { default: '' }),
      f('env', 'stringArray', { default: [] }),
      f('image', 'string', { default: '' }),
      f('image-pull-policy', 'string', { default: '' }),
      f('keep-annotations', 'bool', { default: false }),
      f('keep-init-containers', 'bool', { default: true }),
      f('keep-labels', 'bool', { default: false }),
      f('keep-liveness', 'bool', { default: false }),
      f('keep-readiness', 'bool', { default: false }),
      f('keep-startup', 'bool', { default: false }),
      f('profile', 'string', { default: 'legacy' }),
      f('quiet', 'bool', { short: 'q', default: false }),
      f('replace', 'bool', { default: false }),
      f('same-node', 'bool', { default: false }),
      f('set-image', 'stringSlice', { default: [] }),
      f('share-processes', 'bool', { default: true }),
      f('stdin', 'bool', { short: 'i', default: false }),
      f('target', 'string', { default: '' }),
      f('tty', 'bool', { short: 't', default: false }),
    ],
    run: (c) => info().refuse(c, 'debug'),
  },
];

/** The subcommands of the verb groups above (`config view`, `auth can-i`, `top node`). */
export const VERB_SUBCOMMANDS: Record<string, string[]> = {};
for (const v of VERBS) if (v.path.length === 2) (VERB_SUBCOMMANDS[v.path[0]] ??= []).push(v.path[1]);

const byPath = new Map(VERBS.map((v) => [v.path.join(' '), v]));

/** The verb for a command path (`config view`), if it lives in this table. */
export function verbFor(path: string[]): Verb | undefined {
  return byPath.get(path.join(' '));
}
