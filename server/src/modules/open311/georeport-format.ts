import type { FastifyReply } from 'fastify';

/**
 * Open311 GeoReport v2 answers in XML (required by the spec) or JSON. A list is a root element named
 * for the collection with one element per item (`<services><service>…`); JSON is the bare array.
 */
export const FORMATS = ['xml', 'json'] as const;
export type Format = (typeof FORMATS)[number];

type Value = string | number | boolean | null | undefined | Value[] | { [key: string]: Value };

const XML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => XML_ESCAPES[c] ?? c);
}

/** Item element names for nested arrays (`attributes` → `attribute`, `values` → `value`, `formats` → `format`). */
const SINGULAR: Record<string, string> = {
  attributes: 'attribute',
  values: 'value',
  formats: 'format',
  endpoints: 'endpoint',
  errors: 'error',
};

function element(name: string, value: Value): string {
  if (value === undefined) return '';
  if (value === null) return `<${name}/>`;
  if (Array.isArray(value)) {
    const item = SINGULAR[name] ?? name;
    return `<${name}>${value.map((v) => element(item, v)).join('')}</${name}>`;
  }
  if (typeof value === 'object')
    return `<${name}>${Object.entries(value)
      .map(([k, v]) => element(k, v))
      .join('')}</${name}>`;
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

/** `<?xml …?><root><item>…</item>…</root>` for a list, or `<root>…</root>` for one object. */
export function toXml(root: string, item: string | null, body: Value): string {
  const inner =
    Array.isArray(body) && item
      ? body.map((v) => element(item, v)).join('')
      : typeof body === 'object' && body !== null && !Array.isArray(body)
        ? Object.entries(body)
            .map(([k, v]) => element(k, v))
            .join('')
        : '';
  return `<?xml version="1.0" encoding="utf-8"?>\n<${root}>${inner}</${root}>`;
}

export function send(
  reply: FastifyReply,
  format: Format,
  root: string,
  item: string | null,
  body: Value,
  status = 200,
): FastifyReply {
  reply.status(status);
  if (format === 'json') return reply.type('application/json; charset=utf-8').send(JSON.stringify(body));
  return reply.type('text/xml; charset=utf-8').send(toXml(root, item, body));
}

/** The spec's error list: `<errors><error><code>400</code><description>…</description></error></errors>`. */
export function sendErrors(
  reply: FastifyReply,
  format: Format,
  status: number,
  description: string,
): FastifyReply {
  return send(reply, format, 'errors', 'error', [{ code: status, description }], status);
}

/** `services.json` → `{ name: 'services', format: 'json' }`; an unknown or missing suffix is undefined. */
export function splitFormat(file: string): { name: string; format: Format } | undefined {
  const dot = file.lastIndexOf('.');
  if (dot <= 0) return undefined;
  const format = file.slice(dot + 1).toLowerCase();
  if (!(FORMATS as readonly string[]).includes(format)) return undefined;
  return { name: file.slice(0, dot), format: format as Format };
}

/** W3C datetime with the Beijing offset, as the spec asks (`2026-11-27T10:00:00+08:00`). */
export function w3c(at: Date | null | undefined): string | null {
  if (!at) return null;
  const local = new Date(at.getTime() + 8 * 3600_000);
  return `${local.toISOString().slice(0, 19)}+08:00`;
}
