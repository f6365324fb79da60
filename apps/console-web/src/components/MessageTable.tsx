import { Anchor, Checkbox, Table } from '@mantine/core';

import { when } from './Feedback';
import type { MessageSummary } from '../types';

/** Messages as rows; bodies are previews (text only), shown as React text, never as HTML. */
export function MessageTable({
  items,
  onOpen,
  selected,
  onToggle,
}: {
  readonly items: readonly MessageSummary[];
  readonly onOpen: (message: MessageSummary) => void;
  readonly selected?: ReadonlySet<string>;
  readonly onToggle?: (msgId: string) => void;
}) {
  return (
    <Table striped highlightOnHover aria-label="messages">
      <Table.Thead>
        <Table.Tr>
          {onToggle !== undefined && <Table.Th />}
          <Table.Th>Message id</Table.Th>
          <Table.Th>Tag</Table.Th>
          <Table.Th>Keys</Table.Th>
          <Table.Th>Queue</Table.Th>
          <Table.Th>Stored</Table.Th>
          <Table.Th>Body</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((message) => (
          <Table.Tr key={`${message.msgId}/${message.offsetMsgId}`}>
            {onToggle !== undefined && (
              <Table.Td>
                <Checkbox
                  aria-label={`select ${message.msgId}`}
                  checked={selected?.has(message.msgId) ?? false}
                  onChange={() => onToggle(message.msgId)}
                />
              </Table.Td>
            )}
            <Table.Td>
              <Anchor component="button" type="button" onClick={() => onOpen(message)}>
                {message.msgId}
              </Anchor>
            </Table.Td>
            <Table.Td>{message.tags}</Table.Td>
            <Table.Td>{message.keys.join(' ')}</Table.Td>
            <Table.Td>
              {message.brokerName}/{message.queueId}@{message.queueOffset}
            </Table.Td>
            <Table.Td>{when(message.storeTimestamp)}</Table.Td>
            <Table.Td>{message.bodyPreview}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
