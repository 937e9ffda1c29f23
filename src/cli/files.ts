/**
 * File-system failures as NadarayaErrors, so that they get the usual one-line message and exit status:
 * a path that cannot be used is a usage error (2), a full disk a resource error (4).
 */
import { NadarayaError } from '../index.js';

const REASONS: Record<string, [NadarayaError['code'], string]> = {
  ENOENT: ['E_PARAM', 'no such file or directory'],
  ENOTDIR: ['E_PARAM', 'a part of the path is not a directory'],
  EISDIR: ['E_PARAM', 'is a directory'],
  EACCES: ['E_PARAM', 'permission denied'],
  EPERM: ['E_PARAM', 'operation not permitted'],
  EROFS: ['E_PARAM', 'read-only file system'],
  ENOSPC: ['E_RESOURCE', 'no space left on the device'],
  EDQUOT: ['E_RESOURCE', 'disk quota exceeded'],
  EMFILE: ['E_RESOURCE', 'too many open files'],
};

/**
 * A Node file error on `path` (given by `flag`) as a NadarayaError; other errors are returned unchanged.
 * @example throw fileError(e, 'train.csv', '--train') // "--train: cannot read "train.csv": no such file or directory."
 */
export function fileError(e: unknown, path: string, flag: string): unknown {
  if (e instanceof NadarayaError) return e;
  const code = (e as NodeJS.ErrnoException | null)?.code;
  const reason = code ? REASONS[code] : undefined;
  if (!reason) return e;
  const verb = flag === '--train' || flag === '--query' ? 'read' : 'write';
  return new NadarayaError(reason[0], { argument: flag }, `cannot ${verb} ${JSON.stringify(path)}: ${reason[1]}`);
}
