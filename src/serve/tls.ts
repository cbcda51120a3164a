// The serving certificate of `kubespec serve`: a CA and a server certificate (for the loopback
// names and the bind address) made with node-forge on first start, kept under --data when given,
// so a kubeconfig written once keeps working across restarts.
import * as fs from 'fs';
import * as path from 'path';
import * as forge from 'node-forge';

export interface TlsMaterial {
  caPem: string;
  certPem: string;
  keyPem: string;
}

function makeCert(subject: string, publicKey: forge.pki.PublicKey, issuer: forge.pki.Certificate | undefined, signKey: forge.pki.rsa.PrivateKey, ca: boolean, altNames: { type: number; value?: string; ip?: string }[]): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  cert.serialNumber = '01' + forge.util.bytesToHex(forge.random.getBytesSync(15));
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + 10 * 365 * 24 * 3600 * 1000);
  const attrs = [{ name: 'commonName', value: subject }];
  cert.setSubject(attrs);
  cert.setIssuer(issuer ? issuer.subject.attributes : attrs);
  const ext: object[] = [{ name: 'basicConstraints', cA: ca, critical: true }];
  if (ca) ext.push({ name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true });
  else ext.push({ name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true }, { name: 'extKeyUsage', serverAuth: true }, { name: 'subjectAltName', altNames });
  cert.setExtensions(ext);
  cert.sign(signKey, forge.md.sha256.create());
  return cert;
}

/** A fresh CA and a serving certificate for `hosts` (IPs and DNS names). */
export function generateTls(hosts: string[]): TlsMaterial {
  const caKeys = forge.pki.rsa.generateKeyPair({ bits: 2048 });
  const caCert = makeCert('kubespec-ca', caKeys.publicKey, undefined, caKeys.privateKey, true, []);
  const keys = forge.pki.rsa.generateKeyPair({ bits: 2048 });
  const altNames = [...new Set(['127.0.0.1', 'localhost', ...hosts])].map((h) => (/^[\d.]+$/.test(h) || h.includes(':') ? { type: 7, ip: h } : { type: 2, value: h }));
  const cert = makeCert('kubespec-apiserver', keys.publicKey, caCert, caKeys.privateKey, false, altNames);
  return { caPem: forge.pki.certificateToPem(caCert), certPem: forge.pki.certificateToPem(cert), keyPem: forge.pki.privateKeyToPem(keys.privateKey) };
}

/** The certificates under `dir` (made and saved on first use, private key 0600). */
export function loadOrCreateTls(dir: string | undefined, hosts: string[]): TlsMaterial {
  if (!dir) return generateTls(hosts);
  const files = { caPem: 'ca.crt', certPem: 'apiserver.crt', keyPem: 'apiserver.key' } as const;
  const p = (f: string) => path.join(dir, f);
  if (Object.values(files).every((f) => fs.existsSync(p(f)))) {
    return { caPem: fs.readFileSync(p(files.caPem), 'utf8'), certPem: fs.readFileSync(p(files.certPem), 'utf8'), keyPem: fs.readFileSync(p(files.keyPem), 'utf8') };
  }
  const tls = generateTls(hosts);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(p(files.caPem), tls.caPem);
  fs.writeFileSync(p(files.certPem), tls.certPem);
  fs.writeFileSync(p(files.keyPem), tls.keyPem, { mode: 0o600 });
  return tls;
}
