// Short, readable descriptions of JSON Schemas, for the API reference page.
type Schema = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON Schema is open-ended

export const refName = (ref: string) => ref.split("/").at(-1)!;

/** "string (uuid)", "array of Image", "integer or null"… */
export function typeLabel(schema: Schema): string {
  if (!schema || Object.keys(schema).length === 0) return "any";
  if (schema.$ref) return refName(schema.$ref);
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (schema.enum) return `one of ${schema.enum.map((value: unknown) => JSON.stringify(value)).join(", ")}`;
  if (schema.anyOf) return [...new Set(schema.anyOf.map(typeLabel))].join(" or ");
  if (schema.type === "array") return `array of ${typeLabel(schema.items)}`;
  if (schema.type === "object" && schema.additionalProperties) return `object of ${typeLabel(schema.additionalProperties)}`;
  return schema.format ? `${schema.type} (${schema.format})` : String(schema.type);
}

/** Limits worth telling a client about. */
export function constraints(schema: Schema): string {
  const parts: string[] = [];
  if (schema.minLength !== undefined) parts.push(`at least ${schema.minLength} ${schema.minLength === 1 ? "character" : "characters"}`);
  if (schema.maxLength !== undefined) parts.push(`at most ${schema.maxLength} characters`);
  if (schema.minimum !== undefined) parts.push(`from ${schema.minimum}`);
  if (schema.maximum !== undefined && schema.maximum < Number.MAX_SAFE_INTEGER) parts.push(`up to ${schema.maximum}`);
  if (schema.default !== undefined) parts.push(`default ${JSON.stringify(schema.default)}`);
  for (const option of schema.anyOf ?? []) {
    const nested = constraints(option);
    if (nested) parts.push(nested);
  }
  return parts.join("; ");
}

export interface Field {
  name: string;
  type: string;
  required: boolean;
  notes: string;
}

/** The fields of an object schema. */
export function fields(schema: Schema): Field[] {
  const required = new Set<string>(schema.required ?? []);
  return Object.entries((schema.properties ?? {}) as Record<string, Schema>).map(([name, property]) => ({
    name,
    type: typeLabel(property),
    required: required.has(name),
    notes: [property.description, constraints(property)].filter(Boolean).join(" "),
  }));
}
