'use strict';
/** The example folders by the short name the tests use; the broker templates are 09 on. */
const EXAMPLE_DIRS = {
	quickstart: '01-quickstart',
	quote: '02-quote-to-shipment',
	erp: '03-nightly-erp-sync',
	invoice: '04-delivered-to-invoice',
	documents: '05-documents',
	agent: '06-ai-agent-tool',
	polling: '07-changed-customers-polling',
	mcp: '08-mcp-server',
	billing: '09-billing-readiness',
	track: '10-track-and-trace',
	watch: '11-rate-con-pickup-watch',
	ar: '12-ar-follow-up',
	intake: '13-email-quote-intake',
	onboarding: '14-carrier-onboarding',
};
const TEMPLATE_DIRS = Object.fromEntries(Object.entries(EXAMPLE_DIRS).filter(([, dir]) => Number(dir.slice(0, 2)) >= 9));

module.exports = { EXAMPLE_DIRS, TEMPLATE_DIRS };
