/*
 * How the create and update forms read to a broker (data, our own words): short labels where the
 * API name is long, the fields an entry cannot do without (shown first, outside Additional
 * Fields), and the rules a list or field follows, shown before the run.
 */

/**
 * Labels for API names whose label by rule is longer than n8n shows uncut in a nested form
 * (about 20 characters). The description still gives the full meaning.
 */
export const SHORT_LABELS: Record<string, string> = {
	insuranceGeneralLiabilityLimit: 'General Liability',
	insuranceCargoLiabilityLimit: 'Cargo Liability',
	insuranceAutoLiabilityLimit: 'Auto Liability',
	insuranceExpirationDate: 'Insurance Expires',
	insuranceAuthorityDate: 'Authority Date',
	insuranceAgentPhone: 'Agent Phone',
	isConstructionOrUtilitySite: 'Construction Site',
	isAirportOrAirbase: 'Airport or Airbase',
	isAppointmentRequired: 'Appointment Needed',
	isFactoringPreferred: 'Prefers Factoring',
	usVehicleInspectionsOosPct: 'Vehicle OOS %',
	usDriverInspectionsOosPct: 'Driver OOS %',
	usVehicleInspectionsOos: 'Vehicle OOS',
	usDriverInspectionsOos: 'Driver OOS',
	usVehicleInspections: 'Vehicle Inspections',
	usDriverInspections: 'Driver Inspections',
	paymentRecipientType: 'Recipient Type',
	handlingUnitQuantity: 'Handling Units',
	defaultExternalNotes: 'External Notes',
	defaultInternalNotes: 'Internal Notes',
	defaultCarrierNotes: 'Carrier Notes',
	commodityDescription: 'Commodity',
	primaryContactEmail: 'Contact Email',
	primaryContactPhone: 'Contact Phone',
	requestedStartDate: 'Start Date',
	requestedEndDate: 'End Date',
	requestedStartTime: 'Start Time',
	requestedEndTime: 'End Time',
};

/**
 * Labels for a field inside a parent whose label it would repeat (a load's Carrier holds the
 * carrier picker), keyed `parent.field`.
 */
export const NESTED_LABELS: Record<string, string> = {
	'carrier.carrier': 'Carrier Record',
	'vendor.vendor': 'Vendor Record',
	'customer.customer': 'Customer Record',
	'equipment.equipment': 'Equipment Type',
};

/**
 * Optional fields a broker fills for nearly every entry, keyed by the list or object they sit in:
 * shown first with the required ones, not under Additional Fields.
 */
export const ESSENTIAL_FIELDS: Record<string, string[]> = {
	stops: ['location', 'address', 'requestedStartDate', 'requestedEndDate'],
	order: ['freight', 'equipment'],
	orders: ['freight', 'equipment'],
	additionalOrders: ['freight', 'equipment'],
	loads: ['carrier'],
	load: ['carrier'],
	carrier: ['charges'],
	services: ['charges', 'scheduledDate'],
	service: ['charges', 'scheduledDate'],
};

/** What a list needs, said before the run (beside its minimum, which the form states from the catalog). */
export const LIST_RULES: Record<string, string> = {
	stops: 'the first stop is the pickup, the last the delivery',
};

const sentence = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

/**
 * Hints under a field (keyed `parent.field`): choices that exclude each other, and a list's rule
 * where n8n's default view shows no hint for the list itself (a stop's Type carries the stops' rule).
 */
export const FIELD_HINTS: Record<string, string> = {
	'stops.type': sentence(LIST_RULES.stops),
	'stops.location': 'A saved location, or give the Address instead',
	'stops.address': 'Used when no Location is picked',
};
