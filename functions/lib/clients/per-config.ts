/**
 * SDK clients cached by the configuration the SDK reads from the environment when a client is created
 * (endpoint, region, path style): a Lambda, whose environment never changes, creates each client once;
 * a process that runs a second local stack (other ports) gets a client for that stack instead of one
 * still bound to the first stack's endpoints. The same configuration always answers the same instance.
 *
 * Each client module declares only literals at its top level (a cache object, a list of variable
 * names) and calls `clientFor` inside its getter, so a bundle that imports a client module without
 * calling the getter still drops the whole SDK client.
 */
export interface ClientCache<T> {
  byConfig?: Map<string, T>;
}

export function clientFor<T>(cache: ClientCache<T>, variables: readonly string[], create: () => T): T {
  const key = variables.map((v) => `${v}=${process.env[v] ?? ''}`).join('\n');
  cache.byConfig ??= new Map();
  let client = cache.byConfig.get(key);
  if (client === undefined) {
    client = create();
    cache.byConfig.set(key, client);
  }
  return client;
}
