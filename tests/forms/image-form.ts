// The edit form as a browser sends it: every field the page renders for an image, with the
// user's changes on top (a list is sent as one value per chip, as with JavaScript).
import type { ImageJson } from "../../lib/api/response-schemas";
import { imageFormFields } from "../../lib/validations/image-form";

export type FormChanges = Record<string, string | string[] | undefined>;

export function editForm(image: ImageJson, renderedAt: number, changes: FormChanges = {}): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries({ ...imageFormFields(image, renderedAt), ...changes })) {
    // undefined: a field the page did not send (e.g. an old page without it).
    for (const item of value === undefined ? [] : [value].flat()) form.append(name, item);
  }
  return form;
}
