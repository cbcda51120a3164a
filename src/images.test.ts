// Image references as the kubelet parses them (distribution/reference; cases from its
// reference_test.go / normalize_test.go), and the well-known images' ports.
import { imageMatches, imagePorts, imageProcess, invalidImageMessage, isMissingLibraryImage, normalizedImage, OFFICIAL_LIBRARY, parseNormalizedNamed, podListeningPorts, podListensOn } from './images';

describe('parseNormalizedNamed', () => {
  it.each([
    ['nginx', 'docker.io/library/nginx:latest'],
    ['nginx:1.25', 'docker.io/library/nginx:1.25'],
    ['library/nginx:1.25', 'docker.io/library/nginx:1.25'],
    ['index.docker.io/nginx', 'docker.io/library/nginx:latest'],
    ['bitnami/nginx:1.25', 'docker.io/bitnami/nginx:1.25'],
    ['registry.k8s.io/echoserver:1.4', 'registry.k8s.io/echoserver:1.4'],
    ['localhost:5000/app', 'localhost:5000/app:latest'],
    ['localhost/app:v1', 'localhost/app:v1'],
    // An upper-case first component is a registry host (splitDockerDomain), so this parses.
    ['myOrg/app:1', 'myOrg/app:1'],
    [`nginx@sha256:${'a'.repeat(64)}`, `docker.io/library/nginx@sha256:${'a'.repeat(64)}`],
  ])('%s → %s', (image, full) => {
    expect(normalizedImage(image)).toBe(full);
  });

  it.each([
    ['Nginx', 'invalid reference format: repository name (library/Nginx) must be lowercase'],
    ['library/Nginx:1', 'invalid reference format: repository name (library/Nginx) must be lowercase'],
    ['nginx:1.25:extra', 'invalid reference format'],
    ['nginx:', 'invalid reference format'],
    ['-nginx', 'invalid reference format'],
    ['nginx@sha256:abc', 'invalid reference format'],
    [`nginx@sha256:${'A'.repeat(64)}`, 'invalid checksum digest format'],
    [`nginx@md5:${'a'.repeat(64)}`, 'unsupported digest algorithm'],
    ['a'.repeat(64), `invalid repository name (${'a'.repeat(64)}), cannot specify 64-byte hexadecimal strings`],
    [`x/${'a'.repeat(250)}`, 'repository name must not be more than 255 characters'],
  ])('rejects %s: %s', (image, message) => {
    expect(() => parseNormalizedNamed(image)).toThrow(message);
  });

  it('renders the kubelet InvalidImageName message', () => {
    expect(invalidImageMessage('nginx:1.25')).toBeUndefined();
    expect(invalidImageMessage('Nginx')).toBe('Failed to apply default image tag "Nginx": couldn\'t parse image name "Nginx": invalid reference format: repository name (library/Nginx) must be lowercase');
  });
});

describe('imageMatches', () => {
  it('matches globs against the written, familiar and normalised forms', () => {
    expect(imageMatches('nginx:9.9', ['nginx:9.9'])).toBe(true);
    expect(imageMatches('docker.io/library/nginx:9.9', ['nginx:9.9'])).toBe(true);
    expect(imageMatches('nginx', ['nginx:latest'])).toBe(true);
    expect(imageMatches('nginx:1.25', ['nginx:9.9'])).toBe(false);
    expect(imageMatches('myorg/app:2', ['myorg/*'])).toBe(true);
    expect(imageMatches('ghcr.io/myorg/app', ['myorg/*'])).toBe(false);
    expect(imageMatches('ghcr.io/myorg/app', ['*/myorg/*'])).toBe(true);
    expect(imageMatches('nginx', [])).toBe(false);
  });
});

describe('listening ports', () => {
  it('knows common images, whatever the tag or registry prefix', () => {
    expect(imagePorts('nginx')).toEqual([80]);
    expect(imagePorts('docker.io/library/httpd:2.4')).toEqual([80]);
    expect(imagePorts('redis:7')).toEqual([6379]);
    expect(imagePorts('busybox')).toEqual([]);
    expect(imagePorts('myorg/app')).toEqual([]);
  });

  it('takes declared containerPorts over the image, per container', () => {
    const spec = { containers: [{ image: 'nginx', ports: [{ containerPort: 8080 }] }, { image: 'redis' }] };
    expect(podListensOn(spec, 8080)).toBe(true);
    expect(podListensOn(spec, 80)).toBe(false);
    expect(podListensOn(spec, 6379)).toBe(true);
    expect(podListensOn(spec, 8080, 'UDP')).toBe(false);
    expect(podListeningPorts(spec)).toEqual([6379, 8080]);
  });
});

describe("Docker Hub's official library", () => {
  it('knows the library repositories by name, whatever the tag, digest or spelling of docker.io', () => {
    for (const image of ['nginx', 'nginx:1.27', 'docker.io/library/nginx:latest', 'index.docker.io/library/redis:7', 'busybox@sha256:' + 'a'.repeat(64), 'postgres:16-alpine', 'mysql', 'mongo', 'httpd', 'ubuntu:24.04', 'python:3.12-slim', 'node:22'])
      expect([image, isMissingLibraryImage(image)]).toEqual([image, false]);
  });

  it('refuses typos of them (ngnix, ngin, ngingx) and any other library name', () => {
    for (const image of ['ngnix', 'ngin', 'ngingx:latest', 'docker.io/library/ngnix:1.0', 'busybox777', 'invalid-image-reference']) expect([image, isMissingLibraryImage(image)]).toEqual([image, true]);
  });

  it('accepts other namespaces and registries, which it does not know', () => {
    for (const image of ['myorg/app', 'myorg/ngnix:2', 'ghcr.io/myorg/app:1', 'registry.k8s.io/pause:3.10', 'quay.io/prometheus/prometheus', 'localhost:5000/app', 'Nginx']) expect([image, isMissingLibraryImage(image)]).toEqual([image, false]);
  });

  it('is a list of names only, sorted, without duplicates', () => {
    const names = [...OFFICIAL_LIBRARY];
    expect(names).toEqual([...names].sort());
    for (const n of names) expect(n).toMatch(/^[a-z0-9]+(?:[._-][a-z0-9]+)*$/);
    expect(names.length).toBeGreaterThan(100);
  });
});

describe('imageProcess', () => {
  it('tells shells and tools from servers, and busybox from GNU tools', () => {
    expect(imageProcess('busybox:1.36')).toEqual({ kind: 'shell', flavour: 'busybox' });
    expect(imageProcess('ubuntu')).toEqual({ kind: 'shell', flavour: 'gnu' });
    expect(imageProcess('nginx:1.27-alpine')).toEqual({ kind: 'server', flavour: 'busybox' });
    expect(imageProcess('php:8.3-apache')).toEqual({ kind: 'server', flavour: 'gnu' });
    expect(imageProcess('php:8.3-cli')).toEqual({ kind: 'shell', flavour: 'gnu' });
    expect(imageProcess('curlimages/curl:8.10.1')).toEqual({ kind: 'tool', flavour: 'busybox' });
    expect(imageProcess('registry.k8s.io/e2e-test-images/agnhost:2.52').kind).toBe('agnhost');
    expect(imageProcess('registry.k8s.io/pause:3.10').kind).toBe('pause');
    expect(imageProcess('myorg/app').kind).toBe('unknown');
  });
});
