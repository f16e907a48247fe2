/**
 * The error hierarchy of shopstat. Messages start with the function or command name and
 * include the bad value. Bad *rows* are never exceptions: they go to quarantine with a reason.
 */
export class ShopstatError extends Error {
  override readonly name: string = 'ShopstatError';
  /** CLI exit code this error maps to: 1 failure, 2 usage or input error. */
  readonly exitCode: 1 | 2 = 1;
}

/** An argument (option, identifier, path) that the caller must change. Exit code 2. */
export class InvalidArgumentError extends ShopstatError {
  override readonly name: string = 'InvalidArgumentError';
  override readonly exitCode = 2;
}

/** Not enough data to compute what was asked. */
export class InsufficientDataError extends ShopstatError {
  override readonly name: string = 'InsufficientDataError';
  constructor(
    message: string,
    readonly needed: number,
    readonly got: number,
  ) {
    super(message);
  }
}

/** A file or column breaks the data contract (whole-file rejection, several currencies...). Exit code 2. */
export class DataContractError extends ShopstatError {
  override readonly name: string = 'DataContractError';
  override readonly exitCode = 2;
  constructor(
    message: string,
    readonly file: string | null = null,
    readonly column: string | null = null,
  ) {
    super(message);
  }
}

/** A failure inside DuckDB, with the statement that caused it. */
export class WarehouseError extends ShopstatError {
  override readonly name: string = 'WarehouseError';
  constructor(
    message: string,
    readonly sql: string | null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Another process holds the warehouse; the caller may retry later or wait longer. Exit code 2. */
export class WarehouseBusyError extends WarehouseError {
  override readonly name: string = 'WarehouseBusyError';
  override readonly exitCode = 2;
}

/** A data-quality check of severity `error` failed; the previous gold tables were kept. */
export class DataQualityError extends ShopstatError {
  override readonly name: string = 'DataQualityError';
  constructor(
    message: string,
    readonly failedChecks: readonly string[],
  ) {
    super(message);
  }
}
