// The controllers a simulated cluster runs, in the order the settle loop visits them: the
// workload controllers first, then the garbage collector, the scheduler, the node side, and the
// Service side. One instance of each per cluster.
import type { Controller } from './controller';
import { DeploymentController } from './deployment';
import { ReplicaSetController } from './replicaset';
import { GarbageCollector } from './garbagecollector';
import { Scheduler } from './scheduler';
import { Kubelet } from './kubelet';
import { NodeLifecycleController } from './nodelifecycle';
import { EndpointsController } from './endpoints';

export function defaultControllers(): Controller[] {
  return [
    new DeploymentController(),
    new ReplicaSetController(),
    new GarbageCollector(),
    new Scheduler(),
    new Kubelet(),
    new NodeLifecycleController(),
    new EndpointsController(),
  ];
}
