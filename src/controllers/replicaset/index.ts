// ReplicaSet controller: keeps spec.replicas pods per ReplicaSet (replica_set.ts), with its pod
// index (pod_index.ts) and status arithmetic (replica_set_utils.ts).
export { ReplicaSetController, BURST_REPLICAS, getPodFromTemplate, getPodsToDelete, slowStartBatch } from './replica_set';
