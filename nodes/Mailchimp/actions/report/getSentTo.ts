import { reportDetail } from './factory';

export const { description, execute } = reportDetail({ operation: 'getSentTo', suffix: '/sent-to', collection: 'sent_to', action: 'Get sent-to' });
