// `kubectl get --watch` / `--watch-only` / `--output-watch-events` (kubectl/pkg/cmd/get/get.go,
// GetOptions.watch): the objects as they stand, then one print per change the API server's watch
// delivers while the cluster runs, until it is quiet (or, with --request-timeout, until that much
// simulated time has passed, as the real kubectl's watch request ends then, quietly, exit 0).
//
// What kubectl prints is the one printer it keeps for the whole watch, flushed after the list and
// after every event: the table printer prints its header once (with the first row it prints), and
// its tab writer (github.com/liggitt/tabwriter with RememberWidths) never narrows a column; the
// YAML printer separates documents with `---`; --output-watch-events wraps each object in a
// metav1.WatchEvent (an EVENT column first in tables, `{"type":...,"object":...}` otherwise).
import type { KubeCluster } from '../cluster/backend';
import type { SettleOptions } from '../cluster/cluster';
import { fieldSelectorFor, fieldsMatch, type FieldRequirement } from '../apiserver/fields';
import type { KindInfo } from '../apiserver/kinds';
import { matches, parseSelector, type Selector } from '../apiserver/labels';
import type { KubeObject, WatchEvent } from '../apiserver/types';
import { goPlainValue } from '../apiserver/govalue';
import { KubectlError, guarded, selectObjects, type OpResult, type ResourceGroup } from './resources';
import { runDue, waitFor } from './sim-time';
import * as p from './printers';
import { formatTable, KUBECTL_TABWRITER } from './printers/tabwriter';
import { parseOutput, type OutputSpec } from './output-format';

export interface WatchOptions {
  namespace: string;
  allNamespaces?: boolean;
  selector?: string;
  fieldSelector?: string;
  output?: string;
  /** `--template`, for `-o go-template` / `-o template`. */
  template?: string;
  showLabels?: boolean;
  showKind?: boolean;
  noHeaders?: boolean;
  labelColumns?: string[];
  sortBy?: string;
  /** `--watch-only`: the changes only, not the objects as they stand. */
  watchOnly?: boolean;
  outputWatchEvents?: boolean;
  /** `--request-timeout` in ms (0: none): the watch lasts that long in simulated time. */
  timeoutMs?: number;
  /** How the step settles (budget, `throughout` checks), when the runner gives it. */
  settle?: SettleOptions;
  /** For -o go-template-file / jsonpath-file / custom-columns-file. */
  readFile?: (path: string) => string;
  /** --sort-by: kubectl's RuntimeSort (operations.ts). */
  sort?: (objs: KubeObject[], sortBy: string) => KubeObject[];
}

type EventType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** printers.formatEventType: the EVENT column's cell, padded to MODIFIED's width. */
const EVENT_CELL: Record<EventType, string> = { ADDED: 'ADDED   ', MODIFIED: 'MODIFIED', DELETED: 'DELETED ' };

/** One printer for the whole watch, as get.go keeps one; `print` returns what one flush writes. */
class WatchPrinter {
  private printedHeaders = false;
  private readonly widths: number[] = [];
  private yamlCount = 0;
  private customHeaderDone = false;

  constructor(
    private readonly spec: OutputSpec,
    private readonly info: KindInfo,
    private readonly opts: WatchOptions,
    private readonly now: () => number,
  ) {}

  print(items: { obj: KubeObject; type?: EventType }[]): string {
    const s = this.spec;
    const wrap = (obj: KubeObject, type?: EventType): unknown => (type ? { type, object: obj } : obj);
    switch (s.kind) {
      case 'human':
        return this.table(items, s.wide);
      case 'name':
        return items.map(({ obj }) => p.nameLine(this.info, obj.metadata.name!)).join('');
      case 'json':
        // JSONPrinter: an object indented; a WatchEvent as json.Marshal writes the struct (type first).
        return items.map(({ obj, type }) => (type ? `{"type":${JSON.stringify(type)},"object":${p.toCompactJson(obj)}}\n` : p.toJson(obj))).join('');
      case 'yaml':
        return items.map(({ obj, type }) => `${this.yamlCount++ > 0 ? '---\n' : ''}${p.toYaml(wrap(obj, type))}`).join('');
      case 'jsonpath':
        return items.map(({ obj, type }) => p.jsonPath(s.template, wrap(obj, type))).join('');
      case 'jsonpath-as-json':
        return items.map(({ obj, type }) => p.jsonPathResults(s.template, wrap(obj, type)).map((r) => p.toJson(r)).join('')).join('');
      case 'custom-columns': {
        const rows: string[][] = [];
        if (items.length && !this.opts.noHeaders && !this.customHeaderDone) rows.push(s.columns.map((c) => c.header));
        if (items.length) this.customHeaderDone = true;
        for (const { obj, type } of items) {
          rows.push(
            s.columns.map((c) => {
              const parts = p.jsonPathValues(c.expr, wrap(obj, type), goPlainValue);
              return parts.length ? parts.join(',') : '<none>';
            }),
          );
        }
        return formatTable(rows, KUBECTL_TABWRITER, this.widths);
      }
      case 'go-template':
        return items.map(({ obj, type }) => s.execute(wrap(obj, type))).join('');
    }
  }

