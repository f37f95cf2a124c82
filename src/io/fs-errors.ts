// File-system failures in words: a user's problem (a symlink loop, a permission, a directory where a
// file belongs) is one line naming the cause, never an "internal error".

const CAUSES: Record<string, string> = {
  ELOOP: 'a loop of symbolic links',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'it is a directory, not a file',
  ENOTDIR: 'a part of the path is not a directory',
  ENOENT: 'no such file or directory',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  EIO: 'input/output error',
  ENAMETOOLONG: 'the name is too long',
  EMFILE: 'too many open files',
  ENXIO: 'no such device or address',
};

/** `permission denied (EACCES)`; the message for anything else. */
export function describeFsError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (typeof code === 'string' && /^E[A-Z0-9]+$/.test(code)) return CAUSES[code] ? `${CAUSES[code]} (${code})` : code;
  return (e as Error).message;
}
