/*
 * Our own names for MVMNT's tags and operations (the generator takes facts
 * from the spec and names from here).
 */

// OpenAPI tag → [resource value, display name]
const RESOURCES = {
	'Bill Payments': ['billPayment', 'Bill Payment'],
	Bills: ['bill', 'Bill'],
	'Carrier Contacts': ['carrierContact', 'Carrier Contact'],
	'Carrier Factors': ['carrierFactor', 'Carrier Factor'],
	'Carrier Payment Methods': ['carrierPaymentMethod', 'Carrier Payment Method'],
	Carriers: ['carrier', 'Carrier'],
	Companies: ['company', 'Company'],
	'Credit Memos': ['creditMemo', 'Credit Memo'],
	'Customer Contacts': ['customerContact', 'Customer Contact'],
	Customers: ['customer', 'Customer'],
	Documents: ['document', 'Document'],
	Invoices: ['invoice', 'Invoice'],
	Loads: ['load', 'Load'],
	'Location Contacts': ['locationContact', 'Location Contact'],
	Locations: ['location', 'Location'],
	Payments: ['payment', 'Payment'],
	'Payment Terms': ['paymentTerm', 'Payment Term'],
	Quotes: ['quote', 'Quote'],
	'Saved Searches': ['savedSearch', 'Saved Search'],
	Search: ['globalSearch', 'Search'],
	Services: ['service', 'Service'],
	Shipments: ['shipment', 'Shipment'],
	Teams: ['team', 'Team'],
	Users: ['user', 'User'],
	'Vendor Contacts': ['vendorContact', 'Vendor Contact'],
	'Vendor Payment Methods': ['vendorPaymentMethod', 'Vendor Payment Method'],
	Vendors: ['vendor', 'Vendor'],
};

// Resources a field may point at, offered as resource locators.
const LOCATABLE = new Set([
	'customer',
	'carrier',
	'vendor',
	'location',
	'user',
	'team',
	'quote',
	'shipment',
	'load',
	'paymentTerm',
	'invoice',
	'bill',
	'creditMemo',
	'carrierFactor',
	'company',
	'document',
	'payment',
	'billPayment',
	'customerContact',
	'carrierContact',
	'vendorContact',
	'locationContact',
	'service',
]);
const ALIASES = { assignee: 'user', accountOwner: 'user', owner: 'user', salesRep: 'user', customerRep: 'user', factor: 'carrierFactor' };

/** `customerId` / `customer` / `assignee` → the resource it references, if locatable. */
function referencedResource(field) {
	const base = field.replace(/Id$/, '');
	const resource = ALIASES[base] || base;
	return LOCATABLE.has(resource) ? resource : undefined;
}

