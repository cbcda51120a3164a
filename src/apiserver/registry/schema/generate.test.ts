// The committed type table must be what the generator makes from the installed kubernetes-models.
import * as fs from 'fs';
import * as path from 'path';
import { generate } from './generate';
import { STRUCTS, ROOTS } from './types.generated';

describe('types.generated.ts', () => {
  test('is up to date with the installed kubernetes-models (regenerate with `npx ts-node src/apiserver/registry/schema/generate.ts`)', () => {
    const committed = fs.readFileSync(path.join(__dirname, 'types.generated.ts'), 'utf8');
    expect(generate()).toBe(committed);
  });

  test('holds the Go shapes error messages need', () => {
    expect(ROOTS.Deployment).toBe('IoK8sApiAppsV1Deployment');
    expect(STRUCTS.IoK8sApiAppsV1DeploymentSpec).toEqual([
      'v1.DeploymentSpec',
      expect.objectContaining({ replicas: 'int32', selector: '@IoK8sApimachineryPkgApisMetaV1LabelSelector', template: '@IoK8sApiCoreV1PodTemplateSpec' }),
    ]);
    // Numbers' widths are asked of the OpenAPI validator: int64 for user ids, int32 for ports.
    expect(STRUCTS.IoK8sApiCoreV1PodSecurityContext[1].runAsUser).toBe('int64');
    expect(STRUCTS.IoK8sApiCoreV1ContainerPort[1]).toEqual({ containerPort: 'int32', hostIP: 'string', hostPort: 'int32', name: 'string', protocol: 'v1.Protocol=string' });
    expect(STRUCTS.IoK8sApiCoreV1ResourceRequirements[1].limits).toBe('v1.ResourceList=map[string]quantity');
    expect(STRUCTS.IoK8sApiAppsV1RollingUpdateDeployment[1]).toEqual({ maxSurge: 'intstr', maxUnavailable: 'intstr' });
    // DaemonEndpoint's field really is spelled `Port`.
    expect(STRUCTS.IoK8sApiCoreV1DaemonEndpoint[1]).toEqual({ Port: 'int32' });
  });
});
