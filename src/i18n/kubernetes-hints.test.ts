// kubernetesHint: the Korean line under Kubernetes' common messages, chosen by the most specific
// pattern, for the API server's, kubectl's and the kubelet's words as kubespec prints them.
import { kubernetesHint } from './kubernetes-hints';

const HANGUL = /[\uac00-\ud7a3]/;

/** Each message as the embedded cluster or kubectl prints it, and a word its hint must hold. */
const CASES: [string, string, string][] = [
  ['field is immutable', 'The Deployment "web" is invalid: spec.selector: Invalid value: {"matchLabels":{"app":"x"}}: field is immutable', '바꿀 수 없는'],
  ['Required value', 'The Service "my-nginx" is invalid: spec.ports[0].port: Required value', '빠졌어요'],
  ['Unsupported value', 'The Service "s" is invalid: spec.type: Unsupported value: "Nodeport": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"', 'supported values'],
  ['Invalid value', 'The Deployment "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0', '올바르지 않아요'],
  ['a port out of range', 'The Service "my-nginx" is invalid: spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive', '1~65535'],
  ['a nodePort out of range', 'The Service "my-nginx" is invalid: spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767', '30000~32767'],
  ['a nodePort taken', 'The Service "b" is invalid: spec.ports[0].nodePort: Invalid value: 30000: provided port is already allocated', '이미 다른 Service'],
  ['unknown field', 'Error from server (BadRequest): error when creating "x.yaml": Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.replica"', '모르는 필드'],
  ['not found', 'Error from server (NotFound): deployments.apps "nope" not found', '이름, kind, 네임스페이스'],
  ['already exists', 'Error from server (AlreadyExists): error when creating "x.yaml": deployments.apps "web" already exists', 'apply'],
  ['no matches for kind', 'error: resource mapping not found for name: "web" namespace: "default" from "x.yaml": no matches for kind "deployment" in version "apps/v1"\nensure CRDs are installed first', '대소문자'],
  ['ImagePullBackOff', 'ImagePullBackOff', '이미지'],
  ['ErrImagePull', 'ErrImagePull', '이미지'],
  ['CrashLoopBackOff', 'CrashLoopBackOff', 'kubectl logs'],
  ['CreateContainerConfigError', 'CreateContainerConfigError', 'ConfigMap'],
  ['a tab (yaml: line N)', 'error: error parsing nginx-svc.yaml: error converting YAML to JSON: yaml: line 8: found character that cannot start any token', '8번째 줄'],
  ['other YAML errors (yaml: line N)', 'error: error parsing x.yaml: error converting YAML to JSON: yaml: line 3: could not find expected \':\'', '3번째 줄'],
  ['mapping values (yaml: line N)', 'error: error parsing x.yaml: error converting YAML to JSON: yaml: line 12: mapping values are not allowed in this context', '12번째 줄'],
  ['Forbidden', 'The Deployment "d" is invalid: spec.template.spec.restartPolicy: Forbidden: only "Always" is allowed', '허용되지 않는'],
  ['forbidden', 'Error from server (Forbidden): pods "p" is forbidden: unable to create new content in namespace gone because it is being terminated', '허용되지 않는'],
  ['Recreate with rollingUpdate', "The Deployment \"nginx-deployment\" is invalid: spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'", 'Recreate'],
  ['field label not supported', 'Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "", field selector "spec.foo=x": field label not supported: spec.foo', 'fieldSelector'],
  ['a selector that misses the template', 'The Deployment "web" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`', '레이블'],
  ['a name that is not RFC 1123', "The Service \"My-Svc\" is invalid: metadata.name: Invalid value: \"My-Svc\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')", '소문자'],
  ['a value of the wrong type', 'Error from server (BadRequest): error when creating "x.yaml": Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32', '타입'],
];

describe('kubernetesHint', () => {
  test.each(CASES)('%s', (_name, message, word) => {
    const hint = kubernetesHint(message);
    expect(hint).toBeDefined();
    expect(hint).toMatch(HANGUL);
    expect(hint).toContain(word);
    // One line, to print under the message.
    expect(hint).not.toContain('\n');
  });

  test('the specific pattern wins over the general one', () => {
    // `Invalid value` and `Forbidden` are in both; the port range and the strategy are what to fix.
    expect(kubernetesHint('spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive')).toContain('1~65535');
    expect(kubernetesHint('yaml: line 8: found character that cannot start any token')).toContain('탭');
    expect(kubernetesHint('spec.selector: Invalid value: x: field is immutable')).toContain('바꿀 수 없는');
  });

  test('a message it does not know has no hint', () => {
    expect(kubernetesHint('deployment.apps/nginx-deployment created')).toBeUndefined();
    expect(kubernetesHint('')).toBeUndefined();
  });
});
