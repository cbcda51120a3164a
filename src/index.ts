// kubespec's library entry: the embedded cluster and the spec runner.
export { ApiServer } from './apiserver/apiserver';
export { StatusError } from './apiserver/errors';
export type * from './apiserver/types';
export { Cluster, SettleError } from './cluster/cluster';
export { defaultConfig } from './cluster/config';
export type { ClusterConfig, ClusterOptions, NodeConfig } from './cluster/config';
