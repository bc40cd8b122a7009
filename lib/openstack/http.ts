import { CloudError, errorForStatus } from "./errors";

/** OPENSTACK_TIMEOUT_MS: how long one call to Keystone or Glance may take (default 20 s). */
export function callTimeoutMs(): number {
  const value = Number(process.env.OPENSTACK_TIMEOUT_MS);
  return Number.isInteger(value) && value > 0 ? value : 20_000;
}

export interface CallOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** Statuses that are answers rather than errors (404 for "is it there?"). */
  accept?: number[];
}

/**
 * One HTTP call to an OpenStack service. JSON is asked for (Glance answers errors in HTML
 * otherwise); an unreachable service, a timeout or an error status becomes a CloudError naming
 * the service and the call, never the request's headers (they carry the token).
 */
export async function call(service: string, url: string, what: string, options: CallOptions = {}): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: options.method ?? "GET",
      headers: { Accept: "application/json", ...options.headers },
      body: options.body,
      signal: AbortSignal.timeout(callTimeoutMs()),
      redirect: "error",
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const reason = (error as Error).name === "TimeoutError" ? `no answer within ${callTimeoutMs()} ms` : (cause?.code ?? cause?.message ?? (error as Error).message);
    throw new CloudError("unreachable", `${service} at ${new URL(url).origin} is unreachable (${reason}) while trying to ${what}.`);
  }
  if (!response.ok && !options.accept?.includes(response.status)) throw errorForStatus(service, response.status, await response.text(), what);
  return response;
}
