// A container's environment: variables in order, a later one of a name winning over an
// earlier one. It is kept as lists laid end to end because the Docker-link variables of a
// namespace's Services are the same for every container there: one shared list instead of
// a copy per container (a namespace of 1,000 Services gives each container 7,000 of them).

export type EnvPair = readonly [name: string, value: string];
export type Env = readonly (readonly EnvPair[])[];

/** The value a process sees for `name` (the last definition), or undefined. */
export function envValue(env: Env, name: string): string | undefined {
  for (let i = env.length - 1; i >= 0; i--) {
    const v = env[i]!.findLast(([k]) => k === name);
    if (v) return v[1];
  }
  return undefined;
}

/** Every variable once, in the order of its first definition, with its last value: what `env` prints. */
export function envEntries(env: Env): [string, string][] {
  const seen = new Map<string, string>();
  for (const list of env) for (const [k, v] of list) seen.set(k, v);
  return [...seen];
}
