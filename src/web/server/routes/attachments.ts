// Attached files of an item: upload (multipart, field "file") and download, both scoped to the item.
import { readFile } from 'node:fs/promises';
import { findAttachment, saveAttachment } from '../../../supervise/attachments.ts';
import { answerFailure, fail, formFile, param, type RouteDef } from '../context.ts';

export const attachmentRoutes: RouteDef[] = [
  {
    method: 'POST', path: '/api/items/:key/attachments', access: 'user', maxBody: 12 * 1024 * 1024,
    doc: 'Attach a file to an item (multipart field file; PDF, images, MP4, Word, Excel).',
    async handler(c, { store, options }) {
      const file = await formFile(c, '附件');
      const bytes = new Uint8Array(await file.arrayBuffer());
      const r = await saveAttachment(store, options.dataDir, c.get('user'), param(c, 'key'), file.name, bytes, options.maxAttachmentBytes, options.clock);
      return r.ok ? c.json(r.attachment, 201) : answerFailure(c, r);
    },
  },
  ...([
    ['/api/items/:key/attachments/:id', "Download one of the item's attachments."],
    ['/api/attachments/:id', 'Download an attachment of an item the user may see.'],
  ] as const).map(([path, doc]): RouteDef => ({
    method: 'GET', path, access: 'user', doc,
    async handler(c, { store, options }) {
      const key = c.req.param('key');
      const found = await findAttachment(store, options.dataDir, c.get('user'), key ?? null, param(c, 'id'), options.clock);
      if (!found) return fail(c, 404, '没有这个附件');
      const body = await readFile(found.path);
      return c.body(body, 200, {
        'Content-Type': found.meta.mime,
        // Always a download, never rendered in our origin.
        'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(found.meta.file_name)}`,
      });
    },
  })),
];
