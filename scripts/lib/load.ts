// One load run, in its own process so that the load generator does not share the server's CPU
// accounting with the script that drives it: `tsx scripts/lib/load.ts '<json options>'`.
import autocannon from "autocannon";

const { url, paths, headers, connections, seconds, expectStatus = 200 } = JSON.parse(process.argv[2]) as {
  url: string;
  paths: string[];
  headers: Record<string, string>;
  connections: number;
  seconds: number;
  /** The status every answer should have (304 for a revalidation); any other is an error. */
  expectStatus?: number;
};
let next = 0;
const result = await autocannon({
  url,
  connections,
  duration: seconds,
  headers,
  requests: [{ setupRequest: (request) => ({ ...request, path: paths[next++ % paths.length] }) }],
});
const unexpected = Object.entries(result.statusCodeStats ?? {})
  .filter(([status]) => Number(status) !== expectStatus)
  .reduce((sum, [, stats]) => sum + (stats.count ?? 0), 0);
console.log(
  JSON.stringify({
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + unexpected,
    requests: result.requests.total,
  }),
);
