// The one Kubernetes version kubespec is: v1.32.5, everywhere it shows (the API server's /version,
// the OpenAPI documents' info.version, the nodes' kubeletVersion and kubeProxyVersion, and the
// kubectl emulation's `kubectl version`). The build fields are those of the upstream v1.32.5
// release (the release's kubectl reports the same commit, Go version and build date).
/** The release, as /version's gitVersion and the kubelets report it. */
export const KUBERNETES_VERSION = 'v1.32.5';

/**
 * /version as a v1.32.5 kube-apiserver answers it (k8s.io/apimachinery/pkg/version.Info: major,
 * minor, gitVersion, gitCommit, gitTreeState, buildDate, goVersion, compiler, platform, in that order).
 */
export function versionInfo(): Record<string, string> {
  const m = /^v(\d+)\.(\d+)\./.exec(KUBERNETES_VERSION)!;
  return {
    major: m[1],
    minor: m[2],
    gitVersion: KUBERNETES_VERSION,
    gitCommit: '9894294ef13a5b32803e3ca2c0d620a088cc84d1',
    gitTreeState: 'clean',
    buildDate: '2025-05-15T09:12:10Z',
    goVersion: 'go1.23.8',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}