// operationId → [operation value, display name, kind, action line shown in the node picker]
const OPERATIONS = {
	trackShipments: ['track', 'Track', 'action', 'Track shipments by reference'],
	convertQuoteToShipment: ['convertToShipment', 'Convert to Shipment', 'action', 'Convert a won quote to a shipment'],
	cancelShipment: ['cancel', 'Cancel', 'action', 'Cancel a shipment'],
	uncancelShipment: ['uncancel', 'Uncancel', 'action', 'Restore a cancelled shipment'],
	duplicateShipment: ['duplicate', 'Duplicate', 'action', 'Duplicate a shipment'],
	markShipmentReadyToInvoice: ['markReadyToInvoice', 'Mark Ready to Invoice', 'action', 'Mark a shipment ready to invoice'],
	markShipmentNotReadyToInvoice: ['markNotReadyToInvoice', 'Mark Not Ready to Invoice', 'action', 'Mark a shipment not ready to invoice'],
	generateShipmentInvoice: ['generateInvoice', 'Generate Invoice', 'action', 'Generate the invoice of a shipment'],
	addCarrierToLoad: ['addCarrier', 'Add Carrier', 'action', 'Add a carrier to a load'],
	rebookLoad: ['rebook', 'Rebook', 'action', 'Rebook a load'],
	bounceCarrier: ['bounceCarrier', 'Bounce Carrier', 'action', 'Bounce the carrier of a load'],
	reportTonu: ['reportTonu', 'Report TONU', 'action', 'Report a truck-ordered-not-used'],
	getLoadCarrier: ['getCarrier', 'Get Carrier', 'action', 'Get the carrier of a load'],
	updateLoadCarrier: ['updateCarrier', 'Update Carrier', 'update', 'Update the carrier of a load'],
	voidInvoice: ['void', 'Void', 'action', 'Void an invoice'],
	markInvoiceAwaiting: ['markAwaitingPayment', 'Mark Awaiting Payment', 'action', 'Mark an invoice awaiting payment'],
	sendInvoiceEmail: ['send', 'Send', 'action', 'Email an invoice'],
	batchGenerateInvoices: ['batchGenerate', 'Batch Generate', 'action', 'Generate invoices for many shipments'],
	getInvoicePayments: ['getPayments', 'Get Payments', 'list', 'Get the payments of an invoice'],
	getAgingReport: ['getAgingReport', 'Get Aging Report', 'report', 'Get the receivables aging report'],
	getAvailableCreditsForInvoice: ['getAvailableCredits', 'Get Available Credits', 'list', 'Get credits available to an invoice'],
	voidCreditMemo: ['void', 'Void', 'action', 'Void a credit memo'],
	applyCreditMemo: ['apply', 'Apply', 'action', 'Apply a credit memo to an invoice'],
	unapplyCreditMemo: ['unapply', 'Unapply', 'action', 'Remove a credit memo application'],
	getCreditMemoApplications: ['getApplications', 'Get Applications', 'list', 'Get the applications of a credit memo'],
	approveBill: ['approve', 'Approve', 'action', 'Approve a bill'],
	batchApproveBills: ['batchApprove', 'Batch Approve', 'action', 'Approve many bills'],
	unapproveBill: ['unapprove', 'Unapprove', 'action', 'Unapprove a bill'],
	revertBill: ['revert', 'Revert', 'action', 'Revert a bill'],
	getBillPayments: ['getPayments', 'Get Payments', 'list', 'Get the payments of a bill'],
	getApAgingReport: ['getAgingReport', 'Get Aging Report', 'report', 'Get the payables aging report'],
	getCarrierOutstandingBills: ['getOutstandingBills', 'Get Outstanding Bills', 'list', 'Get the outstanding bills of a carrier'],
	getVendorOutstandingBills: ['getOutstandingBills', 'Get Outstanding Bills', 'list', 'Get the outstanding bills of a vendor'],
	getCarrierBillsForPayment: ['getBillsForPayment', 'Get Bills for Payment', 'list', 'Get the bills ready to pay a carrier'],
	getVendorBillsForPayment: ['getBillsForPayment', 'Get Bills for Payment', 'list', 'Get the bills ready to pay a vendor'],
	getCarrierFactorBillsForPayment: ['getBillsForPayment', 'Get Bills for Payment', 'list', 'Get the bills ready to pay a factor'],
	getBillPaymentApplications: ['getApplications', 'Get Applications', 'list', 'Get the applications of a bill payment'],
	getBillPaymentRemittanceAdvice: ['getRemittanceAdvice', 'Get Remittance Advice', 'report', 'Get the remittance advice of a bill payment'],
	sendBillPaymentRemittance: ['sendRemittance', 'Send Remittance', 'action', 'Email the remittance advice of a bill payment'],
	getPaymentApplications: ['getApplications', 'Get Applications', 'list', 'Get the applications of a payment'],
	getCustomerPayments: ['getPayments', 'Get Payments', 'list', 'Get the payments of a customer'],
	getCustomerOutstandingInvoices: ['getOutstandingInvoices', 'Get Outstanding Invoices', 'list', 'Get the outstanding invoices of a customer'],
	globalSearch: ['search', 'Search', 'search', 'Search across all records'],
};

/*
 * Text fields whose own schema lists no values, but whose values the contract gives elsewhere:
 * `resource.field` → [schema, property] of the enum, and how its values are spelled on the record.
 * The carrier record's `status` is plain text; MVMNT's carrier search rows list the statuses
 * (`carrierStatus`: pending, active, inactive, doNotUse) in their own spelling, while carrier
 * records are written in capitals (MVMNT's examples: ACTIVE, INACTIVE), so the form offers them as
 * PENDING, ACTIVE, INACTIVE, DO_NOT_USE and still takes any other text.
 */
const VALUES_FROM = {
	'carrier.status': { schema: 'CarrierSearchRow', property: 'carrierStatus', spelling: 'upperSnake' },
};

const ARTICLE = (word) => (/^(?:[aeio]|un)/i.test(word) ? 'an' : 'a');
const plural = (noun) => noun.replace(/y$/, 'ie').replace(/(s|ch)$/, '$1e') + 's';

/** The action line shown in the node picker, e.g. "Create a customer". */
function actionOf(name, resourceName, kind) {
	const noun = resourceName.toLowerCase();
	if (kind === 'getAll') return `Get many ${plural(noun)}`;
	if (kind === 'search') return `Search ${plural(noun)}`;
	return `${name} ${ARTICLE(noun)} ${noun}`;
}

module.exports = { RESOURCES, OPERATIONS, VALUES_FROM, referencedResource, actionOf };
