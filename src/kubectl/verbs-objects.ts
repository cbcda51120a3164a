// The kubectl verbs that create or change objects and live in their own modules (create
// <generator>, run, expose, annotate, set env|resources|selector|serviceaccount, replace, edit):
// each one's flags for the parser and its handler, the module loaded on first use. parse.ts and
// commands.ts read this table as they read verbs.ts.
import { DRY_RUN, f, FILENAME, PRINT, SELECTOR, type Verb } from './flag-sets';
import type { FlagSpec } from './parse';

export type { Verb, VerbContext } from './flag-sets';



const VALIDATE = f('validate', 'string', { default: 'strict', noOptDefVal: 'strict' });
const FIELD_MANAGER = (def: string) => f('field-manager', 'string', { default: def });
/** What every `create <generator>` takes: printing, --save-config, --validate, --dry-run. */
const GENERATOR = [...PRINT, DRY_RUN, VALIDATE, f('save-config', 'bool', { default: false }), FIELD_MANAGER('kubectl-create')];
const FROM_SOURCES = [f('from-file', 'stringSlice', { default: [] }), f('from-literal', 'stringArray', { default: [] }), f('from-env-file', 'stringSlice', { default: [] }), f('append-hash', 'bool', { default: false })];

/* eslint-disable @typescript-eslint/no-require-imports */
const create = () => require('./create') as typeof import('./create');
const run = () => require('./run') as typeof import('./run');
const annotate = () => require('./annotate') as typeof import('./annotate');
const expose = () => require('./expose') as typeof import('./expose');
const set = () => require('./set') as typeof import('./set');
const replace = () => require('./replace') as typeof import('./replace');
const edit = () => require('./edit') as typeof import('./edit');
const label = () => require('./label') as typeof import('./label');
/* eslint-enable @typescript-eslint/no-require-imports */

/**
 * `kubectl create`'s subcommands (with their aliases) and theirs: cobra finds them among the words
 * after `create`, flags skipped; anything else stays plain `create` (`create -f`).
 */
export const CREATE_TREE: Record<string, { aliases: string[]; subs?: Record<string, string[]> }> = {
  configmap: { aliases: ['cm'] },
  cronjob: { aliases: ['cj'] },
  deployment: { aliases: ['deploy'] },
  job: { aliases: [] },
  namespace: { aliases: ['ns'] },
  secret: { aliases: [], subs: { 'docker-registry': [], generic: [], tls: [] } },
  // kubectl's generators the emulation does not build: found, so that they are refused clearly.
  clusterrole: { aliases: [] },
  clusterrolebinding: { aliases: [] },
  ingress: { aliases: ['ing'] },
  poddisruptionbudget: { aliases: ['pdb'] },
  priorityclass: { aliases: ['pc'] },
  quota: { aliases: ['resourcequota'] },
  role: { aliases: [] },
  rolebinding: { aliases: [] },
  token: { aliases: [] },
  service: { aliases: ['svc'], subs: { clusterip: [], externalname: [], loadbalancer: [], nodeport: [] } },
  serviceaccount: { aliases: ['sa'] },
};

