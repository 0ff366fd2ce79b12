/**
 * The load generator, run in its own process (forked by run.ts) so that autocannon does not share
 * the event loop of the servers it measures. It takes commands over IPC, one at a time:
 * `run` fires one slice of load at a scenario and adds it to that scenario's tally (a warm-up
 * slice is fired and forgotten); `summary` answers the tallies.
 */
import autocannon from 'autocannon';

export interface LoadSlice {
  /** The tally this slice adds to. */
  scenario: string;
  /** Origin, e.g. http://127.0.0.1:41234 */
  origin: string;
  /** Request paths, used in turn (one request after another across all connections, and on from where the scenario's previous slice stopped). */
  paths: string[];
  /** Extra request headers (the session cookie of a signed-in bench user). */
  headers?: Record<string, string>;
  /** GET unless given; a POST sends `body` with every request (the event intake scenario). */
  method?: 'GET' | 'POST';
  body?: string;
  /**
   * A POST whose every request must differ (an idempotency key each): bodies used in turn with the
   * paths, the n-th request sending path n and body n. Instead of `body`.
   */
  bodies?: string[];
  connections: number;
  seconds: number;
  /** Fired and forgotten: JIT, connection pools and caches warm up, nothing is counted. */
  warmup: boolean;
}

export type LoadCommand = { id: number; cmd: 'run'; slice: LoadSlice } | { id: number; cmd: 'summary' };

export interface ScenarioTally {
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** Measured seconds, summed over slices. */
  seconds: number;
  /** Response bytes (headers and body) of every response. */
  bytes: number;
  slices: number;
  latency: { p50: number; p90: number; p99: number; max: number };
  /** Requests per second of each slice, to show how steady the machine was. */
  sliceRates: number[];
}

export type LoadReply =
  | { id: number; ok: true; summary?: Record<string, ScenarioTally> }
  | { id: number; ok: false; error: string };

interface Tally {
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  seconds: number;
  bytes: number;
  slices: number;
  latencies: number[];
  sliceRates: number[];
}

const tallies = new Map<string, Tally>();

/** Where each scenario's walk through its paths stands: the next slice goes on from there. */
const cursors = new Map<string, number>();

function fire(slice: LoadSlice, onResponse: (bytes: number, ms: number) => void): Promise<autocannon.Result> {
  let next = cursors.get(slice.scenario) ?? 0;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: slice.origin,
        connections: slice.connections,
        duration: slice.seconds,
        timeout: 10,
        requests: [
          {
            method: slice.method ?? 'GET',
            ...(slice.headers ? { headers: slice.headers } : {}),
            ...(slice.body === undefined ? {} : { body: slice.body }),
            setupRequest: (req) => {
              req.path = slice.paths[next % slice.paths.length]!;
              if (slice.bodies) req.body = slice.bodies[next % slice.bodies.length]!;
              next += 1;
              cursors.set(slice.scenario, next);
              return req;
            },
          },
        ],
      },
      (err, result) => (err ? reject(err) : resolve(result)),
    );
    instance.on('response', (_client, _status, bytes, ms) => onResponse(bytes, ms));
  });
}

async function run(slice: LoadSlice): Promise<void> {
  if (slice.warmup) {
    await fire(slice, () => {});
    return;
  }
  let tally = tallies.get(slice.scenario);
  if (!tally) {
    tally = {
      ok: 0,
      non2xx: 0,
      errors: 0,
      timeouts: 0,
      seconds: 0,
      bytes: 0,
      slices: 0,
      latencies: [],
      sliceRates: [],
    };
    tallies.set(slice.scenario, tally);
  }
  const t = tally;
  const r = await fire(slice, (bytes, ms) => {
    t.bytes += bytes;
    t.latencies.push(ms);
  });
  t.ok += r['2xx'];
  t.non2xx += r.non2xx;
  t.errors += r.errors;
  t.timeouts += r.timeouts;
  t.seconds += r.duration;
  t.slices += 1;
  t.sliceRates.push(r['2xx'] / r.duration);
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function summary(): Record<string, ScenarioTally> {
  const out: Record<string, ScenarioTally> = {};
  for (const [name, t] of tallies) {
    const sorted = Float64Array.from(t.latencies).sort();
    out[name] = {
      ok: t.ok,
      non2xx: t.non2xx,
      errors: t.errors,
      timeouts: t.timeouts,
      seconds: t.seconds,
      bytes: t.bytes,
      slices: t.slices,
      latency: {
        p50: percentile(sorted, 50),
        p90: percentile(sorted, 90),
        p99: percentile(sorted, 99),
        max: sorted.at(-1) ?? 0,
      },
      sliceRates: t.sliceRates,
    };
  }
  return out;
}

if (process.send) {
  const reply = (message: LoadReply) => process.send!(message);
  process.on('message', (command: LoadCommand) => {
    if (command.cmd === 'summary') {
      reply({ id: command.id, ok: true, summary: summary() });
      return;
    }
    run(command.slice).then(
      () => reply({ id: command.id, ok: true }),
      (err: unknown) => reply({ id: command.id, ok: false, error: String(err) }),
    );
  });
  // The parent going away ends the load too.
  process.once('disconnect', () => process.exit(0));
}
