/** The package version, read from the package's own package.json (src/package-root.ts). */
import { packageManifest } from '../package-root.js';

/**
 * @example packageVersion() // '0.1.0'
 */
export function packageVersion(): string {
  return packageManifest()?.version ?? 'unknown';
}
