// Grading and the machinery shared with `kubespec run`: sharding, parallel runs on worker threads,
// spec-file discovery, the class roster.
export { gradeSubmission, gradeSubmissions, type GradeOptions, type ClassOptions, type ClassGrade, type StudentGrade } from './grade';
export { executeTasks, mergeResults, stopwatch, type ExecuteOptions, type RunFn, type Task } from './execute';
export { selectShard, shardRange, compareKeys, type Shard } from './shard';
export { listSpecFiles, listSubmissions, specFilesFor, type StudentFolder } from './files';
export { rosterCsv, rosterRow, writeRoster, csvField, ROSTER_COLUMNS, type RosterRow } from './roster';
export { portableName, reportFolders, REPORT_NAME, STUDENTS_FOLDER } from './report-folders';
export { runSharded, type ShardedRunOptions } from './run';
