import { Button, Group, Text } from '@mantine/core';

export function Pager({
  offset,
  limit,
  total,
  onOffset,
}: {
  readonly offset: number;
  readonly limit: number;
  readonly total: number;
  readonly onOffset: (offset: number) => void;
}) {
  return (
    <Group>
      <Button size="xs" variant="default" disabled={offset === 0} onClick={() => onOffset(Math.max(0, offset - limit))}>
        Previous
      </Button>
      <Text size="sm">
        {total === 0 ? 0 : offset + 1}-{Math.min(total, offset + limit)} of {total}
      </Text>
      <Button size="xs" variant="default" disabled={offset + limit >= total} onClick={() => onOffset(offset + limit)}>
        Next
      </Button>
    </Group>
  );
}
