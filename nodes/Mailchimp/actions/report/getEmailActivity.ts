import { reportDetail } from './factory';

export const { description, execute } = reportDetail({
	operation: 'getEmailActivity',
	suffix: '/email-activity',
	collection: 'emails',
	action: 'Get email activity',
	since: 'Only activity at or after this time (e.g. since the last sync)',
});
