import { formatYuan } from '@linli/common';
import { InputNumber, type InputNumberProps } from 'antd';

/** An amount in fen shown as yuan with two decimals (¥1,234.56). */
export function Yuan({ fen }: { fen: number | null | undefined }) {
  if (fen === null || fen === undefined) return <>—</>;
  return <span style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>¥{formatYuan(fen)}</span>;
}

/** Yuan typed with up to two decimals; the form keeps yuan and the caller converts with `toFen`. */
export function YuanInput(props: Omit<InputNumberProps<number>, 'precision' | 'min'>) {
  return (
    <InputNumber<number> min={0} precision={2} step={1000} style={{ width: '100%' }} prefix="¥" {...props} />
  );
}

/** Yuan from a form to integer fen (rounded, so 0.1 + 0.2 never leaks a float). */
export function toFen(yuan: number | null | undefined): number {
  return Math.round((yuan ?? 0) * 100);
}
