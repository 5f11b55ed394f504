/*
 * The names the action node's form gives its inner parts. The form (each field kind's form())
 * writes them and the reading side (each kind's read(), the request builder) reads them: one name,
 * written once.
 */

/** A multiple-value group's entries made with the form. */
export const LIST_ENTRIES = 'entries';
/** A multiple-value group's entries given as JSON. */
export const LIST_JSON = 'json';
/** The option of every nested object (and group of objects) that takes the whole value as JSON. */
export const WHOLE_JSON = 'wholeJson';
/** Where a list entry keeps its optional fields (n8n fills every value of an entry with its default). */
export const ENTRY_OPTIONAL = 'additionalFields';
/** The record picker of one entry of a list of references. */
export const REFERENCE_ENTRY = 'reference';
/** The Field an entry of search criteria sets. */
export const CRITERION_KEY = 'key';
/** The list of search criteria of one shape (the i-th set of same-shaped fields). */
export const shapeGroup = (i: number) => `shape${i}`;

/** The Update Fields option listing the fields to set to null. */
export const CLEAR_FIELDS = 'fieldsToClear';

/** The node's own parameters, beside the catalog's fields. */
export const PARAMS = {
	resource: 'resource',
	operation: 'operation',
	useRawJson: 'useRawJson',
	rawJson: 'rawJson',
	additionalFields: 'additionalFields',
	updateFields: 'updateFields',
	/** Create or Update's client key */
	key: 'key',
	returnAll: 'returnAll',
	limit: 'limit',
	options: 'options',
	format: 'format',
	binaryPropertyName: 'binaryPropertyName',
	simplify: 'simplify',
	output: 'output',
	outputFields: 'outputFields',
	/** batch operations: the input items' entries sent together */
	combineItems: 'combineItems',
	requestOptions: 'requestOptions',
} as const;
