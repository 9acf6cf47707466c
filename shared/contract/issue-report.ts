/**
 * The largest logs ZIP a connector sends with "Report an Issue" (and Export Logs produces), which
 * the cloud accepts. Sized from what the client really writes: a full log (the 5,000-line ring of
 * electron/connector/core/log.ts, about 120 bytes a line in a sign-in / apps / reconnect session)
 * is about 0.6 MB of text and under 0.1 MB zipped, so 1 MiB leaves room even for a log that does
 * not compress; a larger one loses its oldest lines (see logs-zip.ts).
 */
export const MAX_LOGS_ZIP_BYTES = 1024 * 1024;
