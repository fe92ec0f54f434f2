export const MAILCHIMP_SANDBOX_CLIENT_ID = 'mc-sandbox-client';
export const MAILCHIMP_SANDBOX_CLIENT_SECRET = 'mc-sandbox-client-secret';
/** Valid after every reset, so a demo or an imported credential works without a setup call. */
export const MAILCHIMP_SANDBOX_API_KEY = '0123456789abcdef0123456789abcdef-us6';
export const MAILCHIMP_DC = 'us6';
export const ERRORS_DOC = 'https://mailchimp.com/developer/marketing/docs/errors/';
export const MAX_COUNT = 1000;
export const MAX_BATCH_SUBSCRIBE = 500;
export const DEFAULT_CONCURRENCY_LIMIT = 10;
