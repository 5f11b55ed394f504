'use strict';
/**
 * A small, realistic broker dataset for `npm run demo`: created through the fake server's own API
 * (so every record passed the same contract validation as the node's requests would).
 *   const counts = await seedDemoData(client)   // client from ./client.js createClient()
 *
 * Records are filled the way a freight broker's TMS would hold them: addresses, payment terms,
 * credit limits, margins and default notes on customers; authority, insurance and fleet facts on
 * carriers; contacts for customers, locations, carriers and vendors; orders with dated appointment
 * windows, freight dimensions, equipment, special requirements and PO / BOL references. All
 * companies, people, numbers and addresses are fictional (phone numbers use the 555-01xx range).
 */

/** an AddressInput; `market` is MVMNT's "City, ST" market name */
const address = (line1, city, market, more = {}) => ({ line1, ...(more.line2 ? { line2: more.line2 } : {}), city, market, country: 'US', ...more });
const at = (lat, lng, extra = {}) => ({ latitude: lat, longitude: lng, isSmartyValidated: true, ...extra });

const PAYMENT_TERMS = [
	{ key: 'PT-NET15', name: 'Net 15', description: 'Payment due 15 days from invoice date', days: 15, apOnly: false, doNotUse: false },
	{ key: 'PT-NET30', name: 'Net 30', description: 'Payment due 30 days from invoice date (standard)', days: 30, apOnly: false, doNotUse: false },
	{ key: 'PT-NET45', name: 'Net 45', description: 'Payment due 45 days from invoice date; approved accounts only', days: 45, apOnly: false, doNotUse: false },
	{ key: 'PT-QP2', name: 'Quick Pay 2%', description: 'Carrier quick pay: paid within 2 business days of clean POD, 2% fee deducted', days: 2, quickPayFee: 2, apOnly: true, doNotUse: false },
	{ key: 'PT-NET60', name: 'Net 60 (retired)', description: 'Legacy term kept for historical invoices; do not assign to new accounts', days: 60, apOnly: false, doNotUse: true },
];

const USERS = [
	{ key: 'USR-JMARTINEZ', email: 'jessica.martinez@mvmnt-demo.example', name: 'Jessica Martinez', phone: '+1 312 555 0162', phoneExt: '214', status: 'ACTIVE', roles: ['CUSTOMER_REP'], datUsername: 'jmartinez_demo' },
	{ key: 'USR-DOKAFOR', email: 'daniel.okafor@mvmnt-demo.example', name: 'Daniel Okafor', phone: '+1 312 555 0175', phoneExt: '231', status: 'ACTIVE', roles: ['CARRIER_REP'], datUsername: 'dokafor_demo' },
];