  /** The human-readable printer over the server's Table: a header only with its first rows. */
  private table(items: { obj: KubeObject; type?: EventType }[], wide: boolean): string {
    if (!items.length) return '';
    const o = this.opts;
    const tableOpts = { wide, withNamespace: !!o.allNamespaces, withKind: !!o.showKind, showLabels: o.showLabels, labelColumns: o.labelColumns };
    const now = this.now();
    const rows = p.tableRows(this.info, items.map((i) => i.obj), now, { ...tableOpts, noHeaders: true });
    if (o.outputWatchEvents) rows.forEach((r, i) => r.unshift(EVENT_CELL[items[i].type ?? 'ADDED']));
    if (!o.noHeaders && !this.printedHeaders) {
      const header = p.tableRows(this.info, [items[0].obj], now, tableOpts)[0];
      if (o.outputWatchEvents) header.unshift('EVENT');
      rows.unshift(header);
    }
    this.printedHeaders = true;
    return formatTable(rows, KUBECTL_TABWRITER, this.widths);
  }
}

/** What a watch of the list (or of one object) passes: the API server's cacheWatcher filtering. */
interface Filter {
  kind: string;
  namespace?: string;
  name?: string;
  labels?: Selector;
  fields?: FieldRequirement[];
}

function passes(f: Filter, obj: KubeObject | undefined): boolean {
  if (!obj) return false;
  if (f.namespace !== undefined && obj.metadata.namespace !== f.namespace) return false;
  if (f.name !== undefined && obj.metadata.name !== f.name) return false;
  if (f.labels && !matches(f.labels, obj.metadata.labels)) return false;
  if (f.fields && f.fields.length && !fieldsMatch(f.fields, obj)) return false;
  return true;
}

/**
 * The event a watcher with filter `f` receives for a change, as the watch cache sends it: an object
 * that starts matching arrives ADDED, one that stops matching DELETED (its previous content).
 */
function deliver(f: Filter, ev: WatchEvent): { type: EventType; object: KubeObject } | undefined {
  if (ev.object.kind !== f.kind) return undefined;
  const cur = ev.type !== 'DELETED' && passes(f, ev.object);
  const old = ev.type === 'ADDED' ? false : passes(f, ev.type === 'DELETED' ? ev.object : ev.oldObject);
  if (ev.type === 'DELETED') return old ? { type: 'DELETED', object: ev.object } : undefined;
  if (cur && old) return { type: 'MODIFIED', object: ev.object };
  if (cur) return { type: 'ADDED', object: ev.object };
  if (old) {
    const prev = ev.oldObject!;
    return { type: 'DELETED', object: { ...prev, metadata: { ...prev.metadata, resourceVersion: ev.object.metadata.resourceVersion } } };
  }
  return undefined;
}

/**
 * `kubectl get -w` of a resource type (with a selector) or of one object. `groups`: the resource
 * arguments; several resource types are refused as the resource Builder's SingleResourceType does.
 */
export function getWatch(cluster: KubeCluster, groups: ResourceGroup[], opts: WatchOptions): OpResult {
  return guarded((out) => {
    const spec = parseOutput(opts.output ?? '', { template: opts.template, readFile: opts.readFile, formats: 'get' });
    if (!groups.length) throw new KubectlError('you must provide one or more resources');
    if (new Set(groups.map((g) => g.info)).size > 1) throw new KubectlError('you may only specify a single resource type');
    if (groups.some((g) => g.names) && opts.selector) throw new KubectlError('name cannot be provided when a selector is specified');
    const info = groups[0].info;
    const names = groups.flatMap((g) => g.names ?? []);
    const single = groups.some((g) => g.names);
    // What the last write started has run by the time kubectl lists (the API server's controllers
    // do not wait for the next command).
    runDue(cluster);
    const api = cluster.api;
    const ns = info.namespaced && !opts.allNamespaces ? opts.namespace : undefined;
    const filter: Filter = { kind: info.kind, namespace: ns };
    let objects: KubeObject[];
    if (single) {
      const { objects: found, errors } = selectObjects(api, { info, names }, { namespace: opts.namespace });
      if (errors.length) throw errors[0];
      objects = found;
      filter.name = names[0];
    } else {
      objects = selectObjects(api, { info }, { namespace: opts.namespace, allNamespaces: opts.allNamespaces, labelSelector: opts.selector, fieldSelector: opts.fieldSelector }).objects;
      if (opts.sortBy && opts.sort) objects = opts.sort(objects, opts.sortBy);
      if (opts.selector) filter.labels = parseSelector(opts.selector);
      if (opts.fieldSelector) filter.fields = fieldSelectorFor(info.kind, opts.fieldSelector);
    }
    const printer = new WatchPrinter(spec, info, opts, () => cluster.clock.now());
    const initial = objects.map((obj) => ({ obj, type: opts.outputWatchEvents ? ('ADDED' as const) : undefined }));
    if (!opts.watchOnly) out.out(printer.print(initial));
    // Result.Watch: names of several objects (even of one kind) are no single watch.
    if (names.length > 1) throw new KubectlError('you may only watch a single resource or type of resource at a time');
    const unsubscribe = api.watch(info.kind, (ev) => {
      const d = deliver(filter, ev);
      if (d) out.out(printer.print([{ obj: d.object, type: opts.outputWatchEvents ? d.type : undefined }]));
    });
    try {
      const timeout = opts.timeoutMs ?? 0;
      if (timeout > 0) {
        waitFor(cluster, timeout, () => {
          opts.settle?.onState?.();
          return false;
        });
      } else {
        try {
          cluster.settle(opts.settle);
        } catch (e) {
          // A cluster that does not settle: the watch shows what happened until the step's bound;
          // the runner's own settle reports it.
          if (!(e instanceof Error && e.name === 'SettleError')) throw e;
        }
      }
    } finally {
      unsubscribe();
    }
  });
}
