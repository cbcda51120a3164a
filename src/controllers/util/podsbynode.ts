// Which pods (by key) are bound to which node, kept from watch events: the kubelet and the node
// lifecycle controller both act on "every pod on this node" when a node changes.

export class PodsByNode {
  private readonly byNode = new Map<string, Set<string>>();
  private readonly nodeOf = new Map<string, string>();

  /** Record that the pod `key` is now on `node` (undefined: unbound or gone). */
  set(key: string, node: string | undefined): void {
    const before = this.nodeOf.get(key);
    if (before === node) return;
    if (before) this.byNode.get(before)?.delete(key);
    if (node) {
      let set = this.byNode.get(node);
      if (!set) this.byNode.set(node, (set = new Set()));
      set.add(key);
      this.nodeOf.set(key, node);
    } else this.nodeOf.delete(key);
  }

  /** The keys of the pods on `node` (a live view: copy it before changing the index while iterating). */
  on(node: string): ReadonlySet<string> {
    return this.byNode.get(node) ?? EMPTY;
  }
}

const EMPTY: ReadonlySet<string> = new Set();