const CUSTOMERS = [
	{
		key: 'ERP-C-1001',
		name: 'Lakeside Industrial Plastics',
		status: 'ACTIVE',
		phoneNumber: '+1 214 555 0147',
		website: 'https://lakeside-plastics.example',
		currency: 'USD',
		creditLimit: 250000,
		dbaName: 'Lakeside Plastics',
		serviceTier: 'TIER_1',
		industry: 'MANUFACTURING',
		annualRevenue: '_100M_TO_500M',
		annualSpend: '_1_TO_5M',
		spendType: 'CONTRACT',
		naics: '325211',
		ein: '75-2918463',
		duns: '079412356',
		leadSource: 'Referral (Lone Star Freightways)',
		numberOfEmployees: '_250_TO_499',
		externalId: 'NS-CUST-40117',
		creditUsageWarning: 80,
		freeCreditReq: 25000,
		defaultMode: 'FTL',
		defaultMargin: 14,
		minMargin: 8,
		maxMargin: 22,
		defaultInternalNotes: 'Contract lanes DAL-MEM and DAL-ATL priced quarterly; spot freight needs approval from the account manager above $3,500.',
		defaultCarrierNotes: 'Driver must check in at the guard shack with the PO number. No lumpers; shipper loads, carrier counts. 53 ft dry van only, swept and odor free.',
		defaultExternalNotes: 'Please reference your Lakeside PO number on every invoice.',
		defaultShowNotes: 'SPLIT',
		autoAcceptTender: true,
		paymentTerm: { key: 'PT-NET30' },
		notes: 'Top-10 account since 2021. Resin pellets out of Dallas to converters in the Southeast; seasonal peak March to June. Quarterly business review with procurement every January, April, July and October.',
		corporateAddress: address('1500 W Walnut Hill Ln', 'Irving', 'Dallas, TX', { line2: 'Suite 300', ...at('32.8847', '-96.9632') }),
		billingAddress: address('PO Box 612870', 'Dallas', 'Dallas, TX', { line2: 'Attn: Accounts Payable', ...at('32.7767', '-96.7970') }),
		qboCustomerId: '1187',
	},
	{
		key: 'ERP-C-1002',
		name: 'Blue Ridge Paper Co.',
		status: 'ACTIVE',
		phoneNumber: '+1 828 555 0199',
		currency: 'USD',
		creditLimit: 120000,
		website: 'https://blueridgepaper.example',
		dbaName: 'Blue Ridge Paper',
		serviceTier: 'TIER_2',
		industry: 'MANUFACTURING',
		annualRevenue: '_50M_TO_100M',
		annualSpend: '_300K_TO_1M',
		spendType: 'CONTRACT',
		naics: '322121',
		ein: '56-1043378',
		duns: '148830517',
		leadSource: 'Trade show (MODEX 2024)',
		numberOfEmployees: '_100_TO_249',
		externalId: 'NS-CUST-40342',
		creditUsageWarning: 85,
		freeCreditReq: 10000,
		defaultMode: 'LTL',
		defaultMargin: 18,
		minMargin: 10,
		maxMargin: 30,
		defaultInternalNotes: 'Rolls over 2,000 lb each ship on edge; always quote with liftgate at residential-style consignees.',
		defaultCarrierNotes: 'Paper rolls are load-and-brace: two load bars per skid row, no stacking on rolls. Pickup window 07:00-15:00 at the mill.',
		defaultExternalNotes: 'BOL and PO must match the mill release number.',
		defaultShowNotes: 'ALL',
		autoAcceptTender: false,
		paymentTerm: { key: 'PT-NET45' },
		notes: 'Specialty kraft and bag paper. Mostly LTL to converters in GA, SC and TN; occasional truckload to Charlotte. Credit reviewed annually in August.',
		corporateAddress: address('175 Main St', 'Canton', 'Asheville, NC', at('35.5329', '-82.8374')),
		billingAddress: address('175 Main St', 'Canton', 'Asheville, NC', { line2: 'Accounts Payable, 2nd Floor', ...at('35.5329', '-82.8374') }),
		qboCustomerId: '1203',
	},
	{
		key: 'ERP-C-1003',
		name: 'Gulf Coast Produce',
		status: 'ACTIVE',
		phoneNumber: '+1 713 555 0110',
		currency: 'USD',
		creditLimit: 90000,
		website: 'https://gulfcoastproduce.example',
		dbaName: 'GCP Fresh',
		serviceTier: 'TIER_2',
		industry: 'WHOLESALE_TRADE',
		annualRevenue: '_25M_TO_50M',
		annualSpend: '_150K_TO_300K',
		spendType: 'SPOT',
		naics: '424480',
		ein: '76-0583921',
		duns: '026719843',
		leadSource: 'Inbound web form',
		numberOfEmployees: '_25_TO_99',
		externalId: 'NS-CUST-40588',
		creditUsageWarning: 75,
		freeCreditReq: 5000,
		defaultMode: 'FTL',
		defaultMargin: 12,
		minMargin: 7,
		maxMargin: 20,
		defaultInternalNotes: 'Reefer only. Require continuous temperature recording; get a pulp temperature reading at pickup on every load.',
		defaultCarrierNotes: 'Reefer set to 34°F continuous, pre-cooled trailer. Driver must photograph pulp temperatures and seal number at pickup. Late delivery = produce claim risk.',
		defaultExternalNotes: 'Temperature download available on request after delivery.',
		defaultShowNotes: 'SPLIT',
		autoAcceptTender: false,
		paymentTerm: { key: 'PT-NET15' },
		notes: 'Citrus and vegetables from Rio Grande Valley growers, consolidated in Houston; ships to Midwest grocery DCs. PACA licensed. Peak season November to April.',
		corporateAddress: address('8420 Produce Row', 'Houston', 'Houston, TX', { line2: 'Building C', ...at('29.7996', '-95.3316') }),
		billingAddress: address('8420 Produce Row', 'Houston', 'Houston, TX', { line2: 'Building C, Accounting', ...at('29.7996', '-95.3316') }),
		qboCustomerId: '1219',
	},
	{
		key: 'ERP-C-1004',
		name: 'Northwind Furniture (closed)',
		status: 'INACTIVE',
		currency: 'USD',
		phoneNumber: '+1 662 555 0183',
		website: 'https://northwind-furniture.example',
		dbaName: 'Northwind Home',
		serviceTier: 'TIER_3',
		industry: 'MANUFACTURING',
		annualRevenue: '_10M_TO_25M',
		annualSpend: '_25_TO_150K',
		spendType: 'SPOT',
		naics: '337121',
		ein: '64-0871254',
		duns: '113408762',
		leadSource: 'Cold outreach',
		numberOfEmployees: '_100_TO_249',
		externalId: 'NS-CUST-39810',
		creditLimit: 0,
		creditUsageWarning: 90,
		defaultMode: 'LTL',
		defaultMargin: 16,
		minMargin: 10,
		maxMargin: 25,
		defaultInternalNotes: 'Account closed: do not quote or book.',
		defaultCarrierNotes: 'Blanket-wrapped upholstered goods; no double stacking.',
		defaultShowNotes: 'ALL',
		autoAcceptTender: false,
		paymentTerm: { key: 'PT-NET30' },
		notes: 'Upholstered furniture maker; LTL to retailers in the Southeast. All invoices paid in full before closure.',
		deactivationReason: 'NOT_IN_BUSINESS',
		deactivationNotes: 'Tupelo plant closed in August 2025; remaining inventory sold to a liquidator. Final invoice paid 2025-09-12.',
		deactivationDate: '2025-09-15T16:00:00.000Z',
		corporateAddress: address('2950 McCullough Blvd', 'Tupelo', 'Tupelo, MS', at('34.2939', '-88.7414')),
		billingAddress: address('PO Box 3318', 'Tupelo', 'Tupelo, MS', { line2: 'Attn: Controller', ...at('34.2576', '-88.7034') }),
		qboCustomerId: '1094',
	},
];

