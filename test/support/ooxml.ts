// An OOXML (WordprocessingML) validity check for the generated .docx: the package opens as a zip, every
// XML part is well-formed (a strict parser, saxes), the required parts are there, every part has a
// content type, every internal relationship points at a part that exists, and the main document has
// a body ending in section properties. No npm package ships the ECMA-376 schemas, so this is not a full
// schema validation; LibreOffice's conversion (npm run bulletin:render) is the second opinion.
import JSZip from 'jszip';
import { SaxesParser } from 'saxes';

export interface DocxParts { files: Map<string, string>; problems: string[] }

export function wellFormed(xml: string): string | null {
  const p = new SaxesParser({ xmlns: true });
  let error: string | null = null;
  p.on('error', (e) => { error ??= e.message; });
  try { p.write(xml).close(); } catch (e) { error ??= (e as Error).message; }
  return error;
}

export async function checkDocx(buf: Buffer): Promise<DocxParts> {
  const problems: string[] = [];
  const zip = await JSZip.loadAsync(buf);
  const files = new Map<string, string>();
  for (const [name, entry] of Object.entries(zip.files)) {
    if (entry.dir) continue;
    if (/\.(xml|rels)$/.test(name)) files.set(name, await entry.async('string'));
    else files.set(name, '');
  }
  for (const need of ['[Content_Types].xml', '_rels/.rels', 'word/document.xml', 'word/styles.xml', 'word/_rels/document.xml.rels']) {
    if (!files.has(need)) problems.push(`missing part ${need}`);
  }
  for (const [name, xml] of files) if (/\.(xml|rels)$/.test(name)) {
    const e = wellFormed(xml);
    if (e) problems.push(`${name}: not well-formed: ${e}`);
  }
  const types = files.get('[Content_Types].xml') ?? '';
  const defaults = new Set([...types.matchAll(/<Default [^>]*Extension="([^"]+)"/g)].map((m) => m[1].toLowerCase()));
  const overrides = new Set([...types.matchAll(/<Override [^>]*PartName="([^"]+)"/g)].map((m) => m[1].replace(/^\//, '')));
  for (const name of files.keys()) {
    if (name === '[Content_Types].xml') continue;
    const ext = name.split('.').pop()!.toLowerCase();
    if (!overrides.has(name) && !defaults.has(ext)) problems.push(`${name}: no content type`);
  }
  for (const o of overrides) if (!files.has(o)) problems.push(`content type override for missing part ${o}`);
  for (const [name, xml] of files) {
    if (!name.endsWith('.rels')) continue;
    const base = name.replace(/_rels\/[^/]*\.rels$/, '');
    for (const m of xml.matchAll(/<Relationship ([^>]*)\/?>/g)) {
      if (/TargetMode="External"/.test(m[1])) continue;
      const target = /Target="([^"]+)"/.exec(m[1])?.[1];
      if (!target) { problems.push(`${name}: relationship without target`); continue; }
      const resolved = target.startsWith('/') ? target.slice(1) : normalise(base + target);
      if (!files.has(resolved)) problems.push(`${name}: relationship target ${target} missing`);
    }
  }
  const doc = files.get('word/document.xml') ?? '';
  if (!/^(<\?xml[^>]*\?>\s*)?<w:document[\s>]/.test(doc)) problems.push('word/document.xml: root is not w:document');
  if (!/<w:body>[\s\S]*<w:sectPr[\s\S]*<\/w:sectPr><\/w:body>/.test(doc)) problems.push('word/document.xml: body does not end with w:sectPr');
  return { files, problems };
}

function normalise(p: string): string {
  const out: string[] = [];
  for (const seg of p.split('/')) { if (seg === '..') out.pop(); else if (seg !== '.' && seg !== '') out.push(seg); }
  return out.join('/');
}

/** The document's paragraphs (outside tables) and tables (rows of cell texts), in order, from document.xml. */
export function documentText(xml: string): { paragraphs: string[]; tables: string[][][] } {
  const p = new SaxesParser();
  const paragraphs: string[] = [];
  const tables: string[][][] = [];
  let depth = 0, inText = false, buf = '', row: string[] | null = null;
  p.on('opentag', (t) => {
    if (t.name === 'w:tbl') { depth++; tables.push([]); }
    else if (t.name === 'w:tr') row = [];
    else if (t.name === 'w:tc') buf = '';
    else if (t.name === 'w:p' && depth === 0) buf = '';
    else if (t.name === 'w:t') inText = true;
  });
  p.on('text', (s) => { if (inText) buf += s; });
  p.on('closetag', (t) => {
    if (t.name === 'w:t') inText = false;
    else if (t.name === 'w:tc' && row) row.push(buf);
    else if (t.name === 'w:tr' && row) { tables[tables.length - 1].push(row); row = null; }
    else if (t.name === 'w:tbl') depth--;
    else if (t.name === 'w:p' && depth === 0) paragraphs.push(buf);
  });
  p.write(xml).close();
  return { paragraphs, tables };
}
