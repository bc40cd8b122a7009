// A service this script started as a child process (the app, nginx), known by its URL and stopped
// by its pid.
import type { ChildProcess } from "node:child_process";

export interface ChildService {
  url: string;
  process: ChildProcess;
  /** Stops it and waits until it has exited. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Waits until `url + probe` answers as `ready` says, then hands the service back. It fails as soon
 * as the child exits, or after `timeoutMs`.
 */
export async function whenAnswering(
  child: ChildProcess,
  { url, probe, name, timeoutMs, ready = () => true, stopSignal = "SIGTERM" }: { url: string; probe: string; name: string; timeoutMs: number; ready?: (response: Response) => boolean; stopSignal?: NodeJS.Signals },
): Promise<ChildService> {
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  for (const started = Date.now(); ; ) {
    if (child.exitCode !== null) throw new Error(`${name} exited while starting`);
    try {
      if (ready(await fetch(`${url}${probe}`))) break;
    } catch {}
    if (Date.now() - started > timeoutMs) throw new Error(`${name} did not start within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    process: child,
    async stop(signal = stopSignal) {
      if (child.exitCode === null) child.kill(signal);
      await exited;
    },
  };
}
