/** A fresh nonce for a page's Content-Security-Policy: a random UUID (122 random bits), base64 as the header wants. */
export const newCspNonce = () => Buffer.from(crypto.randomUUID()).toString("base64");

/** The nonce a Content-Security-Policy allows scripts by, if it names one. */
export const cspNonceOf = (policy: string): string | null => /'nonce-([A-Za-z0-9+/=]+)'/.exec(policy)?.[1] ?? null;
