import type { Operation } from "./operations";

/** The shell variables the examples use, and what to set them to. */
export const CURL_VARIABLES: [string, string][] = [
  ["ATMO", "this site's address, e.g. https://images.example.org"],
  ["TOKEN", "an API token (Settings → API tokens, or npm run token:create)"],
  ["IMAGE_ID", "the id of an image of yours (GET /images?created_by=<you>)"],
  ["VERSION", "one of its versions, such as 1 (GET /images/$IMAGE_ID/versions)"],
  ["PROVIDER_ID", "a provider's id, and IDENTITY_ID your identity on it (GET /identities)"],
  ["IDENTITY_ID", "your identity on that provider (GET /identities)"],
  ["INSTANCE_ALIAS", "one of your instances on that provider, with no open request (GET /instances)"],
  ["REQUEST_ID", "one of your image requests (GET /image_requests)"],
  ["ATMO_USERNAME", "your username, and ATMO_PASSWORD your password (only to get a token)"],
  ["ATMO_PASSWORD", "your password"],
];

const PATH_VARIABLES: [RegExp, string][] = [
  [/^\/images\/\{id\}/, "$IMAGE_ID"],
  [/^\/image_requests\/\{id\}/, "$REQUEST_ID"],
];

/** A runnable curl command for an operation, with --fail-with-body so that errors fail the shell too. */
export function curlExample(operation: Operation): string {
  let path = operation.path.replace("{providerId}", "$PROVIDER_ID").replace("{identityId}", "$IDENTITY_ID").replace("{version}", "$VERSION");
  for (const [pattern, variable] of PATH_VARIABLES) if (pattern.test(path)) path = path.replace("{id}", variable);
  const output = operation.success.content && !operation.success.content["application/json"] ? " -o icon" : "";
  const lines = [`curl --fail-with-body -sS${operation.method === "get" ? "" : ` -X ${operation.method.toUpperCase()}`} "$ATMO/api/v1${path}"${output}`];
  // Signed in, every operation answers with what the caller may see; anonymous callers may leave the token out where auth is optional.
  if (operation.auth !== "none") lines.push(`-H "Authorization: Token $TOKEN"`);
  if (operation.body) {
    const body = operation.curl?.body ?? JSON.stringify(operation.body.example);
    lines.push(`-H "Content-Type: application/json" -d @- <<EOF\n${body}\nEOF`);
  }
  return lines.join(" \\\n  ");
}
