import { text } from '../../../foundation/input';

import type { FieldKind } from '../kind';
import { isLocator } from '../locator';

/** Plain text (and the kind of any field of a type the catalog does not name). */
export const stringKind: FieldKind = {
	form: (_field, _place, base) => ({ ...base, type: 'string' }),
	read: (_field, value, label) => text(isLocator(value) ? value.value : value, label),
};
