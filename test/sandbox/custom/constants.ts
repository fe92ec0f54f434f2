export const CUSTOM_SANDBOX_CLIENT_ID = 'custom-sandbox-client';
export const CUSTOM_SANDBOX_CLIENT_SECRET = 'custom-sandbox-client-secret';
export const CUSTOM_TOKEN_PATH = '/custom/oauth/token';
export const CUSTOM_REFRESH_PATH = '/custom/oauth/refresh';
export const CUSTOM_AUTHORIZE_PATH = '/custom/oauth/authorize';
export const CUSTOM_API_PATH = '/custom/api';
