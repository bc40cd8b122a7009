import { readFileSync } from "node:fs";

// Baseline 7 of `npm run bench`: the same Next.js server answering, from memory, the bytes of
// the catalog's first page. It exists only when the benchmark starts the server with
// BENCH_BASELINE_FILE set; otherwise it is not found, like any unknown path.
let bytes: Buffer | undefined;

export async function GET() {
  const file = process.env.BENCH_BASELINE_FILE;
  if (!file) return new Response(null, { status: 404 });
  bytes ??= readFileSync(file);
  return new Response(new Uint8Array(bytes), { headers: { "Content-Type": "application/json" } });
}
