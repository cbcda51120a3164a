// kubespec's library entry (`require('kubespec')`): run spec files and render their reports, grade
// submissions, drive an embedded cluster from code, and the engine's own classes and object types.
// Everything here is documented in the README ("kubespec as a library") and typed without any
// development dependency; anything not exported here is internal and may change.

// Specs: load, run, report.
export { runSpecs, type RunOptions } from './runner';
export { loadSpecFile, loadSpecText, type LoadedFile, type LoadedDocument, type LoadOptions } from './spec/loader';
export type { Spec, Step, Assertion, Action } from './spec/model';
export type { RunResult, SpecResult, StepResult, Failure, Mismatch, RunSummary, Status } from './runner/result';
export { renderReport, REPORT_FORMATS, type RenderOptions } from './library/report';

// Grading.
export { gradeSubmission, gradeSubmissions, type GradeOptions, type ClassOptions, type ClassGrade, type StudentGrade } from './grade';

// A cluster to drive from code.
export { createCluster, KubespecError, type CreateClusterOptions, type KubespecCluster, type CheckResult, type KubectlResult } from './library/cluster';

// The engine.
export { ApiServer } from './apiserver/apiserver';
export { StatusError } from './apiserver/errors';
export type * from './apiserver/types';
export { Cluster, SettleError, type SettleOptions } from './cluster/cluster';
export { defaultConfig } from './cluster/config';
export type { ClusterConfig, ClusterOptions, NodeConfig } from './cluster/config';
