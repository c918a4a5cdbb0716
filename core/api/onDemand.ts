// Values built the first time someone asks for them, listed in the order they were declared.
// A 5,000-node cluster declares a kube-proxy per node; building each (its netfilter tables,
// its watch) only when a command or view looks at that node keeps a big cluster cheap.

export class OnDemand<V> {
  private makers = new Map<string, () => V>();
  private built = new Map<string, V>();

  /** Declares `key`'s value; a key declared again keeps its place, as a Map's does. */
  set(key: string, make: () => V): void {
    this.built.delete(key);
    this.makers.set(key, make);
  }

  get(key: string): V | undefined {
    let v = this.built.get(key);
    if (v === undefined) {
      const make = this.makers.get(key);
      if (make) this.built.set(key, (v = make()));
    }
    return v;
  }

  clear(): void {
    this.makers.clear();
    this.built.clear();
  }

  *[Symbol.iterator](): IterableIterator<[string, V]> {
    for (const k of this.makers.keys()) yield [k, this.get(k)!];
  }
}
