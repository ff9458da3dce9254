/**
 * A client getter whose cache is keyed by the configuration the SDK reads from the environment when a
 * client is created (endpoint, region, path style): a Lambda, whose environment never changes, creates
 * each client once; a process that runs a second local stack (other ports) gets a client for that
 * stack instead of one still bound to the first stack's endpoints. The same configuration always
 * answers the same instance.
 */
export function perConfig<T>(variables: readonly string[], create: () => T): () => T {
  const clients = new Map<string, T>();
  return () => {
    const key = variables.map((v) => `${v}=${process.env[v] ?? ''}`).join('\n');
    let client = clients.get(key);
    if (client === undefined) {
      client = create();
      clients.set(key, client);
    }
    return client;
  };
}

/** What an SDK client reads from the environment for a service: its endpoint (or the global one) and the region. */
export const endpointVariables = (service: string): string[] => [
  `AWS_ENDPOINT_URL_${service}`,
  'AWS_ENDPOINT_URL',
  'AWS_REGION',
];
