import { text } from '../../../foundation/input';
import { enumOptions } from '../../../foundation/labels';

import type { FieldKind } from '../kind';
import { isLocator } from '../locator';
import { startsEmpty } from '../parts';

/**
 * Plain text (and the kind of any field of a type the catalog does not name). Text whose values
 * MVMNT lists elsewhere in its contract (`values`) is a dropdown of them that still takes any
 * other text: the value stored is the same string either way, so saved text keeps working.
 */
export const stringKind: FieldKind = {
	form: (field, _place, base) => (field.values?.length ? startsEmpty(base, enumOptions(field.values), field.required) : { ...base, type: 'string' }),
	read: (_field, value, label) => text(isLocator(value) ? value.value : value, label),
};
