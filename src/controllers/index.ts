// The controllers a simulated cluster runs, in the order the settle loop visits them: a
// namespace's service account and CA first, the workload controllers, then the garbage collector,
// the scheduler, the node side, the Service side, then namespace deletion and the API server's own
// `kubernetes` Service. One instance of each per cluster.
import type { Controller } from './controller';
import { DeploymentController } from './deployment';
import { ReplicaSetController } from './replicaset';
import { GarbageCollector } from './garbagecollector';
import { Scheduler } from './scheduler';
import { Kubelet } from './kubelet';
import { NodeLifecycleController } from './nodelifecycle';
import { EndpointsController } from './endpoints';
import { RootCACertPublisher, ServiceAccountsController } from './serviceaccount';
import { NamespaceController } from './namespace';
import { KubernetesServiceController } from './controlplane';

export function defaultControllers(): Controller[] {
  return [
    // First: a namespace's default ServiceAccount and kube-root-ca.crt exist before its pods do.
    new ServiceAccountsController(),
    new RootCACertPublisher(),
    new DeploymentController(),
    new ReplicaSetController(),
    new GarbageCollector(),
    new Scheduler(),
    new Kubelet(),
    new NodeLifecycleController(),
    new EndpointsController(),
    new NamespaceController(),
    new KubernetesServiceController(),
  ];
}
