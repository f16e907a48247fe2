/**
 * A landing file rejected whole while it is scanned (it cannot be read, a record is past the
 * reader's limit, the header is too wide): the run records it in the ledger with the reason and
 * goes on with the other files. Not a `ShopstatError`: it is data about one file, not a failure.
 */
export class FileRejection extends Error {
  constructor(
    /** A whole-file reason of the contract (`FILE_REJECTION_REASONS`). */
    readonly reason: string,
    /** What is wrong, starting with the file's name. */
    readonly detail: string,
  ) {
    super(detail);
    this.name = 'FileRejection';
  }
}
