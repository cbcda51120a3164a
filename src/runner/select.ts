// Which specs of a run run, and why the others are skipped: a spec's own `skip:`, `--exclude` (on the
// spec's name or file), `--exclude-tag`, `--tag`, then `only: true` (while any selected spec of the
// run has it, only those run, as Jest's `.only`). A skipped spec is still reported, with its reason
// and its steps, and weighs nothing in a grade.
import * as path from 'path';
import type { Spec } from '../spec/model';
import { loadSpecFile, type LoadedFile, type LoadOptions } from '../spec/loader';
import { compileRegexLiteral, isRegexLiteral, regexProblem } from '../spec/pattern';
import { round2, type SkipCause, type SpecResult } from './result';
import { msg } from '../i18n';
import { runnerMessages as t } from '../i18n/messages/runner';

export interface SpecSelection {
  /** Run only the specs tagged with one of these (`--tag`, repeatable). */
  tags?: string[];
  /** Skip the specs tagged with any of these (`--exclude-tag`). */
  excludeTags?: string[];
  /** Skip the specs whose name or file contains one of these texts, or matches one of these `/re/`s (`--exclude`). */
  exclude?: string[];
  /**
   * Whether a selected spec of the run is `only: true`. A caller that splits the run's files into
   * tasks (--jobs, --shard, grade) decides it once over every file; unset, each run decides over
   * its own files.
   */
  only?: boolean;
}

export interface Skip {
  reason: string;
  by: SkipCause;
}

/** A filter on spec names (`--filter`): `text` as a substring, `/re/` as a regex. Throws on a regex that does not compile. */
export function nameFilter(filter: string | undefined): (name: string) => boolean {
  if (!filter) return () => true;
  if (isRegexLiteral(filter)) {
    const why = regexProblem(filter);
    if (why) throw new Error(msg(t.badFilter, { filter, why }));
    const re = compileRegexLiteral(filter);
    return (name) => re.test(name);
  }
  return (name) => name.includes(filter);
}

/** The first `--exclude` pattern naming the spec's name or file, if any. */
function excludedBy(name: string, file: string, patterns: readonly string[] = []): string | undefined {
  const shown = file.split(path.sep).join('/');
  return patterns.find((p) => {
    if (isRegexLiteral(p)) {
      const re = compileRegexLiteral(p);
      return re.test(name) || re.test(shown);
    }
    return name.includes(p) || shown.includes(p);
  });
}

/** Why `--exclude` skips a spec that could not be loaded (nothing else can be read of it). */
export function excludedSkip(name: string, file: string, select: SpecSelection | undefined): Skip | undefined {
  const by = excludedBy(name, file, select?.exclude);
  return by === undefined ? undefined : { reason: msg(t.skipExcluded, { pattern: by }), by: 'exclude' };
}

/** Why the selection leaves the spec out, `only` aside; undefined when it is selected. */
function deselected(spec: Spec, select: SpecSelection | undefined): Skip | undefined {
  if (spec.skip) return { reason: spec.skip.reason ?? msg(t.skipInSpec), by: 'skip' };
  const excluded = excludedSkip(spec.name, spec.file, select);
  if (excluded) return excluded;
  const tagged = select?.excludeTags?.find((tag) => spec.tags.includes(tag));
  if (tagged !== undefined) return { reason: msg(t.skipExcludedTag, { tag: tagged }), by: 'tag' };
  if (select?.tags?.length && !select.tags.some((tag) => spec.tags.includes(tag))) {
    return { reason: msg(t.skipNotTagged, { tags: select.tags.join(', ') }), by: 'tag' };
  }
  return undefined;
}

/** Why the spec is skipped in this run (`only`: whether some selected spec is `only: true`), or undefined. */
export function skipOf(spec: Spec, select: SpecSelection | undefined, only: boolean): Skip | undefined {
  return deselected(spec, select) ?? (only && !spec.only ? { reason: msg(t.skipOnly), by: 'only' } : undefined);
}

/** Whether a spec of these loaded files that the selection (and `passes`, the name filter) keeps is `only: true`. */
export function onlyIn(files: readonly LoadedFile[], select: SpecSelection | undefined, passes: (name: string) => boolean = () => true): boolean {
  return files.some((f) => f.documents.some((d) => d.ok && d.spec.only && passes(d.spec.name) && !deselected(d.spec, select)));
}

/** onlyIn over spec files read from disk (for callers that split a run into tasks). */
export function onlyInFiles(files: readonly string[], cwd: string, select: SpecSelection | undefined, passes?: (name: string) => boolean, load: LoadOptions = {}): boolean {
  return onlyIn(
    files.map((f) => loadSpecFile(path.resolve(cwd, f), f, load)),
    select,
    passes,
  );
}

/** The result of a spec that did not run: every step skipped for the same reason, nothing scored or weighed. */
export function skippedResult(spec: Spec, skip: Skip): SpecResult {
  return {
    file: spec.file,
    name: spec.name,
    index: spec.index,
    location: spec.location,
    status: 'skipped',
    reason: skip.reason,
    skippedBy: skip.by,
    durationMs: 0,
    engineMs: 0,
    score: 0,
    maxScore: 0,
    steps: spec.steps.map((step) => ({ name: step.name, status: 'skipped', reason: skip.reason, location: step.location, durationMs: 0, points: round2(0), score: 0, failures: [] })),
  };
}
