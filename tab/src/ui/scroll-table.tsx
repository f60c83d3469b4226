import {
  makeStyles,
  Table,
  TableBody,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@fluentui/react-components';
import type { ReactNode } from 'react';

const useStyles = makeStyles({
  scroll: { overflowX: 'auto', maxWidth: '100%' },
  // Below these widths the region scrolls rather than wrapping every cell.
  narrow: { minWidth: '560px' },
  medium: { minWidth: '720px' },
  wide: { minWidth: '760px' },
  // A column of sentences (a status with its reasons) gets the room the short ones do not need.
  prose: { width: '34%' },
});

/**
 * A table that scrolls sideways on narrow screens instead of squeezing its columns. The region
 * is focusable and named so keyboard users can scroll it and screen readers announce it.
 */
export function ScrollTable(props: {
  /** The region's accessible name ("Sessions table"). */
  label: string;
  columns: string[];
  /** The column that holds sentences, given about a third of the width (the rest share it). */
  proseColumn?: string;
  /** How wide the table needs to be before the region scrolls: 560, 720 or 760 px. */
  width: 'narrow' | 'medium' | 'wide';
  size?: 'small' | 'medium';
  /** The body rows (`TableRow`s). */
  children: ReactNode;
}) {
  const styles = useStyles();
  return (
    <div className={styles.scroll} role="region" aria-label={props.label} tabIndex={0}>
      <Table size={props.size} className={styles[props.width]}>
        <TableHeader>
          <TableRow>
            {props.columns.map((c) => (
              <TableHeaderCell
                key={c}
                className={c === props.proseColumn ? styles.prose : undefined}
              >
                {c}
              </TableHeaderCell>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>{props.children}</TableBody>
      </Table>
    </div>
  );
}
