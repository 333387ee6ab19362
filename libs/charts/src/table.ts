import { escapeXml } from './escape';

/** A table cell; numeric cells are right-aligned (GOV.UK `format: 'numeric'`). */
export interface TableCell {
  text: string;
  format?: 'numeric';
}

/**
 * The figures of a chart as a table, in the shape of the GOV.UK Design System's table
 * component parameters: the first cell of each row is its row header.
 */
export interface ChartTable {
  caption: string;
  firstCellIsHeader: true;
  head: TableCell[];
  rows: TableCell[][];
}

/** A column added to a chart's table, filled from each category's `cells` (e.g. "lost", "gained", "p"). */
export interface ExtraColumn {
  header: string;
  numeric?: boolean;
}

const cls = (base: string, cell: TableCell) => (cell.format === 'numeric' ? `${base} ${base}--numeric` : base);

/**
 * The table as GOV.UK table markup, every text escaped, in a region that scrolls on its
 * own when the table is wider than the screen (focusable, so it scrolls by keyboard too).
 */
export function renderTable(table: ChartTable, captionSize: 's' | 'm' | 'l' = 's'): string {
  const head = table.head.map((c) => `<th scope="col" class="${cls('govuk-table__header', c)}">${escapeXml(c.text)}</th>`).join('');
  const rows = table.rows
    .map((row) => {
      const cells = row.map((c, i) =>
        i === 0 && table.firstCellIsHeader ? `<th scope="row" class="govuk-table__header">${escapeXml(c.text)}</th>` : `<td class="${cls('govuk-table__cell', c)}">${escapeXml(c.text)}</td>`,
      );
      return `<tr class="govuk-table__row">${cells.join('')}</tr>`;
    })
    .join('\n');
  return (
    `<div class="app-chart-table" role="region" aria-label="${escapeXml(table.caption)}" tabindex="0">\n<table class="govuk-table">\n<caption class="govuk-table__caption govuk-table__caption--${captionSize}">${escapeXml(table.caption)}</caption>\n` +
    `<thead class="govuk-table__head"><tr class="govuk-table__row">${head}</tr></thead>\n<tbody class="govuk-table__body">\n${rows}\n</tbody>\n</table>\n</div>`
  );
}
