import { parseJson } from '../../../foundation/input';

import type { FieldKind } from '../kind';

/** Any JSON value MVMNT takes as it is. */
export const jsonKind: FieldKind = {
	// a required JSON value opens as an empty object, not as an editor flagging empty text
	form: (field, _place, base) => ({ ...base, type: 'json', default: field.required ? '{}' : '' }),
	read: (_field, value, label) => parseJson(value, label),
};
