/**
 * The load generator, run in its own process (forked by run.ts) so that autocannon does not share
 * the event loop of the servers it measures. It receives one LoadRequest over IPC, runs a warm-up
 * that is thrown away, then the measured run, and sends back a LoadResult.
 */
import autocannon from 'autocannon';

export interface LoadRequest {
  /** Origin, e.g. http://127.0.0.1:41234 */
  origin: string;
  /** Request paths, used in turn (one request after another across all connections). */
  paths: string[];
  connections: number;
  warmupSeconds: number;
  seconds: number;
}

export interface LoadResult {
  requests: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  seconds: number;
  requestsPerSecond: number;
  latencyP50: number;
  latencyP99: number;
  latencyMax: number;
  bytesPerSecond: number;
}

async function fire(request: LoadRequest, seconds: number): Promise<autocannon.Result> {
  let next = 0;
  return autocannon({
    url: request.origin,
    connections: request.connections,
    duration: seconds,
    timeout: 10,
    requests: [
      {
        method: 'GET',
        setupRequest: (req) => {
          req.path = request.paths[next++ % request.paths.length]!;
          return req;
        },
      },
    ],
  });
}

async function main(request: LoadRequest): Promise<LoadResult> {
  if (request.warmupSeconds > 0) await fire(request, request.warmupSeconds);
  const r = await fire(request, request.seconds);
  return {
    requests: r.requests.total,
    ok: r['2xx'],
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    seconds: r.duration,
    requestsPerSecond: r['2xx'] / r.duration,
    latencyP50: r.latency.p50,
    latencyP99: r.latency.p99,
    latencyMax: r.latency.max,
    bytesPerSecond: r.throughput.average,
  };
}

if (process.send) {
  process.once('message', (request: LoadRequest) => {
    main(request).then(
      (result) => process.send!({ result }, () => process.exit(0)),
      (err: unknown) => process.send!({ error: String(err) }, () => process.exit(1)),
    );
  });
  // The parent going away ends the load too.
  process.once('disconnect', () => process.exit(1));
}
