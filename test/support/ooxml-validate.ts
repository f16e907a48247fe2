import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { strFromU8, unzipSync } from 'fflate';

const run = promisify(execFile);

/** The ECMA-376 transitional schemas brought over from public repositories (see ooxml-schemas/SOURCE.md). */
export const SCHEMA_DIR = join(dirname(fileURLToPath(import.meta.url)), 'ooxml-schemas');
export const XMLLINT = '/usr/bin/xmllint';
export const xmllintAvailable = existsSync(XMLLINT);

/** Maps the network schema locations (Dublin Core, xml.xsd) to the local copies; xmllint runs with --nonet. */
const CATALOG = join(SCHEMA_DIR, 'catalog.xml');

/** Root element namespace → the schema that declares it. */
const SCHEMA_BY_ROOT_NAMESPACE: Readonly<Record<string, string>> = {
  'http://schemas.openxmlformats.org/spreadsheetml/2006/main': 'sml.xsd',
  'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing': 'dml-spreadsheetDrawing.xsd',
  'http://schemas.openxmlformats.org/drawingml/2006/main': 'dml-main.xsd',
  'http://schemas.openxmlformats.org/package/2006/metadata/core-properties': 'opc-coreProperties.xsd',
};

/** Parts no schema here covers, and why (anything else unrecognised is reported as a failure). */
export const NOT_VALIDATED: Readonly<Record<string, string>> = {
  'docProps/app.xml':
    'extended properties: needs shared-documentPropertiesExtended.xsd and shared-documentPropertiesVariantTypes.xsd; no copy of either was in the reference corpus',
};

export interface PartValidation {
  readonly part: string;
  readonly schema: string | null;
  readonly valid: boolean;
  readonly errors: string;
}

/**
 * Markup Compatibility preprocessing (ECMA-376 Part 3, §10.1): a consumer ignores the
 * attributes and elements of the namespaces its root declares `mc:Ignorable` (exceljs writes
 * `x14ac:dyDescent`, `x14ac:knownFonts`), and the `mc:Ignorable` attribute itself. Done with
 * regular expressions, sufficient for the flat attributes and empty elements exceljs writes.
 */
export function applyMarkupCompatibility(xml: string): string {
  const ignorable = /\bmc:Ignorable="([^"]*)"/.exec(xml)?.[1];
  if (ignorable === undefined) return xml;
  let out = xml.replace(/\s+mc:Ignorable="[^"]*"/, '');
  for (const prefix of ignorable.split(/\s+/).filter((p) => p !== '')) {
    out = out.replace(new RegExp(`\\s+${prefix}:[\\w.-]+="[^"]*"`, 'g'), '');
    out = out.replace(new RegExp(`<${prefix}:[\\w.-]+[^>]*/>`, 'g'), '');
  }
  return out;
}

/**
 * The one relaxation: `<t xml:space="preserve">`. ECMA-376 Part 1, §18.4.12 lets a `t` element
 * keep leading/trailing spaces with xml:space (Excel and exceljs write it), but the schema types
 * `t` as the simple type ST_Xstring, which cannot carry the attribute. Only that attribute on
 * `t` elements is removed; anything else stays and is validated.
 */
export function allowXmlSpaceOnText(xml: string): string {
  return xml.replace(/<t xml:space="preserve">/g, '<t>');
}

/**
 * Which schema validates `part` (null when none here does): relationships and content types by
 * part name, any other part by the namespace of its root element (`<worksheet xmlns="...">`,
 * `<xdr:wsDr xmlns:xdr="...">`, `<a:theme xmlns:a="...">`, `<cp:coreProperties xmlns:cp="...">`).
 */
export function schemaFor(part: string, xml: string): string | null {
  if (part.endsWith('.rels')) return 'opc-relationships.xsd';
  if (part === '[Content_Types].xml') return 'opc-contentTypes.xsd';
  const rootTag = /<([\w.-]+(?::[\w.-]+)?)\b[^>]*>/.exec(
    xml.replace(/^(?:\s*<\?[^>]*\?>|\s*<!--[\s\S]*?-->)*/, ''),
  );
  const name = rootTag?.[1];
  if (rootTag === null || name === undefined) return null;
  const prefix = name.includes(':') ? name.slice(0, name.indexOf(':')) : null;
  const declaration = prefix === null ? 'xmlns' : `xmlns:${prefix}`;
  const namespace = new RegExp(`\\s${declaration}="([^"]*)"`).exec(rootTag[0])?.[1];
  return namespace === undefined ? null : (SCHEMA_BY_ROOT_NAMESPACE[namespace] ?? null);
}

/**
 * Validates every XML part of an .xlsx with `xmllint --noout --schema` against the stored
 * schemas, after Markup Compatibility preprocessing and {@link allowXmlSpaceOnText}. Parts listed in {@link NOT_VALIDATED} are
 * returned with `schema: null, valid: true`; any other part without a schema is invalid.
 */
export async function validatePackage(bytes: Uint8Array): Promise<PartValidation[]> {
  const files = unzipSync(bytes);
  const work = mkdtempSync(join(tmpdir(), 'shopstat-xsd-'));
  try {
    const bySchema = new Map<string, string[]>();
    const results: PartValidation[] = [];
    for (const [part, data] of Object.entries(files)) {
      if (part.endsWith('/') || !(part.endsWith('.xml') || part.endsWith('.rels'))) continue;
      const xml = strFromU8(data);
      const schema = schemaFor(part, xml);
      if (schema === null) {
        const why = NOT_VALIDATED[part];
        results.push({
          part,
          schema: null,
          valid: why !== undefined,
          errors: why ?? 'no schema for this part',
        });
        continue;
      }
      const path = join(work, part);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, allowXmlSpaceOnText(applyMarkupCompatibility(xml)));
      bySchema.set(schema, [...(bySchema.get(schema) ?? []), part]);
    }
    for (const [schema, parts] of bySchema) {
      const args = ['--noout', '--nonet', '--schema', join(SCHEMA_DIR, schema), ...parts];
      const output = await run(XMLLINT, args, {
        cwd: work,
        maxBuffer: 64 * 1024 * 1024,
        env: { ...process.env, XML_CATALOG_FILES: CATALOG },
      }).then(
        (r) => r.stderr,
        (e: { stderr?: string }) => e.stderr ?? String(e),
      );
      for (const part of parts) {
        const lines = output.split('\n').filter((l) => l.startsWith(`${part}:`) || l.startsWith(`${part} `));
        const valid = lines.some((l) => l === `${part} validates`);
        results.push({ part, schema, valid, errors: valid ? '' : lines.join('\n') });
      }
    }
    return results.sort((a, b) => (a.part < b.part ? -1 : 1));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