/** two or three people per customer; `customer` is the customer's key */
const CUSTOMER_CONTACTS = [
	{ key: 'CC-1001-SHIP', customer: 'ERP-C-1001', name: 'Marcus Reed', title: 'Shipping Supervisor', email: 'mreed@lakeside-plastics.example', phoneNumber: '+1 214 555 0148', phoneExtension: '102', isPrimary: true, contactTypes: ['SHIPPING', 'DOCK_SHIPPING'], notifications: ['SHIPMENT_PICKED_UP', 'SHIPMENT_TENDER_REJECTED'] },
	{ key: 'CC-1001-PROC', customer: 'ERP-C-1001', name: 'Angela Whitfield', title: 'Logistics Procurement Manager', email: 'awhitfield@lakeside-plastics.example', phoneNumber: '+1 214 555 0152', isPrimary: false, contactTypes: ['PROCUREMENT', 'RATES_PRICING'], notifications: [] },
	{ key: 'CC-1001-AP', customer: 'ERP-C-1001', name: 'Lakeside Accounts Payable', title: 'Accounts Payable', email: 'ap@lakeside-plastics.example', phoneNumber: '+1 214 555 0155', isPrimary: false, contactTypes: ['BILLING'], notifications: [] },
	{ key: 'CC-1001-MEM', customer: 'ERP-C-1001', name: 'Tonya Brooks', title: 'Warehouse Lead, Memphis', email: 'tbrooks@lakeside-plastics.example', phoneNumber: '+1 901 555 0134', isPrimary: false, contactTypes: ['RECEIVING'], notifications: ['SHIPMENT_OUT_FOR_DELIVERY', 'SHIPMENT_DELIVERED'] },
	{ key: 'CC-1002-SHIP', customer: 'ERP-C-1002', name: 'Wade Caldwell', title: 'Traffic Manager', email: 'wcaldwell@blueridgepaper.example', phoneNumber: '+1 828 555 0121', phoneExtension: '4410', isPrimary: true, contactTypes: ['SHIPPING', 'RATES_PRICING'], notifications: ['SHIPMENT_PICKED_UP', 'SHIPMENT_DELIVERED'] },
	{ key: 'CC-1002-AP', customer: 'ERP-C-1002', name: 'Renee Hollis', title: 'AP Specialist', email: 'payables@blueridgepaper.example', phoneNumber: '+1 828 555 0126', isPrimary: false, contactTypes: ['BILLING'], notifications: [] },
	{ key: 'CC-1003-OPS', customer: 'ERP-C-1003', name: 'Luis Garza', title: 'Operations Manager', email: 'lgarza@gulfcoastproduce.example', phoneNumber: '+1 713 555 0114', isPrimary: true, contactTypes: ['SHIPPING', 'EMERGENCY', 'LOCATION_MANAGER'], notifications: ['SHIPMENT_LOADING', 'SHIPMENT_PICKED_UP', 'SHIPMENT_IN_TRANSIT', 'SHIPMENT_DELIVERED'] },
	{ key: 'CC-1003-BUY', customer: 'ERP-C-1003', name: 'Dana Pham', title: 'Purchasing Director', email: 'dpham@gulfcoastproduce.example', phoneNumber: '+1 713 555 0117', isPrimary: false, contactTypes: ['PURCHASING', 'OWNER'], notifications: [] },
	{ key: 'CC-1004-OWN', customer: 'ERP-C-1004', name: 'Harold Price', title: 'Former Controller', email: 'hprice@northwind-furniture.example', phoneNumber: '+1 662 555 0184', isPrimary: true, contactTypes: ['BILLING', 'OWNER'], notifications: [] },
];

