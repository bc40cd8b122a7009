import { AppError, badRequest } from "../errors";

export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * The request's JSON body: 415 unless it is declared JSON, 413 past 1 MiB (counted while
 * reading, whatever Content-Length claims), 400 with the position when it does not parse.
 */
export async function readJsonBody(request: Request): Promise<unknown> {
  const type = request.headers.get("content-type")?.split(";")[0].trim().toLowerCase() ?? "";
  if (type !== "application/json" && !/^application\/[\w.+-]+\+json$/.test(type)) {
    throw new AppError(415, "Send the body as JSON, with Content-Type: application/json.");
  }
  const declared = Number(request.headers.get("content-length"));
  if (declared > MAX_BODY_BYTES) throw tooLarge();
  const text = await readText(request);
  if (text.trim() === "") throw badRequest("The request body is empty; send a JSON object.");
  try {
    return JSON.parse(text);
  } catch (error) {
    throw badRequest(`The body is not valid JSON: ${describeJsonError(text, error)}. Keys and strings need double quotes.`);
  }
}

const tooLarge = () => new AppError(413, `The body is larger than ${MAX_BODY_BYTES / 1024 / 1024} MiB.`);

async function readText(request: Request): Promise<string> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return new TextDecoder("utf-8", { fatal: false }).decode(Buffer.concat(chunks));
}

/** V8's message counts characters; line and column are what people can find in their body. */
function describeJsonError(text: string, error: unknown): string {
  const message = (error instanceof Error ? error.message : String(error)).replace(/ in JSON at position \d+.*$/, "");
  const position = /position (\d+)/.exec(error instanceof Error ? error.message : "");
  if (!position) return message;
  const offset = Number(position[1]);
  const before = text.slice(0, offset);
  return `${message} at line ${before.split("\n").length}, column ${offset - before.lastIndexOf("\n")}`;
}