export const OBJECT_VERBS: Verb[] = [
  { path: ['create', 'namespace'], flags: GENERATOR, run: (c) => create().createNamespace(c) },
  { path: ['create', 'serviceaccount'], flags: GENERATOR, run: (c) => create().createServiceAccount(c) },
  { path: ['create', 'configmap'], flags: [...GENERATOR, ...FROM_SOURCES], run: (c) => create().createConfigMap(c) },
  { path: ['create', 'secret'], flags: [], run: (c) => create().createGroupHelp(c) },
  { path: ['create', 'secret', 'generic'], flags: [...GENERATOR, ...FROM_SOURCES, f('type', 'string', { default: '' })], run: (c) => create().createSecretGeneric(c) },
  { path: ['create', 'secret', 'tls'], flags: [...GENERATOR, f('cert', 'string', { default: '' }), f('key', 'string', { default: '' }), f('append-hash', 'bool', { default: false })], run: (c) => create().createSecretTls(c) },
  {
    path: ['create', 'secret', 'docker-registry'],
    flags: [
      ...GENERATOR,
      f('docker-username', 'string', { default: '' }),
      f('docker-password', 'string', { default: '' }),
      f('docker-email', 'string', { default: '' }),
      f('docker-server', 'string', { default: 'https://index.docker.io/v1/' }),
      f('from-file', 'stringSlice', { default: [] }),
      f('append-hash', 'bool', { default: false }),
    ],
    run: (c) => create().createSecretDockerRegistry(c),
  },
  { path: ['create', 'service'], flags: [], run: (c) => create().createGroupHelp(c) },
  { path: ['create', 'service', 'clusterip'], flags: [...GENERATOR, f('tcp', 'stringSlice', { default: [] }), f('clusterip', 'string', { default: '' })], run: (c) => create().createServiceClusterIP(c) },
  { path: ['create', 'service', 'nodeport'], flags: [...GENERATOR, f('tcp', 'stringSlice', { default: [] }), f('node-port', 'int', { default: 0 })], run: (c) => create().createServiceNodePort(c) },
  { path: ['create', 'service', 'loadbalancer'], flags: [...GENERATOR, f('tcp', 'stringSlice', { default: [] })], run: (c) => create().createServiceLoadBalancer(c) },
  { path: ['create', 'service', 'externalname'], flags: [...GENERATOR, f('tcp', 'stringSlice', { default: [] }), f('external-name', 'string', { default: '' })], run: (c) => create().createServiceExternalName(c) },
  {
    path: ['create', 'deployment'],
    flags: [...GENERATOR, f('image', 'stringSlice', { default: [] }), f('port', 'int', { default: -1 }), f('replicas', 'int', { short: 'r', default: 1 })],
    run: (c) => create().createDeployment(c),
  },
  {
    path: ['create', 'cronjob'],
    flags: [...GENERATOR, f('image', 'string', { default: '' }), f('schedule', 'string', { default: '' }), f('restart', 'string', { default: '' })],
    run: (c) => create().createCronJob(c),
  },
  { path: ['create', 'job'], flags: [...GENERATOR, f('image', 'string', { default: '' }), f('from', 'string', { default: '' })], run: (c) => create().createJob(c) },
  {
    path: ['run'],
    flags: [
      ...PRINT,
      DRY_RUN,
      ...FILENAME,
      f('annotations', 'stringArray', { default: [] }),
      f('attach', 'bool', { default: false }),
      f('cascade', 'string', { default: 'background', noOptDefVal: 'background' }),
      f('command', 'bool', { default: false }),
      f('env', 'stringArray', { default: [] }),
      f('expose', 'bool', { default: false }),
      f('force', 'bool', { default: false }),
      f('grace-period', 'int', { default: -1 }),
      f('image', 'string', { default: '' }),
      f('image-pull-policy', 'string', { default: '' }),
      f('labels', 'string', { short: 'l', default: '' }),
      f('leave-stdin-open', 'bool', { default: false }),
      f('override-type', 'string', { default: 'merge' }),
      f('overrides', 'string', { default: '' }),
      f('pod-running-timeout', 'duration', { default: '1m0s' }),
      f('port', 'string', { default: '' }),
      f('privileged', 'bool', { default: false }),
      f('quiet', 'bool', { short: 'q', default: false }),
      f('restart', 'string', { default: '' }),
      f('rm', 'bool', { default: false }),
      f('save-config', 'bool', { default: false }),
      f('stdin', 'bool', { short: 'i', default: false }),
      f('timeout', 'duration', { default: '0s' }),
      f('tty', 'bool', { short: 't', default: false }),
      f('wait', 'bool', { default: false }),
      FIELD_MANAGER('kubectl-run'),
    ],
    run: (c) => run().runCommand(c),
  },
  {
    path: ['annotate'],
    flags: [
      ...FILENAME,
      ...PRINT,
      DRY_RUN,
      SELECTOR,
      f('all', 'bool', { default: false }),
      f('all-namespaces', 'bool', { short: 'A', default: false }),
      f('field-selector', 'string', { default: '' }),
      f('list', 'bool', { default: false }),
      f('local', 'bool', { default: false }),
      f('overwrite', 'bool', { default: false }),
      f('record', 'bool', { default: false }),
      f('resource-version', 'string', { default: '' }),
      FIELD_MANAGER('kubectl-annotate'),
    ],
    run: (c) => annotate().annotateCommand(c),
  },
  {
    path: ['expose'],
    flags: [
      ...FILENAME,
      ...PRINT,
      DRY_RUN,
      f('cluster-ip', 'string', { default: '' }),
      f('external-ip', 'string', { default: '' }),
      f('labels', 'string', { short: 'l', default: '' }),
      f('load-balancer-ip', 'string', { default: '' }),
      f('name', 'string', { default: '' }),
      f('override-type', 'string', { default: 'merge' }),
      f('overrides', 'string', { default: '' }),
      f('port', 'string', { default: '' }),
      f('protocol', 'string', { default: '' }),
      f('save-config', 'bool', { default: false }),
      f('selector', 'string', { default: '' }),
      f('session-affinity', 'string', { default: '' }),
      f('target-port', 'string', { default: '' }),
      f('type', 'string', { default: '' }),
      FIELD_MANAGER('kubectl-expose'),
    ],
    run: (c) => expose().exposeCommand(c),
  },
  {
    path: ['set', 'env'],
    flags: [
      ...FILENAME,
      ...PRINT,
      DRY_RUN,
      SELECTOR,
      f('all', 'bool', { default: false }),
      f('containers', 'string', { short: 'c', default: '*' }),
      f('env', 'stringArray', { short: 'e', default: [] }),
      f('from', 'string', { default: '' }),
      f('keys', 'stringSlice', { default: [] }),
      f('list', 'bool', { default: false }),
      f('local', 'bool', { default: false }),
      f('overwrite', 'bool', { default: true }),
      f('prefix', 'string', { default: '' }),
      f('resolve', 'bool', { default: false }),
      FIELD_MANAGER('kubectl-set'),
    ],
    run: (c) => set().setEnv(c),
  },
  {
    path: ['set', 'image'],
    flags: [...FILENAME, ...PRINT, DRY_RUN, SELECTOR, f('all', 'bool', { default: false }), f('local', 'bool', { default: false }), f('record', 'bool', { default: false }), FIELD_MANAGER('kubectl-set')],
    run: (c) => set().setImage(c),
  },
  {
    path: ['set', 'resources'],
    flags: [
      ...FILENAME,
      ...PRINT,
      DRY_RUN,
      SELECTOR,
      f('all', 'bool', { default: false }),
      f('containers', 'string', { short: 'c', default: '*' }),
      f('limits', 'string', { default: '' }),
      f('local', 'bool', { default: false }),
      f('requests', 'string', { default: '' }),
      FIELD_MANAGER('kubectl-set'),
    ],
    run: (c) => set().setResources(c),
  },
  {
    path: ['set', 'selector'],
    flags: [...FILENAME, ...PRINT, DRY_RUN, f('all', 'bool', { default: false }), f('local', 'bool', { default: false }), f('resource-version', 'string', { default: '' }), FIELD_MANAGER('kubectl-set')],
    run: (c) => set().setSelector(c),
  },
  {
    path: ['set', 'serviceaccount'],
    flags: [...FILENAME, ...PRINT, DRY_RUN, f('all', 'bool', { default: false }), f('local', 'bool', { default: false }), f('record', 'bool', { default: false }), FIELD_MANAGER('kubectl-set')],
    run: (c) => set().setServiceAccount(c),
  },
  {
    path: ['replace'],
    flags: [
      ...FILENAME,
      ...PRINT,
      DRY_RUN,
      VALIDATE,
      f('cascade', 'string', { default: 'background', noOptDefVal: 'background' }),
      f('force', 'bool', { default: false }),
      f('grace-period', 'int', { default: -1 }),
      f('raw', 'string', { default: '' }),
      f('save-config', 'bool', { default: false }),
      f('subresource', 'string', { default: '' }),
      f('timeout', 'duration', { default: '0s' }),
      f('wait', 'bool', { default: false }),
      FIELD_MANAGER('kubectl-replace'),
    ],
    run: (c) => replace().replaceCommand(c),
  },
  {
    path: ['edit'],
    flags: [
      ...FILENAME,
      ...PRINT,
      VALIDATE,
      f('edit-last-applied', 'bool', { default: false }),
      f('output-patch', 'bool', { default: false }),
      f('record', 'bool', { default: false }),
      f('save-config', 'bool', { default: false }),
      f('subresource', 'string', { default: '' }),
      f('windows-line-endings', 'bool', { default: false }),
      FIELD_MANAGER('kubectl-edit'),
    ],
    run: (c) => edit().editCommand(c),
  },
  {
    path: ['label'],
    flags: [
      ...FILENAME,
      ...PRINT,
      DRY_RUN,
      SELECTOR,
      f('all', 'bool', { default: false }),
      f('all-namespaces', 'bool', { short: 'A', default: false }),
      f('field-selector', 'string', { default: '' }),
      f('list', 'bool', { default: false }),
      f('local', 'bool', { default: false }),
      f('overwrite', 'bool', { default: false }),
      f('record', 'bool', { default: false }),
      f('resource-version', 'string', { default: '' }),
      FIELD_MANAGER('kubectl-label'),
    ],
    run: (c) => label().labelCommand(c),
  },
];

