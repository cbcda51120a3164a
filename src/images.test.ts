// Image references as the kubelet parses them (distribution/reference; cases from its
// reference_test.go / normalize_test.go), and the well-known images' ports.
import { imageMatches, imagePorts, invalidImageMessage, normalizedImage, parseNormalizedNamed, podListeningPorts, podListensOn } from './images';

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
