import { reportDetail } from './factory';

export const { description, execute } = reportDetail({ operation: 'getUnsubscribes', suffix: '/unsubscribed', collection: 'unsubscribes', action: 'Get unsubscribes' });
