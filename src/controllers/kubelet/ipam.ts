// Pod IP allocation on a node, as the host-local IPAM plugin does it behind flannel's bridge CNI
// (containernetworking/plugins plugins/ipam/host-local): addresses from the node's podCIDR, the
// network address and the gateway (.1) excluded, allocated round-robin from the last one handed
// out, so a released address is reused only once the range wraps around.

export class IpRange {
  private readonly used = new Set<number>();
  private last: number;
  private readonly first: number;
  private readonly end: number;

  constructor(readonly cidr: string) {
    const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(cidr);
    if (!m) throw new Error(`invalid podCIDR ${cidr}`);
    const base = ((Number(m[1]) << 24) | (Number(m[2]) << 16) | (Number(m[3]) << 8) | Number(m[4])) >>> 0;
    const bits = Number(m[5]);
    const size = 2 ** (32 - bits);
    const network = bits === 0 ? 0 : base - (base % size);
    // .0 is the network, .1 the bridge's gateway, the last address the broadcast.
    this.first = network + 2;
    this.end = network + size - 2;
    this.last = this.first - 1;
  }

  /** The range as host-local prints it in errors: `10.244.1.1-10.244.1.254`. */
  get description(): string {
    return `${toIp(this.first - 1)}-${toIp(this.end)}`;
  }

  /** Next free address after the last one allocated, or undefined when the range is full. */
  allocate(): string | undefined {
    const span = this.end - this.first + 1;
    for (let i = 1; i <= span; i++) {
      let candidate = this.last + i;
      if (candidate > this.end) candidate = this.first + ((candidate - this.first) % span);
      if (!this.used.has(candidate)) {
        this.used.add(candidate);
        this.last = candidate;
        return toIp(candidate);
      }
    }
    return undefined;
  }

  /** Mark an address taken (pods found running when the kubelet starts). */
  reserve(ip: string): void {
    const n = fromIp(ip);
    if (n === undefined || n < this.first || n > this.end) return;
    this.used.add(n);
    if (n > this.last) this.last = n;
  }

  release(ip: string): void {
    const n = fromIp(ip);
    if (n !== undefined) this.used.delete(n);
  }
}

function toIp(n: number): string {
  return `${(n >>> 24) & 255}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

function fromIp(ip: string): number | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(ip);
  if (!m) return undefined;
  return ((Number(m[1]) << 24) | (Number(m[2]) << 16) | (Number(m[3]) << 8) | Number(m[4])) >>> 0;
}
