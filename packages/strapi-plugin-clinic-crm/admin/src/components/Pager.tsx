import { Button, Flex, Typography } from '@strapi/design-system';

/** ‹ page / pages › under a paged list; nothing when everything fits on one page. */
export const Pager = ({ page, pageCount, onPage }: { page: number; pageCount: number | undefined; onPage: (page: number) => void }) =>
  pageCount && pageCount > 1 ? (
    <Flex gap={2} paddingTop={4} justifyContent="flex-end">
      <Button variant="tertiary" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        ‹
      </Button>
      <Typography>
        {page} / {pageCount}
      </Typography>
      <Button variant="tertiary" disabled={page >= pageCount} onClick={() => onPage(page + 1)}>
        ›
      </Button>
    </Flex>
  ) : null;
