// The image catalogue: what the simulated registry holds. Sizes are the compressed
// linux/amd64 sizes a pull reports; behaviour (ports, memory, start time, default
// command) drives the container model.

export interface ImageInfo {
  /** Repository without registry prefix or tag, e.g. "nginx", "registry.k8s.io/pause". */
  repo: string;
  tags: string[];
  sizeBytes: number;
  layers: number;
  /** Ports the default command listens on (TCP). */
  ports: number[];
  memoryBytes: number;
  /** Milliseconds from start to listening / ready. */
  startMs: number;
  /** The image's ENTRYPOINT + CMD when the pod sets neither. */
  defaultCommand: string[];
  /** The default command exits (e.g. busybox's `sh` with no TTY exits at once). */
  exitsImmediately?: boolean;
  /** ENTRYPOINT alone, when `args` without `command` are appended to it. */
  entrypoint?: string[];
  /** Whose userland the image ships: busybox and GNU tools word their errors differently. */
  flavor?: 'busybox' | 'gnu';
  /** CPU the default program uses when idle, millicores. */
  idleMilli?: number;
}

const MiB = 1024 * 1024;
const KUBE_TAGS = ['v1.34.1', 'v1.34.0', 'v1.33.5', 'v1.33.0', 'v1.32.9', 'v1.32.0', 'v1.31.13', 'v1.31.0', 'v1.30.14'];

export const CATALOGUE: ImageInfo[] = [
  { repo: 'nginx', tags: ['latest', '1.27', '1.27.3', '1.26', '1.25', 'alpine', '1.27-alpine', 'stable'], sizeBytes: 72_955_450, layers: 7, ports: [80], memoryBytes: 8 * MiB, startMs: 300, defaultCommand: ['/docker-entrypoint.sh', 'nginx', '-g', 'daemon off;'] },
  { repo: 'httpd', tags: ['latest', '2.4', '2.4.62', 'alpine'], sizeBytes: 58_345_010, layers: 6, ports: [80], memoryBytes: 12 * MiB, startMs: 400, defaultCommand: ['httpd-foreground'] },
  { repo: 'redis', tags: ['latest', '7', '7.4', '7.4.1', '7-alpine', 'alpine'], sizeBytes: 45_143_720, layers: 8, ports: [6379], memoryBytes: 6 * MiB, startMs: 200, defaultCommand: ['docker-entrypoint.sh', 'redis-server'] },
  { repo: 'postgres', tags: ['latest', '17', '16', '16.4', 'alpine'], sizeBytes: 158_240_110, layers: 14, ports: [5432], memoryBytes: 40 * MiB, startMs: 3000, defaultCommand: ['docker-entrypoint.sh', 'postgres'] },
  { repo: 'mysql', tags: ['latest', '8', '8.4', '9'], sizeBytes: 170_150_330, layers: 11, ports: [3306, 33060], memoryBytes: 360 * MiB, startMs: 8000, defaultCommand: ['docker-entrypoint.sh', 'mysqld'] },
  { repo: 'busybox', tags: ['latest', '1.36', '1.37', 'stable', '1.28', '1.36.1'], sizeBytes: 2_155_550, layers: 1, ports: [], memoryBytes: 1 * MiB, startMs: 10, defaultCommand: ['sh'], exitsImmediately: true, flavor: 'busybox' },
  { repo: 'registry.k8s.io/busybox', tags: ['latest', '1.27.2', '1.24'], sizeBytes: 1_144_547, layers: 1, ports: [], memoryBytes: 1 * MiB, startMs: 10, defaultCommand: ['sh'], exitsImmediately: true, flavor: 'busybox' },
  { repo: 'alpine', tags: ['latest', '3', '3.20', '3.21'], sizeBytes: 3_624_160, layers: 1, ports: [], memoryBytes: 1 * MiB, startMs: 10, defaultCommand: ['/bin/sh'], exitsImmediately: true, flavor: 'busybox' },
  { repo: 'ubuntu', tags: ['latest', '24.04', '22.04', 'noble', 'jammy'], sizeBytes: 29_754_290, layers: 1, ports: [], memoryBytes: 2 * MiB, startMs: 10, defaultCommand: ['/bin/bash'], exitsImmediately: true },
  { repo: 'python', tags: ['latest', '3', '3.12', '3.13', '3.12-slim', 'slim'], sizeBytes: 41_300_200, layers: 4, ports: [], memoryBytes: 10 * MiB, startMs: 100, defaultCommand: ['python3'], exitsImmediately: true },
  { repo: 'node', tags: ['latest', '22', '20', 'lts', '22-alpine', 'alpine'], sizeBytes: 55_880_400, layers: 5, ports: [], memoryBytes: 30 * MiB, startMs: 150, defaultCommand: ['node'], exitsImmediately: true },
  { repo: 'registry.k8s.io/pause', tags: ['3.10', '3.9'], sizeBytes: 320_368, layers: 1, ports: [], memoryBytes: 256 * 1024, startMs: 5, defaultCommand: ['/pause'] },
  { repo: 'registry.k8s.io/coredns/coredns', tags: ['v1.12.1', 'v1.11.3'], sizeBytes: 22_384_805, layers: 2, ports: [53, 9153], memoryBytes: 15 * MiB, startMs: 500, defaultCommand: ['/coredns'] },
  { repo: 'registry.k8s.io/kube-proxy', tags: KUBE_TAGS, sizeBytes: 30_915_100, layers: 4, ports: [10249, 10256], memoryBytes: 20 * MiB, startMs: 300, defaultCommand: ['/usr/local/bin/kube-proxy'] },
  { repo: 'registry.k8s.io/etcd', tags: ['3.6.4-0', '3.5.16-0', '3.5.1-0'], sizeBytes: 58_938_593, layers: 4, ports: [2379, 2380, 2381], memoryBytes: 60 * MiB, startMs: 1000, defaultCommand: ['etcd'] },
  { repo: 'registry.k8s.io/kube-apiserver', tags: KUBE_TAGS, sizeBytes: 28_838_584, layers: 4, ports: [6443], memoryBytes: 250 * MiB, startMs: 2000, defaultCommand: ['kube-apiserver'] },
  { repo: 'registry.k8s.io/kube-controller-manager', tags: KUBE_TAGS, sizeBytes: 26_018_424, layers: 4, ports: [10257], memoryBytes: 50 * MiB, startMs: 1000, defaultCommand: ['kube-controller-manager'] },
  { repo: 'registry.k8s.io/kube-scheduler', tags: KUBE_TAGS, sizeBytes: 20_139_060, layers: 4, ports: [10259], memoryBytes: 20 * MiB, startMs: 800, defaultCommand: ['kube-scheduler'] },
  { repo: 'flannel/flannel', tags: ['v0.26.4'], sizeBytes: 32_134_780, layers: 6, ports: [], memoryBytes: 15 * MiB, startMs: 500, defaultCommand: ['/opt/bin/flanneld'] },
  { repo: 'registry.k8s.io/e2e-test-images/agnhost', tags: ['2.53', '2.52', '2.40', '2.39'], sizeBytes: 51_251_300, layers: 6, ports: [8080], memoryBytes: 8 * MiB, startMs: 100, defaultCommand: ['/agnhost'], entrypoint: ['/agnhost'], exitsImmediately: true },
  { repo: 'registry.k8s.io/goproxy', tags: ['0.1'], sizeBytes: 2_623_240, layers: 3, ports: [8080], memoryBytes: 3 * MiB, startMs: 50, defaultCommand: ['/goproxy'] },
  { repo: 'polinux/stress', tags: ['latest', '1.0.4'], sizeBytes: 4_041_495, layers: 3, ports: [], memoryBytes: 1 * MiB, startMs: 10, defaultCommand: ['stress'], exitsImmediately: true, flavor: 'busybox' },
  { repo: 'vish/stress', tags: ['latest'], sizeBytes: 2_364_560, layers: 2, ports: [], memoryBytes: 1 * MiB, startMs: 10, defaultCommand: ['/stress'], entrypoint: ['/stress'], exitsImmediately: true, flavor: 'busybox' },
  { repo: 'curlimages/curl', tags: ['latest', '8.11.1'], sizeBytes: 10_730_100, layers: 7, ports: [], memoryBytes: 2 * MiB, startMs: 10, defaultCommand: ['curl'], exitsImmediately: true, flavor: 'busybox' },
];