const LOCATIONS = [
	{
		key: 'LOC-DAL-DC1',
		customer: 'ERP-C-1001',
		name: 'Lakeside Dallas DC',
		isAppointmentRequired: true,
		type: 'SHIPPER',
		notes: '3450 Pinnacle Point Dr, Dallas, TX. Shipping hours Mon-Fri 06:00-18:00, Sat 07:00-12:00. 14 dock doors, drop trailers accepted with 24 h notice. Check in at the guard shack with PO and pickup number.',
		internalNotes: 'Average dwell 1 h 40 min. Yard gets congested after 14:00; book morning appointments. Detention starts after 2 h free time.',
	},
	{
		key: 'LOC-MEM-WH2',
		customer: 'ERP-C-1001',
		name: 'Lakeside Memphis Warehouse',
		isAppointmentRequired: false,
		type: 'RECEIVER',
		notes: '4770 Getwell Rd, Memphis, TN. Receiving FCFS Mon-Fri 07:00-15:00. Live unload only, 8 doors. Call 30 min before arrival.',
		internalNotes: 'Receiver counts pallets at the door; make sure the BOL piece count is right or they refuse the load.',
	},
	{
		key: 'LOC-ASH-MILL',
		customer: 'ERP-C-1002',
		name: 'Blue Ridge Asheville Mill',
		isAppointmentRequired: true,
		type: 'BOTH',
		notes: '60 Riverside Mill Rd, Canton, NC. Appointments 07:00-15:00 Mon-Fri. Enter through Gate 3 (truck entrance off Champion Dr). Hard hat and safety vest required on the dock.',
		internalNotes: 'Mill release number required on the BOL. Steep grade at the exit: no 48 ft pup trailers.',
	},
	{
		key: 'LOC-HOU-PORT',
		customer: 'ERP-C-1003',
		name: 'Gulf Coast Houston Cold Storage',
		isAppointmentRequired: true,
		type: 'SHIPPER',
		notes: '8420 Produce Row, Building C, Houston, TX. Pickups by appointment 22:00-10:00 (produce loads overnight). Pre-cooled reefer required; trailers are inspected and temperature checked before loading.',
		internalNotes: 'Loads often finish late; budget 3 h at pickup. Pulp temps recorded on the BOL by the shipper.',
	},
];

/** a customer contact attached to each location */
const LOCATION_CONTACTS = [
	{ key: 'LC-DAL-DC1-SHIP', location: 'LOC-DAL-DC1', contact: 'CC-1001-SHIP', isPrimary: true, contactTypes: ['DOCK_SHIPPING', 'SHIPPING'] },
	{ key: 'LC-MEM-WH2-RCV', location: 'LOC-MEM-WH2', contact: 'CC-1001-MEM', isPrimary: true, contactTypes: ['RECEIVING', 'LOCATION_MANAGER'] },
	{ key: 'LC-ASH-MILL-SHIP', location: 'LOC-ASH-MILL', contact: 'CC-1002-SHIP', isPrimary: true, contactTypes: ['SHIPPING', 'RECEIVING'] },
	{ key: 'LC-HOU-PORT-OPS', location: 'LOC-HOU-PORT', contact: 'CC-1003-OPS', isPrimary: true, contactTypes: ['SHIPPING', 'EMERGENCY'] },
];

const CARRIERS = [
	{
		key: 'CAR-LONESTAR',
		name: 'Lone Star Freightways',
		type: 'TRUCKLOAD',
		mcNumber: '845120',
		dotNumber: '2291044',
		scac: 'LSFW',
		email: 'dispatch@lonestar.example',
		dbaName: 'Lone Star Freightways LLC',
		phone: '+1 972 555 0130',
		website: 'https://lonestarfreightways.example',
		status: 'ACTIVE',
		statusReason: 'Carrier packet complete; W-9, COI and signed broker-carrier agreement on file',
		notes: 'Asset carrier out of Mesquite, TX, 52 power units. Strong on TX-TN-GA lanes and Midwest reefer backhauls. Prefers loads booked by 14:00 the day before pickup.',
		corporateAddress: address('2600 Big Town Blvd', 'Mesquite', 'Dallas, TX', at('32.8090', '-96.6236')),
		billingAddress: address('PO Box 850417', 'Mesquite', 'Dallas, TX', { line2: 'c/o Pinnacle Factoring', ...at('32.7668', '-96.5992') }),
		einNumber: '81-3374502',
		equipments: ['VAN', 'REEFER'],
		isHazmat: false,
		tsaApproved: false,
		trucks: 52,
		trailers: 118,
		drivers: 57,
		powerUnits: 52,
		currency: 'USD',
		paymentTerm: 'PT-NET30',
		isFactoringPreferred: true,
		insuranceCompany: 'Great Plains Casualty Mutual',
		insuranceAgent: 'Brenda Kowalski, Texas Commercial Transport Insurance',
		insuranceAgentPhone: '+1 817 555 0166',
		insuranceAuthorityDate: '2014-03-18T00:00:00.000Z',
		insuranceExpirationDate: '2027-06-30T00:00:00.000Z',
		insuranceAutoLiabilityLimit: 1000000,
		insuranceCargoLiabilityLimit: 100000,
		insuranceGeneralLiabilityLimit: 2000000,
		rating: 'SATISFACTORY',
		ratingDate: '2023-05-11',
		reviewType: 'Compliance Review',
		reviewDate: '2023-05-09',
		operatingAbility: 'Authorized for property (common and contract)',
		inFmcsa: true,
		usDriverInspections: 143,
		usDriverInspectionsOos: 6,
		usDriverInspectionsOosPct: 4.2,
		usVehicleInspections: 118,
		usVehicleInspectionsOos: 19,
		usVehicleInspectionsOosPct: 16.1,
	},
	{
		key: 'CAR-SMOKY-LTL',
		name: 'Smoky Mountain LTL',
		type: 'LTL',
		scac: 'SMLT',
		email: 'ops@smokyltl.example',
		dbaName: 'Smoky Mountain Express',
		phone: '+1 865 555 0172',
		website: 'https://smokyltl.example',
		status: 'ACTIVE',
		statusReason: 'Regional LTL tariff SMLT-500 on file',
		notes: 'Regional LTL carrier with 14 terminals in TN, NC, SC, GA and VA. Next-day service inside the region, 2-day to the Gulf states. Liftgate and inside delivery available.',
		corporateAddress: address('1120 Rutledge Pike', 'Knoxville', 'Knoxville, TN', at('35.9987', '-83.8871')),
		billingAddress: address('1120 Rutledge Pike', 'Knoxville', 'Knoxville, TN', { line2: 'Freight Bill Audit', ...at('35.9987', '-83.8871') }),
		mcNumber: '512336',
		dotNumber: '1447892',
		einNumber: '62-1580934',
		equipments: ['VAN'],
		isHazmat: true,
		tsaApproved: false,
		trucks: 310,
		trailers: 940,
		drivers: 355,
		powerUnits: 320,
		currency: 'USD',
		paymentTerm: 'PT-NET30',
		isFactoringPreferred: false,
	},
	{
		key: 'CAR-BAYOU-AIR',
		name: 'Bayou Air Cargo',
		type: 'AIR',
		iataCode: 'BYC',
		email: 'booking@bayouair.example',
		dbaName: 'Bayou Air Cargo Inc.',
		phone: '+1 504 555 0138',
		website: 'https://bayouaircargo.example',
		status: 'ACTIVE',
		statusReason: 'TSA Indirect Air Carrier security program approved',
		notes: 'Expedited air freight out of MSY and IAH; next-flight-out and charter. Cut-off for same-day tender is 13:00 CT. Dims factor 194.',
		corporateAddress: address('900 Airline Dr', 'Kenner', 'New Orleans, LA', { line2: 'Cargo Building 2', ...at('29.9934', '-90.2580'), isAirportOrAirbase: true }),
		billingAddress: address('900 Airline Dr', 'Kenner', 'New Orleans, LA', { line2: 'Cargo Building 2, Accounting', ...at('29.9934', '-90.2580'), isAirportOrAirbase: true }),
		einNumber: '72-1468830',
		ffNumber: '024517',
		equipments: ['CONTAINER'],
		isHazmat: true,
		tsaApproved: true,
		trucks: 9,
		drivers: 11,
		powerUnits: 9,
		currency: 'USD',
		paymentTerm: 'PT-NET15',
		isFactoringPreferred: false,
	},
];

