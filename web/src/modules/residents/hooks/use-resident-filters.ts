import { RESIDENT_TAGS } from '@linli/common';
import { useCallback, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { ResidentExportQuery, ResidentTag } from '../residents.types.ts';

export const RESIDENT_PAGE_SIZES = [20, 50, 100];
const DEFAULT_PAGE_SIZE = 20;

/**
 * What the page shows. Name, division, tag, paging and the open drawer are in the URL
 * (`?q=&division=&tag=&page=&size=&open=`) so a view survives a reload; a full ID number or phone
 * typed in to find someone is kept in memory only, never in the address bar or browser history.
 */
export interface ResidentFilters {
  q: string;
  idNumber: string;
  phone: string;
  divisionCode: string | undefined;
  tag: ResidentTag | undefined;
  page: number;
  pageSize: number;
  /** The resident whose detail drawer is open. */
  open: string | undefined;
}

function positiveInt(value: string | null, fallback: number): number {
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed > 0 ? parsed : fallback;
}

function isTag(value: string | null): value is ResidentTag {
  return (RESIDENT_TAGS as readonly string[]).includes(value ?? '');
}

/** The API's filter parameters (without paging). */
export function residentFilterQuery(filters: ResidentFilters): ResidentExportQuery {
  return {
    ...(filters.q ? { q: filters.q } : {}),
    ...(filters.idNumber ? { idNumber: filters.idNumber } : {}),
    ...(filters.phone ? { phone: filters.phone } : {}),
    ...(filters.divisionCode ? { divisionCode: filters.divisionCode } : {}),
    ...(filters.tag ? { tag: filters.tag } : {}),
  };
}

/** The residents page's filters, paging and open drawer. Changing a filter goes back to page 1. */
export function useResidentFilters() {
  const [params, setParams] = useSearchParams();
  const [numbers, setNumbers] = useState({ idNumber: '', phone: '' });

  const filters = useMemo<ResidentFilters>(() => {
    const size = positiveInt(params.get('size'), DEFAULT_PAGE_SIZE);
    const division = params.get('division') ?? '';
    const tag = params.get('tag');
    return {
      q: params.get('q')?.trim() ?? '',
      ...numbers,
      divisionCode: /^\d{6,15}$/.test(division) ? division : undefined,
      tag: isTag(tag) ? tag : undefined,
      page: positiveInt(params.get('page'), 1),
      pageSize: RESIDENT_PAGE_SIZES.includes(size) ? size : DEFAULT_PAGE_SIZE,
      open: params.get('open') || undefined,
    };
  }, [params, numbers]);

  const update = useCallback(
    (change: Partial<ResidentFilters>) => {
      const next: ResidentFilters = { ...filters, ...change };
      if (!('page' in change) && !('open' in change)) next.page = 1;
      if (next.idNumber !== filters.idNumber || next.phone !== filters.phone)
        setNumbers({ idNumber: next.idNumber, phone: next.phone });
      const out = new URLSearchParams();
      if (next.q) out.set('q', next.q);
      if (next.divisionCode) out.set('division', next.divisionCode);
      if (next.tag) out.set('tag', next.tag);
      if (next.page > 1) out.set('page', String(next.page));
      if (next.pageSize !== DEFAULT_PAGE_SIZE) out.set('size', String(next.pageSize));
      if (next.open) out.set('open', next.open);
      setParams(out);
    },
    [filters, setParams],
  );

  const reset = useCallback(() => {
    setNumbers({ idNumber: '', phone: '' });
    setParams(new URLSearchParams());
  }, [setParams]);

  return { filters, update, reset };
}
