// Object types of the embedded API server. Field shapes come from `kubernetes-types` (generated
// from Kubernetes' OpenAPI); here they are narrowed so that apiVersion, kind and metadata are present
// on every stored object.
import type * as core from 'kubernetes-types/core/v1';
import type * as apps from 'kubernetes-types/apps/v1';
import type * as meta from 'kubernetes-types/meta/v1';
import type * as discovery from 'kubernetes-types/discovery/v1';

/** kubernetes-types marks server-set fields readonly; the API server is what sets them. */
type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export type ObjectMeta = Mutable<meta.ObjectMeta>;
export type OwnerReference = meta.OwnerReference;
export type LabelSelector = meta.LabelSelector;
export type Condition = meta.Condition;

/** Any object the API server stores. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [field: string]: any;
}

type Stored<T> = Omit<T, 'apiVersion' | 'kind' | 'metadata'> & KubeObject;

export type Pod = Stored<core.Pod> & { spec: core.PodSpec; status?: core.PodStatus };
export type PodSpec = core.PodSpec;
export type PodStatus = core.PodStatus;
export type PodTemplateSpec = core.PodTemplateSpec;
export type Container = core.Container;
export type ContainerStatus = core.ContainerStatus;
export type Service = Stored<core.Service> & { spec: core.ServiceSpec };
export type ServicePort = core.ServicePort;
export type Endpoints = Stored<core.Endpoints>;
export type EndpointSubset = core.EndpointSubset;
export type EndpointAddress = core.EndpointAddress;
export type Node = Stored<core.Node>;
export type Namespace = Stored<core.Namespace>;
export type Event = Stored<core.Event>;
export type Deployment = Stored<apps.Deployment> & { spec: apps.DeploymentSpec; status?: apps.DeploymentStatus };
export type DeploymentSpec = apps.DeploymentSpec;
export type DeploymentStatus = apps.DeploymentStatus;
export type DeploymentCondition = apps.DeploymentCondition;
export type ReplicaSet = Stored<apps.ReplicaSet> & { spec: apps.ReplicaSetSpec; status?: apps.ReplicaSetStatus };
export type ReplicaSetStatus = apps.ReplicaSetStatus;
export type EndpointSlice = Stored<discovery.EndpointSlice>;

/** How a watch event reports a change, as in the Kubernetes watch protocol. */
export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface WatchEvent {
  type: WatchEventType;
  /** The object after the change (for DELETED: its last state). Frozen. */
  object: KubeObject;
  /** The object before the change (MODIFIED and DELETED only). Frozen. */
  oldObject?: KubeObject;
}
