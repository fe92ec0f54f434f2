import { reportDetail } from './factory';

export const { description, execute } = reportDetail({
	operation: 'getOpenDetails',
	suffix: '/open-details',
	collection: 'members',
	action: 'Get open details',
	since: 'Only opens at or after this time',
});
