// When a job that failed is tried again, and when the outbox gives up on it.

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/**
 * The wait before each retry: the first failure waits 10 s, the next 30 s, then 2 min, 10 min,
 * 1 h, 3 h, 6 h and 12 h. A mail server that is restarted is caught by the first retries; one
 * that is down for the night by the last ones, without knocking at it every few seconds meanwhile.
 */
export const RETRY_DELAYS_MS = [10 * SECOND, 30 * SECOND, 2 * MINUTE, 10 * MINUTE, HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR] as const;

/** After this many tries (about a day of retries) a job is marked failed and left alone. */
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;

/**
 * How long a claim holds. A worker that crashed mid-job loses its claim when this passes, and
 * another worker runs the job again; so it must outlast any one run of a handler (the mail
 * handler's own timeouts end a send within two minutes).
 */
export const LEASE_MS = 5 * MINUTE;

/** The delay after the `attempts`-th failed try (1 for the first). */
export const retryDelayMs = (attempts: number) => RETRY_DELAYS_MS[Math.min(Math.max(attempts, 1), RETRY_DELAYS_MS.length) - 1];