const CARRIER_CONTACTS = [
	{ key: 'CRC-LONESTAR-DISP', carrier: 'CAR-LONESTAR', name: 'Ray Delgado', title: 'Dispatch Manager', email: 'dispatch@lonestar.example', phoneNumber: '+1 972 555 0131', contactTypes: ['DISPATCH', 'AFTER_HOURS'] },
	{ key: 'CRC-LONESTAR-ACCT', carrier: 'CAR-LONESTAR', name: 'Kim Nguyen', title: 'Billing', email: 'billing@lonestar.example', phoneNumber: '+1 972 555 0135', contactTypes: ['ACCOUNTING'] },
	{ key: 'CRC-LONESTAR-OWN', carrier: 'CAR-LONESTAR', name: 'Cody Harlan', title: 'Owner', email: 'cody@lonestar.example', phoneNumber: '+1 972 555 0139', contactTypes: ['OWNER', 'EMERGENCY', 'CLAIMS'] },
	{ key: 'CRC-SMOKY-OPS', carrier: 'CAR-SMOKY-LTL', name: 'Beth Ann Sizemore', title: 'Customer Service Lead', email: 'ops@smokyltl.example', phoneNumber: '+1 865 555 0173', contactTypes: ['DISPATCH', 'MANAGER'] },
	{ key: 'CRC-SMOKY-CLAIMS', carrier: 'CAR-SMOKY-LTL', name: 'Travis Long', title: 'Claims Specialist', email: 'claims@smokyltl.example', phoneNumber: '+1 865 555 0178', contactTypes: ['CLAIMS', 'ACCOUNTING'] },
	{ key: 'CRC-BAYOU-BOOK', carrier: 'CAR-BAYOU-AIR', name: 'Andre Thibodeaux', title: 'Booking Agent', email: 'booking@bayouair.example', phoneNumber: '+1 504 555 0139', contactTypes: ['DISPATCH', 'AFTER_HOURS', 'EMERGENCY'] },
];

