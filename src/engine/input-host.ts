// How the engine reaches the files a plan imports. The engine does no I/O: the CLI gives it the file
// system, the language server its open documents over the file system.

export interface InputHost {
  /**
   * The files a path or glob names, relative to a folder, as absolute paths in a stable order; none when
   * nothing matches (a literal path that does not exist).
   */
  expand: (pattern: string, fromDir: string) => string[];
  /** A file's text (without a BOM), or why it cannot be had: unreadable, not text, or over `maxBytes` (`tooLarge`). */
  read: (path: string, maxBytes: number) => { text: string } | { error: string; tooLarge?: true };
}