/** The flags of kubectl's generators that are refused here (so that the refusal, not a flag error, is what prints). */
const REFUSED_CREATE: Record<string, FlagSpec[]> = {
  clusterrole: [f('verb', 'stringSlice', { default: [] }), f('resource', 'stringSlice', { default: [] }), f('resource-name', 'stringArray', { default: [] }), f('non-resource-url', 'stringSlice', { default: [] }), f('aggregation-rule', 'string', { default: '' })],
  clusterrolebinding: [f('clusterrole', 'string', { default: '' }), f('group', 'stringArray', { default: [] }), f('serviceaccount', 'stringArray', { default: [] }), f('user', 'stringArray', { default: [] })],
  ingress: [f('annotation', 'stringArray', { default: [] }), f('class', 'string', { default: '' }), f('default-backend', 'string', { default: '' }), f('rule', 'stringArray', { default: [] })],
  poddisruptionbudget: [f('max-unavailable', 'string', { default: '' }), f('min-available', 'string', { default: '' }), f('selector', 'string', { default: '' })],
  priorityclass: [f('description', 'string', { default: '' }), f('global-default', 'bool', { default: false }), f('preemption-policy', 'string', { default: 'PreemptLowerPriority' }), f('value', 'int', { default: 0 })],
  quota: [f('hard', 'string', { default: '' }), f('scopes', 'string', { default: '' })],
  role: [f('verb', 'stringSlice', { default: [] }), f('resource', 'stringSlice', { default: [] }), f('resource-name', 'stringArray', { default: [] })],
  rolebinding: [f('clusterrole', 'string', { default: '' }), f('role', 'string', { default: '' }), f('group', 'stringArray', { default: [] }), f('serviceaccount', 'stringArray', { default: [] }), f('user', 'stringArray', { default: [] })],
  token: [f('audience', 'stringArray', { default: [] }), f('bound-object-kind', 'string', { default: '' }), f('bound-object-name', 'string', { default: '' }), f('bound-object-uid', 'string', { default: '' }), f('duration', 'duration', { default: '0s' })],
};
for (const [name, flags] of Object.entries(REFUSED_CREATE)) {
  OBJECT_VERBS.push({
    path: ['create', name],
    flags: name === 'token' ? [...PRINT, ...flags] : [...GENERATOR, ...flags],
    run: () => ({ stdout: '', stderr: `error: kubespec's kubectl emulation does not support "kubectl create ${name}": ${name === 'token' ? 'the embedded cluster issues no tokens' : 'the embedded cluster does not serve these objects'}\n`, exitCode: 1 }),
  });
}

const byPath = new Map(OBJECT_VERBS.map((v) => [v.path.join(' '), v]));

/** The verb for a command path (`create configmap`), if it lives in this table. */
export function objectVerbFor(path: string[]): Verb | undefined {
  return byPath.get(path.join(' '));
}
