// Grading: an instructor's spec suite run over students' manifests. `gradeSubmission` grades one
// folder; `gradeSubmissions` grades every student folder of a class (or one shard of it), writes a
// report per student and the roster. Each spec file runs as its own task against the submission
// (see execute.ts), so `jobs` and workers change how fast, never what.
import * as path from 'path';
import type { RunOptions } from '../runner';
import type { RunResult, SpecResult } from '../runner/result';
import { createReporter, REPORTER_EXTENSIONS } from '../report';
import { renderJson } from '../report/json';
import { renderClassIndex, renderReport } from '../report/html/page';
import { fileOutput, writeOutputFile } from '../report/output';
import { executeTasks, mergeResults, stopwatch, type ExecuteOptions, type Task } from './execute';
import { listSubmissions, specFilesFor, type StudentFolder } from './files';
import { rosterRow, writeRoster, type RosterRow } from './roster';
import { selectShard, type Shard } from './shard';
import { REPORT_NAME, reportFolders, STUDENTS_FOLDER } from './report-folders';
import { runSelection } from './select';
import type { SpecSelection } from '../runner/select';

export interface GradeOptions extends ExecuteOptions {
  /** The spec suite: files or folders of `*.spec.yaml`. */
  specs: string[];
  /** Options for every run (seed, filter, budgets); `submission` is set per student. */
  runOptions?: Omit<RunOptions, 'submission' | 'onSpecResult' | 'cwd'>;
  /** Working directory for relative paths (default process.cwd()). */
  cwd?: string;
}

function baseDir(opts: GradeOptions): string {
  return path.resolve(opts.cwd ?? process.cwd());
}

function tasksFor(submission: string, files: string[], opts: GradeOptions, select: SpecSelection): Task[] {
  // A student is graded on their own files unless the caller opts into the spec's (--spec-manifests).
  const submissionOnly = opts.runOptions?.submissionOnly ?? true;
  return files.map((f) => ({ files: [f], options: { ...opts.runOptions, select, submission, submissionOnly, cwd: baseDir(opts) } }));
}

/** The suite's selection, `only: true` decided over every spec file (each task runs one). */
function suiteSelection(opts: GradeOptions): SpecSelection {
  return runSelection(opts.specs, baseDir(opts), opts.runOptions ?? {});
}

/**
 * Grade one submission folder: every spec of the suite (or of one shard of its spec files), run
 * against it.
 */
export async function gradeSubmission(dir: string, opts: GradeOptions & { shard?: Shard }, onSpecResult?: (spec: SpecResult) => void): Promise<RunResult> {
  const elapsed = stopwatch();
  const submission = path.resolve(baseDir(opts), dir);
  const files = specFilesFor(opts.specs, baseDir(opts), opts.shard);
  const results = await executeTasks(tasksFor(submission, files, opts, suiteSelection(opts)), opts, { onSpec: (_i, s) => onSpecResult?.(s) });
  return mergeResults(results, elapsed(), opts.runOptions?.seed);
}

export interface ClassOptions extends GradeOptions {
  /** Where reports and the roster go. */
  out: string;
  /** Only this shard of the (sorted) student folders. */
  shard?: Shard;
  /** Formats written per student besides `<student>.json`: `junit`, `tap`, `gradescope`, `pretty`. */
  formats?: string[];
  /** Applied to each student's result before it is written (e.g. zeroing durations). */
  transform?(result: RunResult): RunResult;
}

export interface StudentGrade extends StudentFolder {
  result: RunResult;
  row: RosterRow;
  /** Files written for this student. */
  files: string[];
}

export interface ClassGrade {
  students: StudentGrade[];
  roster: { csv: string; json: string };
  specFiles: string[];
}

/**
 * Grade every student folder in `root` (or the shard asked for): `<out>/students/<folder>/report.json`
 * (plus the other formats asked for, `report.junit.xml`...) as each student finishes, in name
 * order, then `<out>/roster.csv` and `<out>/roster.json`. `<folder>` is the student's name made
 * portable and unique (report-folders.ts): no name can land on the roster or on another's report.
 */
export async function gradeSubmissions(root: string, opts: ClassOptions, onStudent?: (grade: StudentGrade) => void): Promise<ClassGrade> {
  const cwd = baseDir(opts);
  const all = listSubmissions(path.resolve(cwd, root));
  const folders = reportFolders(all.map((s) => s.student));
  const students = selectShard(all, opts.shard, (s) => s.student);
  const files = specFilesFor(opts.specs, cwd);
  const out = path.resolve(cwd, opts.out);
  const select = suiteSelection(opts);
  const tasks = students.flatMap((s) => tasksFor(s.dir, files, opts, select));
  const grades: StudentGrade[] = [];
  const pending: RunResult[] = [];

  await executeTasks(tasks, opts, {
    onTaskDone: (_i, result) => {
      pending.push(result);
      if (pending.length < files.length && files.length > 0) return;
      const student = students[grades.length];
      // A student's time is the time of their runs (students are graded side by side with --jobs).
      const parts = pending.splice(0);
      const merged = mergeResults(parts, parts.reduce((a, r) => a + r.summary.durationMs, 0), opts.runOptions?.seed);
      grades.push(writeStudent(student, folders.get(student.student)!, opts.transform ? opts.transform(merged) : merged, out, cwd, opts.formats ?? []));
      onStudent?.(grades[grades.length - 1]);
    },
  });
  // With no spec files no task runs: every student still gets a (empty) report and a roster row.
  while (grades.length < students.length) {
    const merged = mergeResults([], 0, opts.runOptions?.seed);
    const student = students[grades.length];
    grades.push(writeStudent(student, folders.get(student.student)!, merged, out, cwd, opts.formats ?? []));
    onStudent?.(grades[grades.length - 1]);
  }
  const roster = writeRoster(out, {
    shard: opts.shard ? `${opts.shard.index}/${opts.shard.count}` : undefined,
    specs: files,
    students: grades.map((g) => g.row),
  });
  // With -r html, an index page beside the roster links every student's page.
  if (opts.formats?.includes('html')) writeOutputFile(path.join(out, 'index.html'), renderClassIndex(grades.map((g) => ({ row: g.row, page: [STUDENTS_FOLDER, folders.get(g.student)!, `${REPORT_NAME}.html`].join('/') })), { shard: opts.shard ? `${opts.shard.index}/${opts.shard.count}` : undefined, specs: files }));
  return { students: grades, roster, specFiles: files };
}

function writeStudent(student: StudentFolder, folder: string, result: RunResult, out: string, cwd: string, formats: string[]): StudentGrade {
  const dir = path.join(out, STUDENTS_FOLDER, folder);
  const files = [path.join(dir, `${REPORT_NAME}.json`)];
  writeOutputFile(files[0], renderJson(result, cwd, { student: student.student }));
  for (const format of formats) {
    if (format === 'json') continue;
    const file = path.join(dir, `${REPORT_NAME}${REPORTER_EXTENSIONS[format] ?? `.${format}`}`);
    if (format === 'html') writeOutputFile(file, renderReport(result, { cwd, student: student.student }));
    else createReporter(format, fileOutput(file), cwd).onRunComplete(result);
    files.push(file);
  }
  // Relative to the roster, with `/` whatever the platform: the roster is read on other machines.
  const report = [STUDENTS_FOLDER, folder, `${REPORT_NAME}.json`].join('/');
  return { ...student, result, row: rosterRow(student.student, result, report), files };
}
