import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { FieldDef } from '../../foundation/catalog';

/** Where a field sits: its resource and the field it is nested in (for description overrides). */
export interface FieldContext {
	resource?: string;
	parent?: string;
	/** the field changes a stored record (Update, Create or Update): MVMNT's create-time defaults don't apply */
	update?: boolean;
	/** the form of node versions before EXACT_VALUES_SINCE: a first option, 0 or false preselected */
	legacy?: boolean;
}

/** What every field's parameter starts from: its label, API name, an empty default and its description. */
export interface BaseProperty {
	displayName: string;
	name: string;
	default: INodeProperties['default'];
	description: string | undefined;
}

/** The parameters of other fields, for the kinds that hold fields (objects, lists of objects). */
export interface Forms {
	/** the parameter of a field */
	property(field: FieldDef, place: FieldContext): INodeProperties;
	/** the parameters of a field whose value n8n stores only when it differs from the default */
	stored(field: FieldDef, place: FieldContext): INodeProperties[];
}

/** What reading a value needs beyond the value: the workflow's time zone, look-ups, nested fields. */
export interface FieldReader {
	readonly timeZone: string;
	/** nothing is sent for an optional value equal to MVMNT's documented default */
	unlessDefault(field: FieldDef, value: unknown): unknown;
	/** the ID of the record with this client key */
	idForKey(resource: string, key: string): Promise<string>;
	/** a set of named values (a collection or one list entry) against its field list */
	object(fields: FieldDef[], values: IDataObject, where: string, entry?: boolean): Promise<IDataObject | undefined>;
}

/**
 * One kind of field (FieldDef.type): its parameter in the form and how its value is read back.
 * A new kind is one module with one of these, listed in fields/index.ts.
 */
export interface FieldKind {
	form(field: FieldDef, place: FieldContext, base: BaseProperty, forms: Forms): INodeProperties;
	/** the value as n8n holds it (never empty) → what MVMNT takes; undefined = send nothing. `label` names it in errors */
	read(field: FieldDef, value: unknown, label: string, reader: FieldReader): unknown;
}

/** The place of the fields nested in `field`. */
export function innerPlace(field: FieldDef, place: FieldContext): FieldContext {
	return { resource: place.resource, parent: field.name, update: place.update };
}
