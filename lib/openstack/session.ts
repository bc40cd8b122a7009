import { CloudError } from "./errors";
import { call, type CallOptions } from "./http";
import { authenticate, type KeystoneToken, type OpenStackConnection } from "./keystone";

/** A token is renewed this long before Keystone says it expires (calls in flight must not outlive it). */
const RENEW_BEFORE_MS = 5 * 60_000;

/**
 * One signed-in connection to a cloud: the token is kept until shortly before it expires, shared
 * by concurrent callers (one sign-in, not one per call), and renewed once when Glance answers 401
 * (a token revoked or expired early).
 */
export class OpenStackSession {
  private current?: Promise<KeystoneToken>;

  constructor(
    readonly connection: OpenStackConnection,
    private readonly now: () => number = Date.now,
  ) {}

  /** Signs in on first use, then reuses the token until it nears its end. */
  async token(): Promise<KeystoneToken> {
    const held = this.current;
    if (held) {
      const token = await held.catch(() => null);
      if (token && token.expiresAt.getTime() - RENEW_BEFORE_MS > this.now()) return token;
      if (this.current !== held) return this.token();
    }
    const signing = authenticate(this.connection);
    this.current = signing;
    // A failed sign-in is not kept: the next call tries again.
    signing.catch(() => {
      if (this.current === signing) this.current = undefined;
    });
    return signing;
  }

  /** A call to Glance at `path` (from /v2 on), signing in again once if the token is refused. */
  async glance(path: string, what: string, options: CallOptions = {}): Promise<Response> {
    for (let attempt = 0; ; attempt++) {
      const token = await this.token();
      try {
        return await call("Glance", `${token.imageUrl}${path}`, what, { ...options, headers: { ...options.headers, "X-Auth-Token": token.token } });
      } catch (error) {
        if (attempt > 0 || !(error instanceof CloudError) || error.kind !== "unauthorized") throw error;
        if (this.current) this.current = undefined;
      }
    }
  }
}
