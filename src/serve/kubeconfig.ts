// The kubeconfig `kubespec serve` writes: one cluster, user and context, all named `kubespec`.
import * as fs from 'fs';
import * as path from 'path';
import { stringify } from 'yaml';

export function writeKubeconfig(file: string, server: string, token: string, caPem: string | undefined): void {
  const cluster: Record<string, string> = { server };
  if (caPem) cluster['certificate-authority-data'] = Buffer.from(caPem).toString('base64');
  const doc = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'kubespec', cluster }],
    users: [{ name: 'kubespec', user: { token } }],
    contexts: [{ name: 'kubespec', context: { cluster: 'kubespec', user: 'kubespec', namespace: 'default' } }],
    'current-context': 'kubespec',
    preferences: {},
  };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, stringify(doc), { mode: 0o600 });
}
