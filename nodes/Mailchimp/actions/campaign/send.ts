import { campaignAction } from './factory';

export const { description, execute } = campaignAction('send', 'POST', (id) => `/campaigns/${id}/actions/send`, 'Send campaign', 'sent');
