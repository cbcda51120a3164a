// apps/v1 DaemonSet through the API server: SetDefaults_DaemonSet (pkg/apis/apps/v1/defaults.go),
// daemonSetStrategy (pkg/registry/apps/daemonset/strategy.go: an empty status, templateGeneration
// 1, bumped when the template changes, kept in the deprecated.daemonset.template.generation
// annotation by apps/v1's conversion) and ValidateDaemonSetSpec (pkg/apis/apps/validation).
import type { KubeObject } from '../types';
import { createMessage, newApi } from './testkit';

function ds(mutate: (d: KubeObject) => void = () => undefined): KubeObject {
  const d: KubeObject = {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'agent' },
    spec: { selector: { matchLabels: { app: 'agent' } }, template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'a', image: 'busybox:1.36' }] } } },
  };
  mutate(d);
  return d;
}

const E = 'DaemonSet.apps "agent" is invalid: ';

describe('DaemonSet', () => {
  test('defaults: RollingUpdate with maxUnavailable 1 and maxSurge 0, revisionHistoryLimit 10; the status counters read back as zeros', () => {
    const api = newApi();
    const created = api.create(ds());
    expect(created.spec.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } });
    expect(created.spec.revisionHistoryLimit).toBe(10);
    expect(created.metadata.generation).toBe(1);
    expect(created.metadata.annotations).toEqual({ 'deprecated.daemonset.template.generation': '1' });
    expect(created.status).toEqual({ currentNumberScheduled: 0, numberMisscheduled: 0, desiredNumberScheduled: 0, numberReady: 0 });
    expect(created.spec.template.spec).toMatchObject({ restartPolicy: 'Always', dnsPolicy: 'ClusterFirst', terminationGracePeriodSeconds: 30 });
  });

  test('a template change bumps generation and templateGeneration; an annotation neither', () => {
    const api = newApi();
    const created = api.create(ds());
    const changed = api.update({ ...created, spec: { ...created.spec, template: { ...created.spec.template, spec: { containers: [{ name: 'a', image: 'busybox:1.37' }] } } } });
    expect(changed.metadata.generation).toBe(2);
    expect(changed.metadata.annotations).toEqual({ 'deprecated.daemonset.template.generation': '2' });
    // An annotation of the user's changes neither; the template generation stays where it was.
    const annotated = api.update({ ...changed, metadata: { ...changed.metadata, annotations: { note: 'x' } } });
    expect(annotated.metadata.generation).toBe(2);
    expect(annotated.metadata.annotations).toEqual({ note: 'x', 'deprecated.daemonset.template.generation': '2' });
  });

  test('OnDelete has no rollingUpdate; an unknown strategy is NotSupported', () => {
    expect(newApi().create(ds((d) => (d.spec.updateStrategy = { type: 'OnDelete' }))).spec.updateStrategy).toEqual({ type: 'OnDelete' });
    expect(createMessage(ds((d) => (d.spec.updateStrategy = { type: 'Sometimes' })))).toBe(
      `${E}spec.updateStrategy: Unsupported value: apps.DaemonSetUpdateStrategy{Type:"Sometimes", RollingUpdate:(*apps.RollingUpdateDaemonSet)(nil)}: supported values: "OnDelete", "RollingUpdate"`,
    );
  });

  test('the selector must match the template and not be empty; pods restart Always', () => {
    expect(createMessage(ds((d) => (d.spec.template.metadata.labels = { app: 'other' })))).toBe(
      `${E}spec.template.metadata.labels: Invalid value: map[string]string{"app":"other"}: \`selector\` does not match template \`labels\``,
    );
    expect(createMessage(ds((d) => (d.spec.selector = {})))).toBe(`${E}spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for daemonset`);
    expect(createMessage(ds((d) => (d.spec.template.spec.restartPolicy = 'Never')))).toBe(`${E}spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"`);
  });
});