const VENDORS = [
	{
		key: 'VEN-LUMPER-01',
		name: 'Dallas Lumper Services',
		email: 'billing@dallaslumper.example',
		phone: '+1 469 555 0144',
		status: 'ACTIVE',
		notes: 'Unloading crews at DFW grocery and retail DCs, 24/7. Rates: $185 floor-loaded 53 ft, $95 palletized. Receipts emailed within the hour; pay by Comchek or ACH.',
		taxId: '82-4410736',
		currency: 'USD',
		corporateAddress: address('1817 N Great Southwest Pkwy', 'Grand Prairie', 'Dallas, TX', { line2: 'Unit 110', ...at('32.7781', '-97.0308') }),
		billingAddress: address('1817 N Great Southwest Pkwy', 'Grand Prairie', 'Dallas, TX', { line2: 'Unit 110', ...at('32.7781', '-97.0308') }),
		paymentTerm: 'PT-NET15',
		isMvmnt: false,
		requiredDocuments: ['W9', 'LUMPER_RECEIPT'],
	},
	{
		key: 'VEN-CUSTOMS-01',
		name: 'Laredo Customs Brokerage',
		email: 'entries@laredocb.example',
		phone: '+1 956 555 0158',
		status: 'ACTIVE',
		notes: 'Licensed customs broker (filer code L7Q) at the World Trade Bridge and Colombia Solidarity crossings. Entry fee $125 per entry, ISF $35. Needs the commercial invoice and packing list 24 h before crossing.',
		taxId: '74-2896154',
		currency: 'USD',
		corporateAddress: address('11220 Mines Rd', 'Laredo', 'Laredo, TX', { line2: 'Suite 4', ...at('27.5919', '-99.5187') }),
		billingAddress: address('PO Box 450223', 'Laredo', 'Laredo, TX', at('27.5306', '-99.4803')),
		paymentTerm: 'PT-NET30',
		isMvmnt: false,
		requiredDocuments: ['W9', 'INVOICE', 'CERTIFICATE_OF_INSURANCE'],
	},
];

const VENDOR_CONTACTS = [
	{ vendor: 'VEN-LUMPER-01', email: 'dispatch@dallaslumper.example', phone: '+1 469 555 0145', role: 'Crew dispatcher', roles: ['OPERATION'] },
	{ vendor: 'VEN-LUMPER-01', email: 'billing@dallaslumper.example', phone: '+1 469 555 0146', role: 'Billing', roles: ['BILLING'] },
	{ vendor: 'VEN-CUSTOMS-01', email: 'maria.salinas@laredocb.example', phone: '+1 956 555 0159', role: 'Licensed customs broker', roles: ['AGENT', 'OWNER'] },
];

/**
 * The quotes' orders. `customer` is the customer key; the quote fields (carrier, assignee, expiry,
 * draft amount, customer's target rate) sit in `quote`. The first quote stays open (a drafted price);
 * the others are priced, won and converted.
 */
