// The real-cluster options: durations as Go writes them, and the options that need a cluster.
import { parseDuration, resolveRemote } from './remote-options';

describe('real-cluster options', () => {
  test('durations', () => {
    expect(parseDuration('max-wait', '90s')).toBe(90_000);
    expect(parseDuration('max-wait', '1m30s')).toBe(90_000);
    expect(parseDuration('max-wait', '500ms')).toBe(500);
    expect(parseDuration('max-wait', '2')).toBe(2000);
    expect(parseDuration('step-timeout', '1h')).toBe(3_600_000);
    for (const bad of ['', 'soon', '10x', '-5s', '0s', '25h', '1m junk']) expect(() => parseDuration('max-wait', bad)).toThrow(`--max-wait takes a duration such as 90s or 2m, not "${bad}"`);
  });

  test('a real cluster is asked for by --kubeconfig or --context; its options alone are a usage error', () => {
    expect(resolveRemote({})).toBeUndefined();
    expect(resolveRemote({ context: 'kind-course' })).toEqual({ context: 'kind-course' });
    expect(resolveRemote({ kubeconfig: 'kc', 'max-wait': '5s', 'step-timeout': '2m', 'quiet-period': '300ms', 'keep-namespaces': true, 'allow-cluster-scoped': true, compare: true })).toEqual({
      kubeconfig: 'kc',
      maxWaitMs: 5000,
      stepTimeoutMs: 120_000,
      quietMs: 300,
      keepNamespaces: true,
      allowClusterScoped: true,
      compare: true,
    });
    expect(() => resolveRemote({ 'keep-namespaces': true })).toThrow('--keep-namespaces needs a real cluster: pass --kubeconfig FILE or --context NAME');
  });
});
