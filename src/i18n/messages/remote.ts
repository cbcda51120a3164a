// `kubespec run|grade --kubeconfig`: the options of a run on a real cluster and its command-line errors.
// (The skip reasons and the API server's own errors stay in English: they name Kubernetes things.)
import { defineMessages } from '../index';

export const remoteMessages = defineMessages({
  kubeconfig: {
    en: 'Run the specs on the real cluster of this kubeconfig (each spec in a namespace of its own, deleted after it)',
    ko: '이 kubeconfig의 실제 클러스터에서 스펙 실행 (스펙마다 전용 네임스페이스를 만들고 끝나면 삭제)',
  },
  context: { en: "The kubeconfig's context to use (also turns on the real-cluster run, with KUBECONFIG)", ko: '사용할 kubeconfig 컨텍스트 (KUBECONFIG와 함께 실제 클러스터 실행을 켬)' },
  allowClusterScoped: {
    en: "On a real cluster: let manifests write other namespaces and cluster-scoped kinds (removed after each spec)",
    ko: '실제 클러스터에서: 다른 네임스페이스와 클러스터 범위 종류에 쓰기 허용 (스펙이 끝나면 삭제)',
  },
  keepNamespaces: { en: "On a real cluster: keep each spec's namespace afterwards, to look at it", ko: '실제 클러스터에서: 스펙의 네임스페이스를 지우지 않고 남겨 두기' },
  stepTimeout: { en: 'On a real cluster: longest a step may take to settle (default 120s)', ko: '실제 클러스터에서: 한 단계가 안정될 때까지 기다리는 최대 시간 (기본값 120s)' },
  maxWait: { en: 'On a real cluster: longest `wait:` step honoured; longer ones are skipped (default 60s)', ko: '실제 클러스터에서: 실제로 기다리는 `wait:`의 최대 시간, 더 긴 단계는 건너뜀 (기본값 60s)' },
  quietPeriod: {
    en: 'On a real cluster: how long nothing may change before a step counts as settled (default 1s)',
    ko: '실제 클러스터에서: 아무것도 바뀌지 않아야 단계가 안정됐다고 보는 시간 (기본값 1s)',
  },
  nodeAddress: {
    en: "On a real cluster: where nodePorts are reached from this machine (default: each node's InternalIP, then the API server's host)",
    ko: '실제 클러스터에서: 이 머신에서 nodePort에 닿는 주소 (기본값: 각 노드의 InternalIP, 다음으로 API 서버 호스트)',
  },
  compare: {
    en: 'Run each spec on the embedded cluster and on the real one, and list every outcome and field that differs',
    ko: '스펙을 내장 클러스터와 실제 클러스터에서 모두 실행하고 결과와 필드가 다른 곳을 모두 나열',
  },
  compareGrade: { en: '--compare is for kubespec run: it reports differences, not grades', ko: '--compare는 kubespec run에서만 써요: 점수가 아니라 차이를 보여 줘요' },
  badDuration: { en: '--{option} takes a duration such as 90s or 2m, not "{value}"', ko: '--{option}에는 90s나 2m 같은 시간을 써야 해요 ("{value}"는 안 돼요)' },
  needsCluster: { en: '--{option} needs a real cluster: pass --kubeconfig FILE or --context NAME', ko: '--{option}에는 실제 클러스터가 필요해요: --kubeconfig FILE 또는 --context NAME을 주세요' },
  unreachable: { en: 'cannot run on the real cluster: {error}', ko: '실제 클러스터에서 실행할 수 없어요: {error}' },
});
