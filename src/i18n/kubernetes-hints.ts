// What Kubernetes' most common messages mean, in Korean: the API server's, kubectl's and the
// kubelet's words stay English exactly as a real cluster prints them, and in Korean output one line
// from this table follows each (`kubernetesHint`). The first matching pattern wins, so the specific
// ones (a port out of range, a selector that misses its template) come before the general ones
// (`Invalid value`, `not found`).

interface HintRule {
  /** What Kubernetes says. */
  pattern: RegExp;
  /** The Korean line, from the match (a line number, a field). */
  hint: (m: RegExpExecArray) => string;
}

const RULES: readonly HintRule[] = [
  // YAML that does not parse: kubectl says `error converting YAML to JSON: yaml: line 8: ...`.
  {
    pattern: /yaml: line (\d+): (?:found character that cannot start any token|found a tab character)/,
    hint: (m) => `매니페스트 ${m[1]}번째 줄 근처에 탭 문자가 있어요. YAML은 공백으로만 들여써야 해요.`,
  },
  {
    pattern: /yaml: line (\d+): mapping values are not allowed in this context/,
    hint: (m) => `매니페스트 ${m[1]}번째 줄 근처에서 들여쓰기나 콜론이 어긋났어요. "키: 값"의 콜론 뒤에 공백이 있는지, 들여쓰기가 맞는지 확인하세요.`,
  },
  {
    pattern: /yaml: line (\d+): (?:did not find expected key|did not find expected '-' indicator|block sequence entries are not allowed)/,
    hint: (m) => `매니페스트 ${m[1]}번째 줄 근처의 들여쓰기가 위아래 줄과 맞지 않아요. 같은 수준의 키는 같은 칸에서 시작해야 해요.`,
  },
  {
    pattern: /yaml: line (\d+): (?:key .* already set in map|mapping key .* already defined)/,
    hint: (m) => `매니페스트 ${m[1]}번째 줄 근처에서 같은 맵에 같은 키를 두 번 썼어요. 하나만 남기세요.`,
  },
  {
    pattern: /yaml: line (\d+):/,
    hint: (m) => `매니페스트 ${m[1]}번째 줄 근처에 YAML 문법 오류가 있어요. 들여쓰기(탭 대신 공백), 콜론 뒤 공백, 따옴표 짝을 확인하세요.`,
  },
  {
    pattern: /error converting YAML to JSON|error parsing .*: yaml:/,
    hint: () => 'YAML 문법 오류예요. 들여쓰기(탭 대신 공백), 콜론 뒤 공백, 따옴표 짝을 확인하세요.',
  },
  // The API server's validation.
  {
    pattern: /`selector` does not match template `labels`/,
    hint: () => 'spec.selector가 Pod 템플릿의 레이블(spec.template.metadata.labels)과 맞지 않아요. selector에 쓴 레이블을 템플릿에도 똑같이 붙이세요.',
  },
  {
    pattern: /field is immutable/,
    hint: () => '이미 만든 객체에서는 바꿀 수 없는 필드예요(Deployment의 spec.selector 등). 바꾸려면 객체를 지우고 다시 만드세요.',
  },
  {
    pattern: /provided port is not in the valid range\. The range of valid ports is (\d+)-(\d+)/,
    hint: (m) => `nodePort는 ${m[1]}~${m[2]} 사이의 값이어야 해요. 범위 안의 포트를 쓰거나 nodePort를 빼서 자동으로 배정받으세요.`,
  },
  {
    pattern: /provided port is already allocated/,
    hint: () => '이 nodePort는 이미 다른 Service가 쓰고 있어요. 다른 포트를 쓰세요.',
  },
  {
    pattern: /must be between 1 and 65535, inclusive/,
    hint: () => '포트 번호는 1~65535 사이여야 해요. port, targetPort, containerPort 값을 확인하세요.',
  },
  {
    pattern: /RFC 1123|RFC 1035|a valid IANA_SVC_NAME|must consist of lower case alphanumeric characters/,
    hint: () => '이름 형식이 맞지 않아요. 이름에는 영문 소문자, 숫자, "-"만 쓸 수 있고 영문자나 숫자로 시작하고 끝나야 해요.',
  },
  {
    pattern: /may not be specified when strategy `type` is 'Recreate'/,
    hint: () => 'strategy의 type이 Recreate이면 rollingUpdate를 쓸 수 없어요. rollingUpdate 부분을 지우거나 type을 RollingUpdate로 바꾸세요.',
  },
  {
    pattern: /Required value/,
    hint: () => '꼭 있어야 하는 필드가 빠졌어요. 메시지에 나온 경로에 필드를 채우세요.',
  },
  {
    pattern: /Unsupported value/,
    hint: () => '허용되지 않는 값이에요. 메시지 끝의 supported values 중 하나를 그대로(대소문자까지) 쓰세요.',
  },
  {
    pattern: /Invalid value/,
    hint: () => '값이 올바르지 않아요. 메시지에 나온 필드와 값, 그 뒤의 설명(범위, 형식)을 확인하세요.',
  },
  {
    pattern: /[Ff]orbidden/,
    hint: () => '허용되지 않는 설정이나 동작이에요. 메시지 뒤쪽에 나온 조건을 확인하세요.',
  },
  {
    pattern: /unknown field/,
    hint: () => 'Kubernetes가 모르는 필드예요. 철자와 대소문자, 그리고 필드가 한 단계 위나 아래로 들여써지지 않았는지 확인하세요.',
  },
  {
    pattern: /cannot unmarshal \S+ into Go (?:struct field|value of type)|json: cannot unmarshal/,
    hint: () => '필드 값의 타입이 틀렸어요(숫자 자리에 따옴표 친 문자열, 목록 자리에 값 하나 등). 메시지에 나온 필드를 확인하세요.',
  },
  {
    pattern: /no matches for kind/,
    hint: () => '이 apiVersion에는 그런 kind가 없어요. kind의 대소문자와 apiVersion(Deployment, ReplicaSet은 apps/v1, Pod, Service는 v1)을 확인하세요.',
  },
  {
    pattern: /the server doesn't have a resource type/,
    hint: () => '클러스터에 없는 리소스 종류예요. 종류 이름의 철자를 확인하세요.',
  },
  {
    pattern: /field label not supported/,
    hint: () => 'fieldSelector에 쓸 수 없는 필드예요. 이 kind가 지원하는 필드(metadata.name, metadata.namespace, Pod의 status.phase, spec.nodeName 등)를 쓰세요.',
  },
  {
    pattern: /apiVersion not set|kind not set/,
    hint: () => '매니페스트에 apiVersion이나 kind가 없어요. 문서마다 apiVersion, kind, metadata를 쓰세요.',
  },
  {
    pattern: /already exists/,
    hint: () => '같은 이름의 객체가 이미 있어요. create 대신 apply를 쓰거나 다른 이름을 쓰세요.',
  },
  // The kubelet's reasons and messages.
  {
    pattern: /ImagePullBackOff|ErrImagePull|ErrImageNeverPull|InvalidImageName/,
    hint: () => '컨테이너 이미지를 받을 수 없어요. 이미지 이름과 태그에 오타가 없는지 확인하세요.',
  },
  {
    pattern: /CrashLoopBackOff/,
    hint: () => '컨테이너가 시작한 뒤 곧 종료되기를 반복하고 있어요. command와 args를 확인하고 kubectl logs로 로그를 보세요.',
  },
  {
    pattern: /CreateContainerConfigError/,
    hint: () => '컨테이너 설정이 가리키는 ConfigMap이나 Secret, 또는 그 안의 키가 없어요. 이름과 키를 확인하세요.',
  },
  {
    pattern: /MountVolume\.SetUp failed|FailedMount/,
    hint: () => '볼륨을 마운트할 수 없어요. 볼륨이 가리키는 ConfigMap이나 Secret이 있는지 확인하세요.',
  },
  {
    pattern: /FailedScheduling|Insufficient (?:cpu|memory)|didn't match Pod's node affinity|untolerated taint/,
    hint: () => 'Pod를 놓을 노드가 없어요. resources 요청, nodeSelector, 노드의 taint를 확인하세요.',
  },
  {
    pattern: /not found/,
    hint: () => '그런 이름의 객체가 없어요. 이름, kind, 네임스페이스를 확인하세요.',
  },
];

/** The Korean line for a message of Kubernetes' own, or undefined when the table has none. */
export function kubernetesHint(message: string): string | undefined {
  for (const rule of RULES) {
    const m = rule.pattern.exec(message);
    if (m) return rule.hint(m);
  }
  return undefined;
}
