// Container image references and what the simulation knows about well-known images: the reference
// grammar the kubelet applies before pulling (github.com/distribution/reference, via
// pkg/util/parsers ParseImageName), the normalised name containerd reports, and the ports common
// images listen on when their containers declare none (used by Service routing and probes).

import officialLibrary from './images/official.json';

/** The error of a reference the kubelet cannot parse (container waiting reason InvalidImageName). */
export class ImageReferenceError extends Error {}

export interface ImageReference {
  /** Registry host, `docker.io` when none is given. */
  domain: string;
  /** Repository path, `library/nginx` for official Docker Hub images. */
  path: string;
  /** Tag as written, or undefined (the kubelet then pulls `latest` unless a digest is given). */
  tag?: string;
  digest?: string;
}

// distribution/reference regexp.go, re-expressed.
const ALNUM = '[a-z0-9]+';
const SEPARATOR = '(?:[._]|__|[-]+)';
const PATH_COMPONENT = `${ALNUM}(?:${SEPARATOR}${ALNUM})*`;
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*)|\\[(?:[a-fA-F0-9:]+)\\])(?::[0-9]+)?`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9a-fA-F]{32,}';
const NAME = `(?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`;
const REFERENCE_RE = new RegExp(`^(${NAME})(?::(${TAG}))?(?:@(${DIGEST}))?$`);
const ANCHORED_IDENTIFIER_RE = /^[a-f0-9]{64}$/;
/** reference.NameTotalLengthMax */
const NAME_TOTAL_LENGTH_MAX = 255;
const DIGEST_LENGTHS: Record<string, number> = { sha256: 64, sha384: 96, sha512: 128 };

/** splitDockerDomain (distribution/reference normalize.go). */
function splitDockerDomain(name: string): { domain: string; remainder: string } {
  const i = name.indexOf('/');
  let domain: string;
  let remainder: string;
  const first = i < 0 ? '' : name.slice(0, i);
  if (i < 0 || (!/[.:]/.test(first) && first !== 'localhost' && first.toLowerCase() === first)) {
    domain = 'docker.io';
    remainder = name;
  } else {
    domain = first;
    remainder = name.slice(i + 1);
  }
  if (domain === 'index.docker.io') domain = 'docker.io';
  if (domain === 'docker.io' && !remainder.includes('/')) remainder = `library/${remainder}`;
  return { domain, remainder };
}

/** opencontainers/go-digest Digest.Validate. */
function validateDigest(d: string): void {
  const i = d.indexOf(':');
  if (i <= 0 || i + 1 === d.length) throw new ImageReferenceError('invalid checksum digest format');
  const algorithm = d.slice(0, i);
  const encoded = d.slice(i + 1);
  const len = DIGEST_LENGTHS[algorithm];
  if (len === undefined) throw new ImageReferenceError('unsupported digest algorithm');
  if (encoded.length !== len) throw new ImageReferenceError('invalid checksum digest length');
  if (!/^[a-f0-9]+$/.test(encoded)) throw new ImageReferenceError('invalid checksum digest format');
}

/**
 * reference.ParseNormalizedNamed: parse an image reference as the kubelet does. Throws
 * ImageReferenceError with distribution/reference's message (e.g. `invalid reference format:
 * repository name (library/Nginx) must be lowercase`).
 */
export function parseNormalizedNamed(image: string): ImageReference {
  if (ANCHORED_IDENTIFIER_RE.test(image)) {
    throw new ImageReferenceError(`invalid repository name (${image}), cannot specify 64-byte hexadecimal strings`);
  }
  const { domain, remainder } = splitDockerDomain(image);
  const tagSep = remainder.indexOf(':');
  const remoteName = tagSep > -1 ? remainder.slice(0, tagSep) : remainder;
  if (remoteName.toLowerCase() !== remoteName) {
    throw new ImageReferenceError(`invalid reference format: repository name (${remoteName}) must be lowercase`);
  }
  // reference.Parse(domain + "/" + remainder)
  const s = `${domain}/${remainder}`;
  const m = REFERENCE_RE.exec(s);
  if (!m) {
    if (REFERENCE_RE.test(s.toLowerCase())) throw new ImageReferenceError('repository name must be lowercase');
    throw new ImageReferenceError('invalid reference format');
  }
  if (m[1].length > NAME_TOTAL_LENGTH_MAX) throw new ImageReferenceError(`repository name must not be more than ${NAME_TOTAL_LENGTH_MAX} characters`);
  if (m[3]) validateDigest(m[3]);
  const slash = m[1].indexOf('/');
  return { domain: m[1].slice(0, slash), path: m[1].slice(slash + 1), tag: m[2] || undefined, digest: m[3] || undefined };
}

/**
 * The kubelet's check before it pulls (pkg/kubelet/images/image_manager.go applyDefaultImageTag →
 * parsers.ParseImageName). Returns the waiting message for an InvalidImageName container, or
 * undefined when the reference is valid.
 */
export function invalidImageMessage(image: string): string | undefined {
  try {
    parseNormalizedNamed(image);
    return undefined;
  } catch (e) {
    if (!(e instanceof ImageReferenceError)) throw e;
    return `Failed to apply default image tag ${JSON.stringify(image)}: couldn't parse image name ${JSON.stringify(image)}: ${e.message}`;
  }
}

