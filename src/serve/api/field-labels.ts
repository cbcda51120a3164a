// Field selectors as the API server takes them: apiserver/fields.ts holds the parser and the field
// labels each kind supports; here its errors become the BadRequest the API server answers with.
import { fieldSelectorFor as parseFor, FieldSelectorParseError, type FieldRequirement } from '../../apiserver/fields';
import { badRequest } from '../http/status';

/** Parse and check a field selector for `kind`; unsupported labels are upstream's BadRequest. */
export function fieldSelectorFor(kind: string, text: string | null): FieldRequirement[] | undefined {
  if (!text) return undefined;
  try {
    return parseFor(kind, text);
  } catch (e) {
    if (e instanceof FieldSelectorParseError) throw badRequest(e.message);
    throw e;
  }
}
