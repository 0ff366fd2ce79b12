import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { sql } from 'kysely';

/**
 * Chinese word segmentation for full-text search (DESIGN §1: jieba into `tsvector('simple')`).
 * Documents and queries are cut the same way, in jieba's search mode, which also emits the shorter
 * words inside long ones (服务中心 → 服务, 中心, 服务中心), so a query word matches a document
 * word no matter how the longer phrase around it was cut.
 */

let segmenter: Jieba | undefined;

/** Loading the dictionary takes ~0.2 s: once per process, on first use. */
function jieba(): Jieba {
  segmenter ??= Jieba.withDict(dict);
  return segmenter;
}

/** A token worth indexing: it holds a letter or digit of any script (punctuation and spaces are not). */
const WORDLIKE = /[\p{L}\p{N}]/u;

/** The search-mode words of a text, lower-cased, without punctuation or repeats, in first-seen order. */
export function searchTokens(text: string | null | undefined): string[] {
  if (!text?.trim()) return [];
  const seen = new Set<string>();
  for (const token of jieba().cutForSearch(text, true)) {
    const word = token.trim().toLowerCase();
    if (word && WORDLIKE.test(word)) seen.add(word);
  }
  return [...seen];
}

/** Space-joined tokens: what `to_tsvector('simple', …)` and `plainto_tsquery('simple', …)` take. */
export function searchText(...texts: Array<string | null | undefined>): string {
  return [...new Set(texts.flatMap((t) => searchTokens(t)))].join(' ');
}

/**
 * The stored vector: the title's words weighted A (they rank first), the other texts' words B.
 * `simple` keeps every token as it is (no stemming, no stop words), which suits Chinese words.
 */
export function searchVector(title: string | null | undefined, ...body: Array<string | null | undefined>) {
  return sql<string>`setweight(to_tsvector('simple', ${searchText(title)}), 'A') || setweight(to_tsvector('simple', ${searchText(...body)}), 'B')`;
}

/** The query: every word of it must occur (AND), matched against a stored `searchVector`. */
export function searchQuery(q: string) {
  return sql<string>`plainto_tsquery('simple', ${searchText(q)})`;
}
