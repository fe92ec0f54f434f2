// A real n8n answers in milliseconds but starts in seconds and CLI calls take ~2 s each.
jest.setTimeout(180_000);
