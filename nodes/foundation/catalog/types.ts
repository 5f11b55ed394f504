/** One field of a request: a path or query parameter, or a body property. */
export type FieldType =
	| 'string'
	| 'number'
	| 'boolean'
	| 'dateTime'
	| 'date'
	| 'options'
	| 'multiOptions'
	| 'stringList'
	| 'json'
	| 'object'
	| 'objectList'
	/** a uuid pointing at another record: shown as a resource locator, sent as a string */
	| 'id'
	/** `{ id } | { key }` pointing at another record: shown as a resource locator */
	| 'reference'
	/** a list of `{ id } | { key }` references */
	| 'referenceList';

export interface FieldDef {
	name: string;
	type: FieldType;
	required?: boolean;
	nullable?: boolean;
	options?: string[];
	fields?: FieldDef[];
	resource?: string;
	integer?: boolean;
	min?: number;
	max?: number;
	/** a list needs at least this many entries */
	minItems?: number;
	/** a list takes at most this many entries */
	maxItems?: number;
	/** text: at least / at most this many characters, matching this pattern (the contract's regular expression) */
	minLength?: number;
	maxLength?: number;
	pattern?: string;
	/** text in a format MVMNT checks */
	format?: 'email' | 'uri' | 'uuid';
	/** this field picks the body's variant (carrier type) */
	discriminator?: boolean;
	/** only these variants accept the field */
	variants?: string[];
	/**
	 * values MVMNT uses for a text field whose own schema lists none, taken from elsewhere in the
	 * contract (scripts/catalog-names.js says where): offered as a dropdown that keeps any other text
	 */
	values?: string[];
	/** the value MVMNT uses when the field is left out (the API documents it) */
	default?: string | number | boolean;
}

export interface FilterFieldDef {
	name: string;
	kind: 'string' | 'number' | 'boolean' | 'date' | 'enum';
	/** operators this field accepts (`is` = a plain value, no operator object) */
	ops: string[];
	/** operators that take a list of values */
	listOps?: string[];
	options?: string[];
	plain?: boolean;
}

export type OperationKind =
	| 'create'
	| 'get'
	| 'update'
	| 'delete'
	| 'getAll'
	| 'search'
	| 'list'
	| 'report'
	| 'action'
	/** create or update by client key */
	| 'upsert'
	/** document record + file bytes to its pre-signed URL */
	| 'upload'
	/** document file bytes from its pre-signed URL */
	| 'download';

/** One MVMNT API operation, as data: the executor does the rest. */
export interface OperationDef {
	resource: string;
	operation: string;
	name: string;
	action: string;
	kind: OperationKind;
	method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
	path: string;
	operationId?: string;
	/** path parameters, in path order */
	pathParams?: FieldDef[];
	/** the API accepts `?by=id|key` for the `{id}` parameter */
	lookup?: boolean;
	/** the path `{id}` also takes the record's client key */
	keyInPath?: boolean;
	query?: FieldDef[];
	body?: FieldDef[];
	bodyRequired?: boolean;
	/** cursor: `{cursor,pageSize}` in the body; cursorQuery: the same in the query; page: `pagination.pageNumber` */
	pagination?: 'cursor' | 'cursorQuery' | 'page';
	/** the API's largest page */
	maxPageSize?: number;
	filterFields?: FilterFieldDef[];
	/** non-JSON success content types the operation can answer with */
	binaryTypes?: string[];
	jsonAlternative?: boolean;
	emptyResponse?: boolean;
	/** GET by client key goes through a query parameter instead of the path (orders) */
	keyQuery?: string;
}

export interface ResourceDef {
	value: string;
	name: string;
}
