import { readdirSync } from "node:fs";
import path from "node:path";
import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "@/lib/openapi/document";
import * as openapiRoute from "@/app/api/v1/openapi.json/route";
import { call } from "../http";

type JsonObject = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- walking a JSON document
const document = openApiDocument() as JsonObject;
const API_ROOT = path.join("app", "api", "v1");

/** Every route.ts under app/api/v1, as an OpenAPI path (the catch-all for unknown paths aside). */
function routeFiles(folder = API_ROOT): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return entry.name.startsWith("[...") ? [] : routeFiles(full);
    return entry.name === "route.ts" ? [full] : [];
  });
}
const toOpenApiPath = (file: string) => "/" + path.relative(API_ROOT, path.dirname(file)).split(path.sep).map((part) => part.replace(/^\[(\w+)\]$/, "{$1}")).join("/");
const normalize = (apiPath: string) => apiPath.replace(/\/$/, "");

describe("the OpenAPI document", () => {
  it("passes a maintained OpenAPI 3.1 validator", async () => {
    const result = await new Validator().validate(structuredClone(document));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(document.openapi).toBe("3.1.0");
  });

  it("lists every route handler under app/api/v1, with exactly the methods it serves, and nothing else", async () => {
    const files = routeFiles();
    expect(files.map(toOpenApiPath).sort()).toEqual(Object.keys(document.paths).map(normalize).sort());
    for (const file of files) {
      const route = await import(/* @vite-ignore */ path.resolve(file));
      const { headers } = await route.OPTIONS(new Request("http://test.local", { method: "OPTIONS" }), { params: Promise.resolve({}) });
      const served = headers.get("allow").split(", ").filter((method: string) => !["HEAD", "OPTIONS"].includes(method)).map((m: string) => m.toLowerCase());
      const documentedPath = Object.keys(document.paths).find((candidate) => normalize(candidate) === toOpenApiPath(file))!;
      expect(served.sort(), file).toEqual(Object.keys(document.paths[documentedPath]).sort());
    }
  });

  it("documents both ways to authenticate, a problem for every error, and the seed's examples", () => {
    expect(Object.keys(document.components.securitySchemes).sort()).toEqual(["bearerAuth", "sessionCookie", "tokenAuth"]);
    for (const [apiPath, methods] of Object.entries(document.paths as JsonObject)) {
      for (const [method, operation] of Object.entries(methods as JsonObject)) {
        expect(operation.responses["401"], `${method} ${apiPath}`).toBeDefined();
        for (const [status, response] of Object.entries(operation.responses as JsonObject)) {
          if (Number(status) >= 400) expect(Object.keys(response.content), `${method} ${apiPath} ${status}`).toEqual(["application/problem+json"]);
        }
        if (operation.requestBody) expect(operation.requestBody.content["application/json"].example, `${method} ${apiPath}`).toBeDefined();
      }
    }
    expect(document.components.schemas.Image.examples[0].name).toBe("Ubuntu 12.04 Updated NoGUI v1");
    expect(document.paths["/provider/{providerId}/identity/{identityId}/request_image/"].post.requestBody.content["application/json"].example.tags).toEqual([
      "ESD",
      "BGF",
      "apache2",
      "SpliceGrapher",
    ]);
  });

  it("is served at /api/v1/openapi.json", async () => {
    const { status, body } = await call(openapiRoute.GET, "/api/v1/openapi.json");
    expect(status).toBe(200);
    expect(body).toEqual(document);
  });
});
