import client from "prom-client";
import { processWide } from "../process-wide";

/**
 * The process's Prometheus metrics (SPEC §11), served at /api/metrics. One registry per process,
 * shared by our server (which times every request) and the bundled app (which counts cache hits
 * and reads the database's gauges).
 */
export const registry: client.Registry = processWide("metrics", () => new client.Registry());

/** The metric of that name in the registry, made on first use (a second copy of the module finds the first's). */
export function metric<T extends client.Metric>(name: string, make: (registers: client.Registry[]) => T): T {
  return (registry.getSingleMetric(name) as T | undefined) ?? make([registry]);
}

const httpRequests = () =>
  metric("atmosphere_http_requests_total", (registers) => new client.Counter({ name: "atmosphere_http_requests_total", help: "HTTP requests answered, by method, route and status.", labelNames: ["method", "route", "status"], registers }));
const httpDuration = () =>
  metric(
    "atmosphere_http_request_duration_seconds",
    (registers) =>
      new client.Histogram({
        name: "atmosphere_http_request_duration_seconds",
        help: "Time from a request's arrival to the end of its answer, by method, route and status.",
        labelNames: ["method", "route", "status"],
        buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
        registers,
      }),
  );

export function observeRequest(method: string, route: string, status: number, seconds: number): void {
  const labels = { method, route, status: String(status) };
  httpRequests().inc(labels);
  httpDuration().observe(labels, seconds);
}

const catalogCache = () =>
  metric("atmosphere_catalog_cache_total", (registers) => new client.Counter({ name: "atmosphere_catalog_cache_total", help: "Catalog cache lookups, by result (hit or miss).", labelNames: ["result"], registers }));

export const countCatalogCache = (result: "hit" | "miss") => catalogCache().inc({ result });

const pageCache = () =>
  metric("atmosphere_page_cache_total", (registers) => new client.Counter({ name: "atmosphere_page_cache_total", help: "Remembered anonymous catalog pages looked up, by result (hit or miss).", labelNames: ["result"], registers }));

export const countPageCache = (result: "hit" | "miss") => pageCache().inc({ result });
