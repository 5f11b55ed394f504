import type { INodePropertyOptions } from 'n8n-workflow';

import { resourceName } from './catalog';
import { ACRONYMS, FIELD_DESCRIPTIONS, FIELD_OVERRIDES, OPTION_LABELS, SMALL_WORDS } from './catalog/descriptions';
import { NESTED_LABELS, SHORT_LABELS } from './catalog/forms';

/* What users read for API names: field labels, option labels and their order, field descriptions. */

/** One word of a label: an acronym in capitals, a small word in lower case (unless first or last), else capitalised. */
function word(w: string, edge: boolean): string {
	const lower = w.toLowerCase();
	if (ACRONYMS[lower]) return ACRONYMS[lower];
	if (!edge && SMALL_WORDS.has(lower)) return lower;
	return lower.charAt(0).toUpperCase() + lower.slice(1);
}

/**
 * `phoneNumber` → `Phone Number`, `line1` → `Line 1`; a long name has a short label
 * (`usDriverInspectionsOosPct` → `Driver OOS %`) so nested forms show it uncut.
 */
export function labelOf(name: string): string {
	return SHORT_LABELS[name] ?? ruleLabel(name);
}

/** A field's label where it sits: never the same as the label of the field it is nested in. */
export function fieldLabel(name: string, parent?: string): string {
	return (parent && NESTED_LABELS[`${parent}.${name}`]) || labelOf(name);
}

/** The label of one entry of a list: `Stops` → `Stop`, `Credit Applications` → `Credit Application`. */
export function singularOf(label: string): string {
	if (/ies$/.test(label)) return label.replace(/ies$/, 'y');
	if (/(ss|us|is)$/.test(label) || !/s$/.test(label)) return label;
	if (/(sses|xes|ches|shes)$/.test(label)) return label.replace(/es$/, '');
	return label.replace(/s$/, '');
}

function ruleLabel(name: string): string {
	return name
		.replace(/([a-z0-9])([A-Z])/g, '$1 $2')
		.replace(/([a-zA-Z])(\d)/g, '$1 $2')
		.replace(/_/g, ' ')
		.split(' ')
		.filter(Boolean)
		.map((w, i, all) => word(w, i === 0 || i === all.length - 1))
		.join(' ');
}

/** `SERVICE_TIER_1` → `Service Tier 1`, `_25_TO_150K` → `25K to 150K`, `BILL_OF_LADING` → `Bill of Lading`. */
export function optionLabel(value: string): string {
	if (OPTION_LABELS[value]) return OPTION_LABELS[value];
	if (!/^[A-Z0-9_]+$/.test(value)) return value;
	const range = rangeOf(value);
	return (range ? value.replace(/^_\d+[KMB]?_/, `_${range.low}_`) : value)
		.split('_')
		.filter(Boolean)
		.map((w, i, all) => (/\d/.test(w) ? w : word(w, i === 0 || i === all.length - 1)))
		.join(' ')
		.replace(/ Plus$/, '+');
}

const UNITS: Record<string, number> = { '': 1, K: 1e3, M: 1e6, B: 1e9 };

/**
 * A range value's lower bound: `_150K_TO_300K` → 150K. A bare lower bound takes the upper
 * bound's unit when it is no larger than the upper bound with it (`_25_TO_150K` is 25K to 150K,
 * `_1_TO_5M` is 1M to 5M); `_0_TO_1`, `_2_TO_5` and `_500_OR_MORE` are plain counts.
 */
function rangeOf(value: string): { low: string; start: number } | undefined {
	const m = /^_(\d+)([KMB]?)(?:_TO_(\d+)([KMB]?))?(?:_|$)/.exec(value);
	if (!m) return undefined;
	const [, low, lowUnit, high, highUnit = ''] = m;
	const unit = lowUnit || (high !== undefined && Number(low) > 0 && Number(low) <= Number(high) ? highUnit : '');
	return { low: `${low}${unit}`, start: Number(low) * UNITS[unit] };
}

/** The size a range value starts at: `_150K_TO_300K` → 150000, `_1_TO_5M` → 1000000; undefined when the value is no range. */
export function rangeStart(value: string): number | undefined {
	return rangeOf(value)?.start;
}

/** Options in their natural order: ranges by magnitude, anything else by label. */
export function enumOptions(values: string[]): INodePropertyOptions[] {
	const options = values.map((v) => ({ name: optionLabel(v), value: v }));
	const seen = new Set<string>();
	for (const o of options) {
		if (seen.has(o.name)) o.name = `${o.name} (${o.value})`;
		seen.add(o.name);
	}
	if (values.every((v) => rangeStart(v) !== undefined)) {
		return options.sort((a, b) => (rangeStart(a.value) as number) - (rangeStart(b.value) as number));
	}
	return options.sort((a, b) => a.name.localeCompare(b.name));
}

/** Where a field sits, for its description: its resource and the field it is nested in. */
export interface DescribedPlace {
	resource?: string;
	parent?: string;
}

/** The description of an API field: a resource or parent override, else the shared entry. */
export function fieldDescription(name: string, place: DescribedPlace = {}): string | undefined {
	return (
		(place.resource && FIELD_OVERRIDES[`${place.resource}.${name}`]) ||
		(place.parent && FIELD_OVERRIDES[`${place.parent}.${name}`]) ||
		FIELD_DESCRIPTIONS[name]
	);
}

export const nounOf = (resource: string | undefined) => (resource ? resourceName(resource).toLowerCase() : 'record');
