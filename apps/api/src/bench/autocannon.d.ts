// autocannon ships no types and the project carries no @types/autocannon: the part the API
// benchmark uses, as its README documents it.
declare module 'autocannon' {
  type Histogram = Readonly<{
    average: number;
    mean: number;
    min: number;
    max: number;
    p50: number;
    p90: number;
    p99: number;
    total: number;
  }>;

  export type AutocannonRequest = {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string;
  };

  export type AutocannonOptions = Readonly<{
    url: string;
    connections?: number;
    duration?: number;
    amount?: number;
    overallRate?: number;
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    timeout?: number;
    requests?: readonly Readonly<{
      method?: string;
      path?: string;
      headers?: Record<string, string>;
      body?: string;
      setupRequest?: (request: AutocannonRequest, context: Record<string, unknown>) => AutocannonRequest;
    }>[];
  }>;

  export type AutocannonResult = Readonly<{
    requests: Histogram;
    latency: Histogram;
    duration: number;
    errors: number;
    timeouts: number;
    non2xx: number;
    statusCodeStats?: Readonly<Record<string, Readonly<{ count: number }>>>;
  }>;

  export type AutocannonInstance = PromiseLike<AutocannonResult> & { stop(): void };

  const autocannon: (options: AutocannonOptions) => AutocannonInstance;
  export default autocannon;
}
