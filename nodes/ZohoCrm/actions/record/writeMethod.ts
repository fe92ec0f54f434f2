import type { INodeProperties } from 'n8n-workflow';
import { BULK_WRITE_MAX_RECORDS } from '../../transport/bulk/writeFiles';

export type WriteMethod = 'auto' | 'records' | 'bulk';

/** Create, Create or Update and Update: how the records travel (Records API calls of 100, or Bulk Write jobs). */
export function writeMethodProperties(): INodeProperties[] {
	return [
		{
			displayName: 'Write Method',
			name: 'writeMethod',
			type: 'options',
			options: [
				{
					name: 'Automatic (Fewest Credits)',
					value: 'auto',
					description:
						'Bulk Write when it costs fewer API credits for this many items and the module and fields allow it (from about 5,100 records), else the Records API. The output says which was used.',
				},
				{ name: 'Records API', value: 'records', description: 'Calls of 100 records: 1 credit per 10 records, results at once' },
				{
					name: 'Bulk Write',
					value: 'bulk',
					description: 'Jobs of up to 25,000 records (one zipped CSV each): 500 credits per job, results when the job is done',
				},
			],
			default: 'auto',
			description: 'How the records are written. Bulk Write runs no automation you select and answers only the record ID.',
		},
		{
			displayName: 'Records per Bulk Write Job',
			name: 'bulkJobSize',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: BULK_WRITE_MAX_RECORDS },
			default: BULK_WRITE_MAX_RECORDS,
			description: 'Zoho takes at most 25,000 records (and 25 MB) per job; more items make more jobs',
			displayOptions: { show: { writeMethod: ['auto', 'bulk'] } },
		},
		{
			displayName: 'Max Wait per Bulk Write Job (Minutes)',
			name: 'bulkMaxWaitMinutes',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 1440 },
			default: 30,
			description: 'How long to wait for Zoho to finish a job before its items fail (the job keeps running in Zoho)',
			displayOptions: { show: { writeMethod: ['auto', 'bulk'] } },
		},
	];
}