const ORDERS = [
	{
		customer: 'ERP-C-1001',
		quote: { assignee: 'USR-JMARTINEZ', expiresAt: '2026-12-05T23:00:00.000Z', amount: 2150 },
		mode: 'TL',
		stops: [
			{
				type: 'PICKUP',
				location: { key: 'LOC-DAL-DC1' },
				requestedStartDate: '2026-12-07',
				requestedStartTime: '08:00',
				requestedEndDate: '2026-12-07',
				requestedEndTime: '10:00',
				appointmentRequired: true,
				notes: 'Appointment 08:00-10:00, door assigned at check-in. Shipper load and count; seal number on the BOL. Pickup number LKS-PU-77314.',
			},
			{
				type: 'DELIVERY',
				location: { key: 'LOC-MEM-WH2' },
				requestedStartDate: '2026-12-08',
				requestedStartTime: '07:00',
				requestedEndDate: '2026-12-08',
				requestedEndTime: '15:00',
				appointmentRequired: false,
				notes: 'FCFS receiving 07:00-15:00, live unload. Call Tonya Brooks (901-555-0134) 30 min out. No Saturday deliveries.',
			},
		],
		freight: {
			handlingUnitQuantity: 22,
			handlingUnitType: 'PALLET',
			weight: 38500,
			commodityDescription: 'HDPE pellets',
			volume: 1467,
			length: 48,
			width: 40,
			height: 60,
			hazmat: false,
			stackable: true,
		},
		equipment: [{ key: 'DRY_VAN_53' }],
		references: [
			{ type: 'PO', value: 'LKS-PO-4500218841' },
			{ type: 'BOL', value: 'LKS-BOL-2026-11873' },
			{ type: 'PICKUP', value: 'LKS-PU-77314' },
			{ type: 'SALES_ORDER', value: 'SO-90311427' },
			{ type: 'NMFC', value: '156600 class 65' },
			{ type: 'APPOINTMENT', value: 'LKS-APT-20261207-0800' },
			{ type: 'CUSTOMER_REF', value: 'Lane DAL-MEM contract Q4-2026' },
		],
		specialRequirements: [{ key: 'LOAD_BARS' }, { key: 'SEAL_REQUIRED' }],
	},
	{
		customer: 'ERP-C-1002',
		quote: { carrier: 'CAR-SMOKY-LTL', assignee: 'USR-JMARTINEZ', expiresAt: '2026-12-08T22:00:00.000Z', target: 1900 },
		mode: 'LTL',
		stops: [
			{
				type: 'PICKUP',
				location: { key: 'LOC-ASH-MILL' },
				requestedStartDate: '2026-12-09',
				requestedStartTime: '09:00',
				requestedEndDate: '2026-12-09',
				requestedEndTime: '15:00',
				appointmentRequired: true,
				notes: 'Gate 3 off Champion Dr. Mill release number BRP-REL-20931 must be on the BOL. Hard hat and vest on the dock.',
			},
			{
				type: 'DELIVERY',
				address: address('400 Commerce St', 'Atlanta', 'Atlanta, GA', { line2: 'Dock 4 (rear of building)', ...at('33.7488', '-84.3877') }),
				requestedStartDate: '2026-12-11',
				requestedStartTime: '08:00',
				requestedEndDate: '2026-12-11',
				requestedEndTime: '16:00',
				appointmentRequired: true,
				notes: 'Peachtree Packaging receiving. Liftgate required: no dock height door for trailers over 48 ft. Call 404-555-0121 for an appointment 24 h ahead.',
			},
		],
		freight: {
			handlingUnitQuantity: 6,
			handlingUnitType: 'SKID',
			weight: 5200,
			commodityDescription: 'Kraft paper rolls',
			volume: 384,
			length: 48,
			width: 48,
			height: 48,
			hazmat: false,
			stackable: false,
		},
		equipment: [{ key: 'DRY_VAN_53' }],
		references: [
			{ type: 'PO', value: 'PPK-77120' },
			{ type: 'BOL', value: 'BRP-BOL-118204' },
			{ type: 'RELEASE', value: 'BRP-REL-20931' },
			{ type: 'PRO', value: 'SMLT-60448172' },
			{ type: 'FREIGHT_CLASS', value: '55' },
		],
		specialRequirements: [{ key: 'LIFTGATE_DELIVERY' }, { key: 'DELIVERY_APPOINTMENT' }],
	},
	{
		customer: 'ERP-C-1003',
		quote: { carrier: 'CAR-LONESTAR', assignee: 'USR-DOKAFOR', expiresAt: '2026-12-02T18:00:00.000Z', target: 2600 },
		mode: 'TL',
		stops: [
			{
				type: 'PICKUP',
				location: { key: 'LOC-HOU-PORT' },
				requestedStartDate: '2026-12-03',
				requestedStartTime: '22:00',
				requestedEndDate: '2026-12-04',
				requestedEndTime: '02:00',
				appointmentRequired: true,
				notes: 'Overnight loading. Trailer pre-cooled to 34°F; shipper checks the reefer download before loading. Record pulp temperatures and seal number on the BOL.',
			},
			{
				type: 'DELIVERY',
				address: address('3700 Gravois Industrial Ct', 'St. Louis', 'St. Louis, MO', { line2: 'Door 12', ...at('38.5689', '-90.3018') }),
				requestedStartDate: '2026-12-04',
				requestedStartTime: '18:00',
				requestedEndDate: '2026-12-04',
				requestedEndTime: '20:00',
				appointmentRequired: true,
				notes: 'Stop-off: 8 pallets (14,800 lb) for Heartland Fresh Grocers, appointment HFG-APT-55102. Receiver checks pulp temperature; reject threshold 38°F.',
			},
			{
				type: 'DELIVERY',
				address: address('1200 Market Hall Rd', 'Chicago', 'Chicago, IL', { line2: 'Produce Terminal, Unit 27', ...at('41.8470', '-87.6841') }),
				requestedStartDate: '2026-12-05',
				requestedStartTime: '04:00',
				requestedEndDate: '2026-12-05',
				requestedEndTime: '08:00',
				appointmentRequired: true,
				notes: 'Final: 12 pallets (26,200 lb). Early-morning produce market receiving; lumper on site, paid by receiver. USDA inspection on request.',
			},
		],
		freight: {
			handlingUnitQuantity: 20,
			handlingUnitType: 'PALLET',
			weight: 41000,
			commodityDescription: 'Fresh citrus (reefer)',
			volume: 1600,
			length: 48,
			width: 40,
			height: 72,
			hazmat: false,
			stackable: false,
		},
		equipment: [{ key: 'REEFER_53' }],
		references: [
			{ type: 'PO', value: 'GCP-PO-2026-3318' },
			{ type: 'PO', value: 'HFG-88401' },
			{ type: 'BOL', value: 'GCP-BOL-40277' },
			{ type: 'TEMPERATURE', value: '34°F continuous' },
			{ type: 'SEAL', value: 'GCP-S-0091734' },
		],
		specialRequirements: [{ key: 'TEMPERATURE_CONTROLLED' }, { key: 'FOOD_GRADE' }, { key: 'TEAM_DRIVERS' }],
	},
];

