import { reportDetail } from './factory';

export const { description, execute } = reportDetail({ operation: 'getClickDetails', suffix: '/click-details', collection: 'urls_clicked', action: 'Get click details' });
