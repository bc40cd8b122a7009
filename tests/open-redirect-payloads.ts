// Return paths an attacker would try: each must end on the app's own origin (or at "/").
// Shared by the unit test of safeReturnPath and the browser test of every return path.
const HOST = "evil.example";
const CONTROLS = ["\t", "\n", "\r"];

export const OPEN_REDIRECT_PAYLOADS: string[] = [
  `//${HOST}`,
  `///${HOST}`,
  `////${HOST}`,
  `/\\${HOST}`,
  `\\/${HOST}`,
  `\\\\${HOST}`,
  `/%09/${HOST}`,
  `/%5C${HOST}`,
  `/%5c/${HOST}`,
  `%2F%2F${HOST}`,
  `/%2F${HOST}`,
  `/.//${HOST}`,
  `/./\\${HOST}`,
  `/../..//${HOST}`,
  `https://${HOST}`,
  `https:${HOST}`,
  `http:/${HOST}`,
  `//${HOST}@127.0.0.1`,
  `/@${HOST}`,
  `https://127.0.0.1@${HOST}`,
  `javascript:alert(document.domain)`,
  `JaVaScRiPt:alert(1)`,
  ` javascript:alert(1)`,
  `data:text/html,<script>alert(1)</script>`,
  `/\u2215${HOST}`,
  `/\u2044${HOST}`,
  `/\uFF0F${HOST}`,
  `\uFF0F\uFF0F${HOST}`,
  `/\u3002${HOST}`,
  `/${"a".repeat(5000)}`,
  `//${HOST}/${"a".repeat(5000)}`,
  // A tab, newline or carriage return in every position of "//evil.example" (browsers drop them).
  ...CONTROLS.flatMap((control) => Array.from({ length: HOST.length + 3 }, (_, at) => `//${HOST}`.slice(0, at) + control + `//${HOST}`.slice(at))),
  ...CONTROLS.map((control) => `/${control}/${HOST}`),
  ...CONTROLS.map((control) => `${control}//${HOST}`),
];
