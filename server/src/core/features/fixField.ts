import type { ResolvedConcern } from '../model';
import { FIX_FIELD_ORDER } from '../parse/fieldNames';

/** The field that says how to fix the concern: Fix approach, else its nearest equivalent. */
export function fixField(concern: ResolvedConcern): ResolvedConcern['fields'][number] | undefined {
  for (const name of FIX_FIELD_ORDER) {
    const field = concern.fields.find((f) => f.name === name);
    if (field) return field;
  }
  return undefined;
}