/** `docker.io/library/nginx:latest`: the fully qualified reference containerd reports in status.image. */
export function normalizedImage(image: string): string {
  const ref = parseNormalizedNamed(image);
  const name = `${ref.domain}/${ref.path}`;
  if (ref.digest) return ref.tag ? `${name}:${ref.tag}@${ref.digest}` : `${name}@${ref.digest}`;
  return `${name}:${ref.tag ?? 'latest'}`;
}

/** `nginx`, `bitnami/nginx`, `registry.k8s.io/echoserver`: the repository as people write it. */
export function familiarName(ref: ImageReference): string {
  if (ref.domain !== 'docker.io') return `${ref.domain}/${ref.path}`;
  return ref.path.startsWith('library/') ? ref.path.slice('library/'.length) : ref.path;
}

/**
 * Whether `image` matches one of the glob patterns (`*` = any run of characters). A pattern is
 * tried against the reference as written, its familiar form (`nginx:9.9`) and its normalised form
 * (`docker.io/library/nginx:9.9`), so `nginx:9.9` also matches `docker.io/library/nginx:9.9`.
 */
export function imageMatches(image: string, patterns: readonly string[]): boolean {
  if (!patterns.length) return false;
  const forms = new Set([image]);
  try {
    const ref = parseNormalizedNamed(image);
    const tag = ref.tag ?? (ref.digest ? undefined : 'latest');
    const suffix = `${tag ? `:${tag}` : ''}${ref.digest ? `@${ref.digest}` : ''}`;
    forms.add(familiarName(ref) + suffix);
    forms.add(`${ref.domain}/${ref.path}${suffix}`);
  } catch {
    // an unparsable reference only matches as written
  }
  return patterns.some((p) => {
    const re = globToRegExp(p);
    for (const f of forms) if (re.test(f)) return true;
    return false;
  });
}

