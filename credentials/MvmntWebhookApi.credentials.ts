import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

/**
 * The shared secret MVMNT sends in the `x-api-key` header of every webhook delivery.
 * It cannot be checked against MVMNT's API, so the MVMNT Trigger node tests it locally
 * (see `testedBy` in MvmntTrigger.node.ts).
 */
export class MvmntWebhookApi implements ICredentialType {
	name = 'mvmntWebhookApi';

	displayName = 'MVMNT Webhook API';

	icon: Icon = {
		light: 'file:../nodes/icons/mvmnt.svg',
		dark: 'file:../nodes/icons/mvmnt.dark.svg',
	};

	documentationUrl = 'https://github.com/mvmnt-community/n8n-nodes-mvmnt#trigger-setup';

	properties: INodeProperties[] = [
		{
			displayName: 'Webhook Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				"The token entered in MVMNT's webhook settings. MVMNT sends it with every delivery, and the trigger rejects deliveries without it.",
		},
	];
}
