import {
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  tokens,
} from '@fluentui/react-components';
import type { GriffelStyle } from '@fluentui/react-components';
import { Children, createContext, useContext, type ReactNode } from 'react';

const WIDTHS = { narrow: 560, medium: 720, wide: 760 } as const;
type Width = keyof typeof WIDTHS;

/**
 * Below the width the table needs, each row becomes a card: every cell on its own line after
 * its column's name, the header row kept for screen readers but out of sight.
 */
function stackedBelow(px: number): GriffelStyle {
  return {
    minWidth: `${px}px`,
    [`@container (max-width: ${px - 0.02}px)`]: {
      minWidth: 0,
      display: 'block',
      width: '100%',
      '& thead': {
        position: 'absolute',
        width: '1px',
        height: '1px',
        overflow: 'hidden',
        clip: 'rect(0 0 0 0)',
        whiteSpace: 'nowrap',
      },
      '& tbody': { display: 'block' },
      '& tbody tr': {
        display: 'block',
        paddingTop: tokens.spacingVerticalS,
        paddingBottom: tokens.spacingVerticalS,
      },
      '& tbody td': {
        display: 'block',
        height: 'auto',
        paddingTop: tokens.spacingVerticalXXS,
        paddingBottom: tokens.spacingVerticalXXS,
      },
      '& [data-column-label]': { display: 'inline' },
    },
  };
}

const useStyles = makeStyles({
  // The region is the container the stacked layout measures, so a table in a side panel or a
  // narrow column stacks as it would on a phone.
  scroll: { overflowX: 'auto', maxWidth: '100%', containerType: 'inline-size' },
  // Below these widths the rows stack rather than wrapping every cell into a sliver.
  narrow: stackedBelow(WIDTHS.narrow),
  medium: stackedBelow(WIDTHS.medium),
  wide: stackedBelow(WIDTHS.wide),
  // A column of sentences (a status with its reasons) gets the room the short ones do not need.
  prose: { width: '34%' },
  label: {
    display: 'none',
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorNeutralForeground2,
    marginRight: tokens.spacingHorizontalXS,
  },
});

const ColumnsContext = createContext<readonly string[]>([]);
const ColumnName = createContext<string | undefined>(undefined);

/**
 * A table that stacks its rows into cards on narrow screens (a phone, Teams mobile) and is a
 * plain table above the width it needs. The region is focusable and named so keyboard users can
 * reach it and screen readers announce it. Rows are `ScrollRow`s of `ScrollCell`s, one cell per
 * column in the order of `columns`, so each cell can show its column's name when stacked.
 * The table roles are explicit: a stacked table is no longer laid out as one, and browsers drop
 * the implicit roles of table elements that are not.
 */
export function ScrollTable(props: {
  /** The region's accessible name ("Sessions table"). */
  label: string;
  columns: string[];
  /** The column that holds sentences, given about a third of the width (the rest share it). */
  proseColumn?: string;
  /** How wide the table needs to be before its rows stack: 560, 720 or 760 px. */
  width: Width;
  size?: 'small' | 'medium';
  /** The body rows (`ScrollRow`s). */
  children: ReactNode;
}) {
  const styles = useStyles();
  return (
    <div className={styles.scroll} role="region" aria-label={props.label} tabIndex={0}>
      <Table size={props.size} className={styles[props.width]} role="table">
        <TableHeader role="rowgroup">
          <TableRow role="row">
            {props.columns.map((c) => (
              <TableHeaderCell
                key={c}
                role="columnheader"
                className={c === props.proseColumn ? styles.prose : undefined}
              >
                {c}
              </TableHeaderCell>
            ))}
          </TableRow>
        </TableHeader>
        <ColumnsContext.Provider value={props.columns}>
          <TableBody role="rowgroup">{props.children}</TableBody>
        </ColumnsContext.Provider>
      </Table>
    </div>
  );
}

/** A body row of a `ScrollTable`: its cells, in the order of the table's columns. */
export function ScrollRow(props: { children: ReactNode }) {
  const columns = useContext(ColumnsContext);
  return (
    <TableRow role="row">
      {Children.toArray(props.children).map((cell, i) => (
        <ColumnName.Provider key={i} value={columns[i]}>
          {cell}
        </ColumnName.Provider>
      ))}
    </TableRow>
  );
}

/**
 * A cell of a `ScrollRow`. When the rows stack, its column's name shows before it; screen
 * readers skip that label, since they announce the cell's column header already. An empty cell
 * (no Retry to offer) shows no label either.
 */
export function ScrollCell(props: { children?: ReactNode }) {
  const styles = useStyles();
  const column = useContext(ColumnName);
  return (
    <TableCell role="cell">
      {column !== undefined && Children.toArray(props.children).length > 0 && (
        <span className={styles.label} aria-hidden="true" data-column-label="">
          {column}:
        </span>
      )}
      {props.children}
    </TableCell>
  );
}