const globCache = new Map<string, RegExp>();
function globToRegExp(glob: string): RegExp {
  let re = globCache.get(glob);
  if (!re) {
    re = new RegExp(`^${glob.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
    globCache.set(glob, re);
  }
  return re;
}

interface KnownImage {
  /** TCP ports the image's default command listens on. */
  ports: number[];
  /** Approximate compressed size in bytes (for the kubelet's Pulled event; a simulation figure). */
  size: number;
}

/**
 * Images whose default command is known to listen on fixed ports, keyed by familiar repository
 * name. Sizes are rounded, typical amd64 figures: the simulation's, not a registry's.
 */
const KNOWN_IMAGES: Record<string, KnownImage> = {
  nginx: { ports: [80], size: 72_000_000 },
  httpd: { ports: [80], size: 58_000_000 },
  caddy: { ports: [80, 443], size: 20_000_000 },
  'nginxdemos/hello': { ports: [80], size: 9_000_000 },
  'traefik/whoami': { ports: [80], size: 3_000_000 },
  'kennethreitz/httpbin': { ports: [80], size: 200_000_000 },
  'mccutchen/go-httpbin': { ports: [8080], size: 12_000_000 },
  'bitnami/nginx': { ports: [8080], size: 60_000_000 },
  'nginxinc/nginx-unprivileged': { ports: [8080], size: 72_000_000 },
  'hashicorp/http-echo': { ports: [5678], size: 4_000_000 },
  'registry.k8s.io/echoserver': { ports: [8080], size: 45_000_000 },
  'k8s.gcr.io/echoserver': { ports: [8080], size: 45_000_000 },
  'gcr.io/google-samples/hello-app': { ports: [8080], size: 11_000_000 },
  'us-docker.pkg.dev/google-samples/containers/gke/hello-app': { ports: [8080], size: 11_000_000 },
  tomcat: { ports: [8080], size: 170_000_000 },
  'jenkins/jenkins': { ports: [8080, 50000], size: 280_000_000 },
  wordpress: { ports: [80], size: 250_000_000 },
  ghost: { ports: [2368], size: 210_000_000 },
  'grafana/grafana': { ports: [3000], size: 120_000_000 },
  'prom/prometheus': { ports: [9090], size: 110_000_000 },
  redis: { ports: [6379], size: 45_000_000 },
  memcached: { ports: [11211], size: 30_000_000 },
  mysql: { ports: [3306, 33060], size: 170_000_000 },
  mariadb: { ports: [3306], size: 120_000_000 },
  postgres: { ports: [5432], size: 150_000_000 },
  mongo: { ports: [27017], size: 280_000_000 },
  rabbitmq: { ports: [5672], size: 90_000_000 },
  registry: { ports: [5000], size: 10_000_000 },
  elasticsearch: { ports: [9200, 9300], size: 600_000_000 },
  busybox: { ports: [], size: 2_200_000 },
  alpine: { ports: [], size: 3_600_000 },
  ubuntu: { ports: [], size: 29_000_000 },
  debian: { ports: [], size: 49_000_000 },
  'registry.k8s.io/busybox': { ports: [], size: 1_100_000 },
  'registry.k8s.io/pause': { ports: [], size: 320_000 },
  'registry.k8s.io/e2e-test-images/agnhost': { ports: [], size: 51_000_000 },
  'curlimages/curl': { ports: [], size: 9_000_000 },
};

function knownImage(image: string): KnownImage | undefined {
  try {
    return KNOWN_IMAGES[familiarName(parseNormalizedNamed(image))];
  } catch {
    return undefined;
  }
}

/** Ports the image listens on by default (empty when unknown). */
export function imagePorts(image: string): number[] {
  return knownImage(image)?.ports ?? [];
}

/** The size the Pulled event reports: the table's figure, or a stable 20–120 MB for other images. */
export function imageSize(image: string): number {
  const known = knownImage(image);
  if (known) return known.size;
  let h = 2166136261;
  for (let i = 0; i < image.length; i++) h = Math.imul(h ^ image.charCodeAt(i), 16777619);
  return 20_000_000 + ((h >>> 0) % 100_000) * 1000;
}

interface ContainerPortsLike {
  image?: string;
  ports?: { containerPort: number; protocol?: string; name?: string }[];
}

/**
 * The ports a pod answers on, per protocol: each container's declared containerPorts, or, for a
 * container that declares none, the ports its image is known to listen on (TCP). A simulation
 * rule: a real process listens where its configuration says, whatever the manifest declares.
 */
export function podListensOn(spec: { containers?: ContainerPortsLike[] } | undefined, port: number, protocol = 'TCP'): boolean {
  for (const c of spec?.containers ?? []) {
    if (c.ports?.length) {
      if (c.ports.some((p) => p.containerPort === port && (p.protocol ?? 'TCP') === protocol)) return true;
    } else if (protocol === 'TCP' && c.image && imagePorts(c.image).includes(port)) {
      return true;
    }
  }
  return false;
}

/** The ports podListensOn would accept, for messages ("listens on 80"). */
export function podListeningPorts(spec: { containers?: ContainerPortsLike[] } | undefined, protocol = 'TCP'): number[] {
  const out = new Set<number>();
  for (const c of spec?.containers ?? []) {
    if (c.ports?.length) {
      for (const p of c.ports) if ((p.protocol ?? 'TCP') === protocol) out.add(p.containerPort);
    } else if (protocol === 'TCP' && c.image) {
      for (const p of imagePorts(c.image)) out.add(p);
    }
  }
  return [...out].sort((a, b) => a - b);
}

// ---- Docker Hub's official library ------------------------------------------------------------

/**
 * The repositories of Docker Hub's official library (docker.io/library/<name>, the images pulled
 * by a bare name such as `nginx`), names only: the repositories docker-library/official-images
 * lists, deprecated ones that can still be pulled included. Data, in src/images/official.json.
 */
export const OFFICIAL_LIBRARY: ReadonlySet<string> = new Set(officialLibrary as string[]);

/**
 * Whether `image` names a repository of Docker Hub's library that does not exist (`ngnix`, a typo
 * of `nginx`): the registry answers such a pull as it answers a private repository. Other
 * registries and other Docker Hub namespaces (`myorg/app`) are not known here and are accepted;
 * tags are never checked.
 */
export function isMissingLibraryImage(image: string): boolean {
  let ref: ImageReference;
  try {
    ref = parseNormalizedNamed(image);
  } catch {
    return false;
  }
  if (ref.domain !== 'docker.io' || !ref.path.startsWith('library/')) return false;
  return !OFFICIAL_LIBRARY.has(ref.path.slice('library/'.length));
}

// ---- What an image runs ----------------------------------------------------------------------

/** Whose messages a container's shell tools print: busybox (busybox, alpine) or GNU coreutils. */
export type ShellFlavour = 'busybox' | 'gnu';

/**
 * What an image's default process is, for the kubelet's simulation of containers
 * (src/controllers/kubelet/programs.ts):
 * - `shell`: no ENTRYPOINT, a CMD that is a shell or an interpreter's REPL (busybox, alpine,
 *   ubuntu, python, node...). With stdin closed it exits 0 at once; args are the command line.
 * - `server`: a long-running server (nginx, redis, postgres...); the official images'
 *   docker-entrypoint.sh runs it for option args and execs any other command.
 * - `tool`: an ENTRYPOINT that runs one command and ends (curlimages/curl).
 * - `agnhost`: Kubernetes' e2e test image, whose args name a subcommand (`serve-hostname`, `netexec`).
 * - `pause`: the pause container, which sleeps until stopped.
 * - `unknown`: any other image: taken to be a server.
 */
export type ImageKind = 'shell' | 'server' | 'tool' | 'agnhost' | 'pause' | 'unknown';

const SHELL_IMAGES = new Set([
  'busybox', 'alpine', 'ubuntu', 'debian', 'centos', 'fedora', 'rockylinux', 'almalinux', 'amazonlinux', 'oraclelinux', 'archlinux', 'photon', 'opensuse', 'opensuse/leap',
  'bash', 'python', 'node', 'golang', 'ruby', 'php', 'perl', 'rust', 'gcc', 'buildpack-deps', 'openjdk', 'eclipse-temurin', 'amazoncorretto',
  'radial/busyboxplus', 'registry.k8s.io/busybox', 'registry.k8s.io/e2e-test-images/busybox', 'k8s.gcr.io/busybox', 'gcr.io/google-containers/busybox', 'gcr.io/google_containers/busybox', 'nicolaka/netshoot',
]);
const TOOL_IMAGES = new Set(['curlimages/curl', 'appropriate/curl', 'alpine/curl']);
const AGNHOST_IMAGES = new Set(['registry.k8s.io/e2e-test-images/agnhost', 'k8s.gcr.io/e2e-test-images/agnhost', 'gcr.io/kubernetes-e2e-test-images/agnhost']);
const PAUSE_IMAGES = new Set(['registry.k8s.io/pause', 'k8s.gcr.io/pause', 'gcr.io/google_containers/pause', 'gcr.io/google-containers/pause']);
const BUSYBOX_IMAGES = new Set(['busybox', 'alpine', 'radial/busyboxplus', 'registry.k8s.io/busybox', 'registry.k8s.io/e2e-test-images/busybox', 'k8s.gcr.io/busybox', 'gcr.io/google-containers/busybox', 'gcr.io/google_containers/busybox', 'curlimages/curl', 'alpine/curl', 'appropriate/curl', 'nicolaka/netshoot']);

/** The image's default process (ImageKind) and whose tools it ships. */
export function imageProcess(image: string): { kind: ImageKind; flavour: ShellFlavour } {
  let ref: ImageReference;
  try {
    ref = parseNormalizedNamed(image);
  } catch {
    return { kind: 'unknown', flavour: 'gnu' };
  }
  const name = familiarName(ref);
  const tag = ref.tag ?? '';
  const flavour: ShellFlavour = BUSYBOX_IMAGES.has(name) || /alpine|busybox/.test(tag) ? 'busybox' : 'gnu';
  let kind: ImageKind = 'unknown';
  // php:apache and php:fpm run a server; the plain php image is the CLI.
  if (name === 'php' && /apache|fpm/.test(tag)) kind = 'server';
  else if (SHELL_IMAGES.has(name)) kind = 'shell';
  else if (TOOL_IMAGES.has(name)) kind = 'tool';
  else if (AGNHOST_IMAGES.has(name)) kind = 'agnhost';
  else if (PAUSE_IMAGES.has(name)) kind = 'pause';
  // Other official images and the well-known ones are servers (elasticsearch, wordpress, grafana...).
  else if (KNOWN_IMAGES[name] || (ref.domain === 'docker.io' && ref.path.startsWith('library/'))) kind = 'server';
  return { kind, flavour };
}
