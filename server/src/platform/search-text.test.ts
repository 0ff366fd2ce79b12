import { describe, expect, it } from 'vitest';
import { searchText, searchTokens } from './search-text.ts';

describe('Chinese word segmentation for search', () => {
  it('cuts in search mode: long words and the words inside them', () => {
    const tokens = searchTokens('绿园区居家养老服务中心');
    expect(tokens).toEqual(expect.arrayContaining(['绿园区', '养老', '服务', '中心', '服务中心']));
  });

  it('keeps two-character words whole', () => {
    expect(searchTokens('养老')).toEqual(['养老']);
    expect(searchTokens('儿童')).toEqual(['儿童']);
  });

  it('drops punctuation and spaces, lower-cases Latin letters and keeps each word once', () => {
    expect(searchTokens('Linli，社区、社区！')).toEqual(['linli', '社区']);
    expect(searchTokens('  ')).toEqual([]);
    expect(searchTokens(null)).toEqual([]);
  });

  it('joins the words of several texts with spaces, once each', () => {
    expect(searchText('养老', '养老 儿童', undefined)).toBe('养老 儿童');
  });
});
