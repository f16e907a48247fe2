/**
 * A code name at the start of an error message: a function (`listLanding`, `generateDemo`), a class
 * (`Warehouse`) or a method (`Warehouse.open`, `Rng.pick`). Command names are lower case and file
 * names that start a message (`Orders.csv: ...`) end in a file extension, so neither matches.
 */
const CODE_NAME =
  /^(?:[a-z][a-z0-9]*[A-Z][A-Za-z0-9]*(?:\.[a-z][A-Za-z0-9]*)?|[A-Z][A-Za-z0-9]*(?:\.(?!(?:csv|gz|tsv|txt|json|ya?ml|duckdb|parquet|xlsx?)\b)[a-z][A-Za-z0-9]*)?): /;

/**
 * The message a user reads for an error raised while a command ran. Library errors start with the
 * function that raised them (`listLanding: landing folder x does not exist`), which is right for a
 * program calling the library and meaningless to someone who typed `shopstat etl`: that prefix is
 * replaced by the command (`etl: landing folder x does not exist`). A message about an option
 * (`--orders must be a positive integer, got "many"`) gets the command in front of it. Every other
 * message is kept as it is. `--debug` still shows the stack, with the function's name.
 *
 * @param command The command as typed (`etl`, `mapping check`), or null before any command ran.
 * @example userMessage('etl', 'Warehouse.open: memoryLimit must look like 1GB') // 'etl: memoryLimit must look like 1GB'
 */
export function userMessage(command: string | null, message: string): string {
  if (command === null) return message;
  if (message.startsWith('--')) return `${command}: ${message}`;
  const match = CODE_NAME.exec(message);
  return match === null ? message : `${command}: ${message.slice(match[0].length)}`;
}
