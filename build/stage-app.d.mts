// Types of build/stage-app.mjs (used by build/package.mjs and test/unit/electron/packaging.test.ts).
import type { Configuration } from 'electron-builder';

export declare const STAGED_PATHS: string[];
export declare function stageApp(root: string, stage: string): string;
export declare function electronVersion(root: string): string;
export declare function loadBuilderConfig(root: string): Promise<Configuration>;
export declare function builderOptions(o: {
  root: string;
  stage: string;
  config: Configuration;
  electronVersion: string;
  platforms: ('linux' | 'win' | 'mac')[];
}): {
  projectDir: string;
  publish: 'never';
  config: Configuration & { directories: NonNullable<Configuration['directories']> };
  linux?: string[];
  win?: string[];
  mac?: string[];
};
