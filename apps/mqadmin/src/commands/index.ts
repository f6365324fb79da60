import type { Command } from '../cli/command';
import { shutdownBroker, shutdownNamesrv } from '../shutdown/shutdown-commands';
import { brokerStatus, clusterList } from './cluster-commands';
import { CONTROLLER_COMMANDS } from './controller-commands';
import {
  consumerConnection,
  consumerProgress,
  deleteSubGroup,
  producerConnection,
  resetOffsetByTime,
  updateSubGroup,
} from './group-commands';
import { consumeMessage, queryMsgById, queryMsgByKey, queryMsgByOffset, queryMsgTraceById, sendMessage } from './message-commands';
import { deleteTopic, topicList, topicRoute, topicStatus, updateTopic } from './topic-commands';

/** Every mqadmin command, in the order `mqadmin help` lists them. */
export const COMMANDS: readonly Command[] = [
  clusterList,
  brokerStatus,
  topicList,
  topicRoute,
  topicStatus,
  updateTopic,
  deleteTopic,
  updateSubGroup,
  deleteSubGroup,
  consumerProgress,
  consumerConnection,
  producerConnection,
  queryMsgById,
  queryMsgByKey,
  queryMsgByOffset,
  queryMsgTraceById,
  sendMessage,
  consumeMessage,
  resetOffsetByTime,
  shutdownBroker,
  shutdownNamesrv,
  ...CONTROLLER_COMMANDS,
];