export interface ImageRef {
  /** As the user wrote it. */
  raw: string;
  /** Fully qualified, as containerd names it: docker.io/library/nginx:latest */
  full: string;
  repo: string;
  tag: string;
}

const refs = new Map<string, ImageRef>();

/** Normalises an image reference (memoised: the same few references are parsed again and again). */
export function parseImageRef(image: string): ImageRef {
  let r = refs.get(image);
  if (!r) {
    if (refs.size > 10_000) refs.clear();
    refs.set(image, (r = Object.freeze(parseRef(image))));
  }
  return r;
}

/** Normalises an image reference the way containerd does (docker.io/library/ for bare names). */
function parseRef(image: string): ImageRef {
  const at = image.indexOf('@');
  const ref = at >= 0 ? image.slice(0, at) : image;
  const lastSlash = ref.lastIndexOf('/');
  const colon = ref.lastIndexOf(':');
  const hasTag = colon > lastSlash;
  const name = hasTag ? ref.slice(0, colon) : ref;
  const tag = at >= 0 ? image.slice(at + 1) : hasTag ? ref.slice(colon + 1) : 'latest';
  const first = name.split('/')[0]!;
  const hasRegistry = name.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  const withRegistry = hasRegistry ? name : name.includes('/') ? `docker.io/${name}` : `docker.io/library/${name}`;
  const repo = withRegistry.replace(/^docker\.io\/(library\/)?/, '');
  return { raw: image, full: at >= 0 ? `${withRegistry}@${tag}` : `${withRegistry}:${tag}`, repo, tag };
}

export function lookupImage(image: string): ImageInfo | undefined {
  const r = parseImageRef(image);
  const info = CATALOGUE.find((i) => i.repo === r.repo);
  if (!info) return undefined;
  if (r.tag.startsWith('sha256:')) return info;
  return info.tags.includes(r.tag) ? info : undefined;
}

/** Simulated registry bandwidth: pull time grows with size, plus a per-layer round trip. */
export const pullMs = (i: ImageInfo): number => Math.round(400 + i.sizeBytes / (40 * 1024 * 1024) * 1000 + i.layers * 60);

/** A stable fake digest for an image (sha256-shaped, deterministic). */
export function digestOf(full: string): string {
  const h = ['sha256:'];
  let x = 0x9e3779b9;
  for (let round = 0; round < 8; round++) {
    for (let i = 0; i < full.length; i++) x = Math.imul(x ^ full.charCodeAt(i), 0x01000193) >>> 0;
    x = Math.imul(x ^ (round + 1), 0x85ebca6b) >>> 0;
    h.push(x.toString(16).padStart(8, '0'));
  }
  // One flat string (appending would keep a rope of nine pieces).
  return h.join('');
}

/** busybox or GNU userland: alpine-based tags of any image use busybox. */
export function flavorOf(image: string, info: ImageInfo | undefined): 'busybox' | 'gnu' {
  if (parseImageRef(image).tag.includes('alpine')) return 'busybox';
  return info?.flavor ?? 'gnu';
}
