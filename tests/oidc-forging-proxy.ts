// An attacker between the app and its OpenID provider, for the refusal tests (SPEC §10): it passes
// everything through to the real provider, and can change the ID token the token endpoint returns
// (re-signed with the provider's own key, or not re-signed at all).
import { createPrivateKey, sign, type JsonWebKey } from "node:crypto";
import { createServer, request as forward, type Server } from "node:http";

/** `resign`: signed again with the provider's key; false: the old signature kept; "none": unsigned, alg "none". */
export type Forgery = null | { claims: Record<string, unknown>; resign: boolean | "none" };

export interface ForgingProxy {
  url: string;
  /** What the next token answers get changed to; null passes them through. */
  forgery: Forgery;
  close(): Promise<void>;
}

const base64url = (data: string | Buffer) => Buffer.from(data).toString("base64url");

/** The ID token with claims changed: signed again with `key`, left with its old signature (a tampered token), or unsigned. */
export function forgeIdToken(idToken: string, claims: Record<string, unknown>, key: JsonWebKey, resign: boolean | "none"): string {
  const [header, payload, signature] = idToken.split(".");
  const changed = base64url(JSON.stringify({ ...JSON.parse(Buffer.from(payload, "base64url").toString()), ...claims }));
  if (resign === "none") return `${base64url(JSON.stringify({ alg: "none", typ: "JWT" }))}.${changed}.`;
  if (!resign) return `${header}.${changed}.${signature}`;
  const signed = sign("sha256", Buffer.from(`${header}.${changed}`), createPrivateKey({ key, format: "jwk" }));
  return `${header}.${changed}.${base64url(signed)}`;
}

export async function startForgingProxy({ port, target, signingKey }: { port: number; target: number; signingKey: JsonWebKey }): Promise<ForgingProxy> {
  const proxy: ForgingProxy = { url: `http://127.0.0.1:${port}`, forgery: null, close: async () => {} };
  const server: Server = createServer((incoming, outgoing) => {
    const upstream = forward({ host: "127.0.0.1", port: target, path: incoming.url, method: incoming.method, headers: incoming.headers }, (answer) => {
      const forgery = proxy.forgery;
      if (!forgery || !incoming.url?.startsWith("/token") || answer.statusCode !== 200) {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
        return;
      }
      const chunks: Buffer[] = [];
      answer.on("data", (chunk: Buffer) => chunks.push(chunk));
      answer.on("end", () => {
        const tokens = JSON.parse(Buffer.concat(chunks).toString());
        tokens.id_token = forgeIdToken(tokens.id_token, forgery.claims, signingKey, forgery.resign);
        const body = JSON.stringify(tokens);
        outgoing.writeHead(200, { ...answer.headers, "content-length": Buffer.byteLength(body) });
        outgoing.end(body);
      });
    });
    upstream.on("error", () => outgoing.writeHead(502).end());
    incoming.pipe(upstream);
  });
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(port, "127.0.0.1", resolve));
  proxy.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return proxy;
}
