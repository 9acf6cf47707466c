// Types of build/build-web-shell.mjs (used by the e2e global setup and harness).
export declare const WEB_SHELL_BUNDLE: string;
export declare function webShellBundleStale(): boolean;
export declare function buildWebShell(o?: { ifStale?: boolean }): Promise<boolean>;