const DOCUMENTS = [
	{
		key: 'DOC-BOL-0001',
		type: 'BILL_OF_LADING',
		fileName: 'bol-acme-dal-mem.pdf',
		contentType: 'application/pdf',
		body: '%PDF-1.4\n% demo bill of lading\n',
		tags: { customerKey: 'ERP-C-1001', bolNumber: 'LKS-BOL-2026-11873', poNumber: 'LKS-PO-4500218841', lane: 'Dallas, TX to Memphis, TN', pages: 2, signed: false },
	},
	{
		key: 'DOC-POD-0001',
		type: 'PROOF_OF_DELIVERY',
		fileName: 'pod-gulf-hou-chi.pdf',
		contentType: 'application/pdf',
		body: '%PDF-1.4\n% demo proof of delivery\n',
		tags: { customerKey: 'ERP-C-1003', carrierKey: 'CAR-LONESTAR', bolNumber: 'GCP-BOL-40277', lane: 'Houston, TX to Chicago, IL', receivedBy: 'J. Kaminski', exceptions: 'none', pages: 1 },
	},
];

async function must(promise, what) {
	const r = await promise;
	if (r.status < 200 || r.status >= 300) throw new Error(`demo data: ${what} → HTTP ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
	return r.body;
}

/** seeds the dataset; returns how many records of each kind exist afterwards */
async function seedDemoData(client, { rawRequest } = {}) {
	const create = async (path, body, what) => (await must(client.call('POST', path, { body }), what)).id;
	const ids = {};
	for (const t of PAYMENT_TERMS) ids[t.key] = await create('/payment-terms', t, `payment term ${t.key}`);
	for (const u of USERS) ids[u.key] = await create('/users', u, `user ${u.key}`);
	for (const c of CUSTOMERS) ids[c.key] = await create('/customers', c, `customer ${c.key}`);
	for (const { customer, name, title, email, phoneNumber, ...c } of CUSTOMER_CONTACTS) {
		const body = { ...c, customerId: ids[customer], name, contactInfo: { name, title, email, phoneNumber } };
		ids[c.key] = await create('/customer-contacts', body, `customer contact ${c.key}`);
	}
	for (const { customer, ...l } of LOCATIONS) ids[l.key] = await create('/locations', { ...l, customerId: ids[customer] }, `location ${l.key}`);
	for (const { location, contact, ...lc } of LOCATION_CONTACTS) {
		await create('/location-contacts', { ...lc, locationId: ids[location], customerContactId: ids[contact] }, `location contact ${lc.key}`);
	}
	for (const { paymentTerm, ...c } of CARRIERS) ids[c.key] = await create('/carriers', { ...c, paymentTermId: ids[paymentTerm] }, `carrier ${c.key}`);
	for (const { carrier, name, title, email, phoneNumber, ...c } of CARRIER_CONTACTS) {
		await create('/carrier-contacts', { ...c, carrierId: ids[carrier], name, contactInfo: { name, title, email, phoneNumber } }, `carrier contact ${c.key}`);
	}
	for (const { paymentTerm, ...v } of VENDORS) ids[v.key] = await create('/vendors', { ...v, paymentTermId: ids[paymentTerm] }, `vendor ${v.key}`);
	for (const [i, { vendor, ...vc }] of VENDOR_CONTACTS.entries()) {
		await create('/vendor-contacts', { ...vc, vendorId: ids[vendor] }, `vendor contact ${i + 1}`);
	}
	// one open quote; the others priced, won and converted into shipments
	let quotes = 0;
	let shipments = 0;
	for (const [i, { customer, quote: q, ...order }] of ORDERS.entries()) {
		// users have no key lookup in references, so the assignee goes by id
		const body = { customer: { key: customer }, ...(q.carrier ? { carrier: { key: q.carrier } } : {}), order, assignee: { id: ids[q.assignee] }, expiresAt: q.expiresAt, ...(q.amount ? { amount: q.amount } : {}) };
		const quote = await must(client.call('POST', '/quotes', { body }), `quote ${i + 1}`);
		quotes++;
		if (i === 0) continue;
		await must(client.call('PATCH', `/quotes/${quote.id}`, { body: { status: 'QUOTED', amount: 1850 + 400 * i, target: q.target } }), `price quote ${i + 1}`);
		await must(client.call('PATCH', `/quotes/${quote.id}`, { body: { status: 'WON' } }), `win quote ${i + 1}`);
		await must(client.call('POST', `/quotes/${quote.id}/convert-to-shipment`, { body: {} }), `convert quote ${i + 1}`);
		shipments++;
	}
	let documents = 0;
	for (const { body, ...d } of DOCUMENTS) {
		const bytes = Buffer.from(body);
		const doc = await must(client.call('POST', '/documents', { body: { ...d, fileSize: bytes.length } }), `document ${d.key}`);
		if (rawRequest && doc.uploadUrl) {
			await must(rawRequest(doc.uploadUrl, { method: 'PUT', headers: { 'content-type': d.contentType }, body: bytes }), `upload ${d.key}`);
		}
		documents++;
	}
	return {
		customers: CUSTOMERS.length,
		locations: LOCATIONS.length,
		carriers: CARRIERS.length,
		vendors: VENDORS.length,
		quotes,
		shipments,
		documents,
		'payment terms': PAYMENT_TERMS.length,
		users: USERS.length,
		contacts: CUSTOMER_CONTACTS.length + LOCATION_CONTACTS.length + CARRIER_CONTACTS.length + VENDOR_CONTACTS.length,
	};
}

module.exports = { seedDemoData, CUSTOMERS, CARRIERS };
