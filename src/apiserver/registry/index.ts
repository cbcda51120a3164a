// The strategies (decode, defaulting, validation, allocation) of every kind the API server serves,
// as upstream's pkg/registry/<group>/<kind>/strategy.go files are.
//   decode.ts      strict JSON decoding (types, unknown fields) from schema/types.generated.ts
//   defaults.ts    SetDefaults_* of core/v1 and apps/v1
//   validation.ts  names, labels, selectors, object metadata (apimachinery)
//   podspec.ts     pod spec and pod template validation (core)
//   pod.ts, apps.ts, service.ts, others.ts   one strategy per kind
//   configmap.ts, secret.ts, serviceaccount.ts (base64.ts: Go's decoding of []byte fields)
import type { Strategies } from '../strategy';
import { daemonSetStrategy, deploymentStrategy, replicaSetStrategy } from './apps';
import { endpointSliceStrategy, endpointsStrategy, eventStrategy, namespaceStrategy, nodeStrategy } from './others';
import { configMapStrategy } from './configmap';
import { podStrategy } from './pod';
import { secretStrategy } from './secret';
import { serviceAccountStrategy } from './serviceaccount';
import { serviceStrategy } from './service';

export function defaultStrategies(): Strategies {
  return {
    Pod: podStrategy(),
    ReplicaSet: replicaSetStrategy(),
    Deployment: deploymentStrategy(),
    DaemonSet: daemonSetStrategy(),
    Service: serviceStrategy(),
    Endpoints: endpointsStrategy(),
    EndpointSlice: endpointSliceStrategy(),
    Node: nodeStrategy(),
    Namespace: namespaceStrategy(),
    Event: eventStrategy(),
    ConfigMap: configMapStrategy(),
    Secret: secretStrategy(),
    ServiceAccount: serviceAccountStrategy(),
  };
}
