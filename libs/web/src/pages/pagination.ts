/** The model of templates/partials/govuk/pagination.hbs. */
export interface Pagination {
  previous: string | null;
  next: string | null;
  pages: Array<{ number: number; href: string; current: boolean }>;
}

export function pagination(total: number, page: number, pageSize: number, href: (page: number) => string): Pagination {
  const last = Math.max(1, Math.ceil(total / pageSize));
  return {
    previous: page > 1 ? href(page - 1) : null,
    next: page < last ? href(page + 1) : null,
    pages: Array.from({ length: last }, (_, i) => ({ number: i + 1, href: href(i + 1), current: i + 1 === page })),
  };
}
