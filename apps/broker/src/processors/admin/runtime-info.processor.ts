import { Inject } from '@nestjs/common';

import type { Clock } from '@rocketmq-ts/base';
import { readInt64 } from '@rocketmq-ts/base';
import { RemotingProcessor } from '@rocketmq-ts/nest-remoting';
import { MessageRecordPosition, storeTimestampPosition } from '@rocketmq-ts/model';
import { createResponse, CURRENT_VERSION, KVTable, type RemotingCommand, RequestCode, ResponseCode } from '@rocketmq-ts/protocol';
import type { ConnectionContext, RemotingRequestHandler } from '@rocketmq-ts/remoting';
import type { MessageStore } from '@rocketmq-ts/store';

import type { BrokerConfig } from '../../config/broker-config.schema';
import type { BrokerMetrics } from '../../metrics/broker-metrics';
import { BROKER_CLOCK, BROKER_CONFIG, BROKER_METRICS, BrokerLane, MESSAGE_STORE } from '../../broker.tokens';
import { TransactionService } from '../../transaction/transaction-service';
import { BrokerStatsManager } from '../../stats/broker-stats-manager';
import { BrokerReplication } from '../../ha/broker-replication';

const VERSION_DESC = 'V5_3_3';

/**
 * GET_BROKER_RUNTIME_INFO (28): a KVTable with the keys rocketmq-exporter reads
 * (docs/architecture.md#metrics-and-dashboards). Real figures where the broker has them (identity, boot time, put totals, commit-log
 * offsets, dispatch lag, lane capacities, the store's own keys); the rest are present with a
 * neutral value so the exporter parses every key.
 */
@RemotingProcessor({ codes: [RequestCode.GET_BROKER_RUNTIME_INFO], lane: BrokerLane.ADMIN })
export class RuntimeInfoProcessor implements RemotingRequestHandler {
  private readonly bootTimestampMs: number;

  constructor(
    @Inject(MESSAGE_STORE) private readonly store: MessageStore,
    @Inject(BROKER_CONFIG) private readonly config: BrokerConfig,
    @Inject(BROKER_METRICS) private readonly metrics: BrokerMetrics,
    @Inject(BROKER_CLOCK) private readonly clock: Clock,
    private readonly transactions: TransactionService,
    private readonly traffic: BrokerStatsManager,
    private readonly replication: BrokerReplication,
  ) {
    this.bootTimestampMs = clock.nowMs();
  }

  async handle(_context: ConnectionContext, request: RemotingCommand): Promise<RemotingCommand> {
    const table = this.runtimeInfo();
    const earliest = await this.earliestMessageTime();
    if (earliest !== undefined) table.set('earliestMessageTimeStamp', String(earliest));
    return createResponse(request, ResponseCode.SUCCESS, { body: KVTable.encode({ table }) });
  }

  /** The store time of the first message in the commit log, read now (the store's own figure is refreshed lazily). */
  private async earliestMessageTime(): Promise<number | undefined> {
    if (this.store.getMaxPhyOffset() <= this.store.getMinPhyOffset()) return undefined;
    const record = await this.store.lookMessageByOffset(this.store.getMinPhyOffset());
    if (record === undefined || record.length < MessageRecordPosition.BORN_HOST + 8) return undefined;
    const position = storeTimestampPosition(record.readInt32BE(MessageRecordPosition.SYS_FLAG));
    return record.length >= position + 8 ? readInt64(record, position) : undefined;
  }

  private runtimeInfo(): Map<string, string> {
    const stats = this.metrics.putStats;
    const nowMs = this.clock.nowMs();
    const day = this.traffic.dayTotals();
    const tps = this.traffic.tps;
    const table = new Map<string, string>([
      ['brokerVersionDesc', VERSION_DESC],
      ['brokerVersion', String(CURRENT_VERSION)],
      ['bootTimestamp', String(this.bootTimestampMs)],
      ['runtime', runtimeText(nowMs - this.bootTimestampMs)],
      // Java: isSpecialServiceRunning, true on a master only (a slave shows ACTIVATED false in clusterList).
      ['brokerActive', String(!this.replication.isSlave)],
      ['startAcceptSendRequestTimeStamp', '0'],
      ['msgPutTotalTodayNow', String(day.putTodayNow)],
      ['msgPutTotalTodayMorning', String(day.putTodayMorning)],
      ['msgPutTotalYesterdayMorning', String(day.putYesterdayMorning)],
      ['msgGetTotalTodayNow', String(day.getTodayNow)],
      ['msgGetTotalTodayMorning', String(day.getTodayMorning)],
      ['msgGetTotalYesterdayMorning', String(day.getYesterdayMorning)],
      ['putMessageTimesTotal', String(stats.messages)],
      ['putMessageSizeTotal', String(stats.bytes)],
      ['putMessageAverageSize', String(stats.messages === 0 ? 0 : stats.bytes / stats.messages)],
      ['putMessageEntireTimeMax', String(Math.ceil(stats.maxLatencyMs))],
      ['getMessageEntireTimeMax', '0'],
      [
        'putMessageDistributeTime',
        '[<=0ms]:0 [0~10ms]:0 [10~50ms]:0 [50~100ms]:0 [100~200ms]:0 [200~500ms]:0 [500ms~1s]:0 [1~2s]:0 [2~3s]:0 [3~4s]:0 [4~5s]:0 [5~10s]:0 [10s~]:0',
      ],
      ['pageCacheLockTimeMills', '0'],
      ['putTps', tps.text('put')],
      ['getFoundTps', tps.text('getFound')],
      ['getMissTps', tps.text('getMiss')],
      ['getTotalTps', tps.text('getTotal')],
      ['getTransferedTps', tps.text('getTransferred')],
      ['getTransferredTps', tps.text('getTransferred')],
      ['commitLogMinOffset', String(this.store.getMinPhyOffset())],
      ['commitLogMaxOffset', String(this.store.getMaxPhyOffset())],
      ['dispatchBehindBytes', String(this.store.dispatchBehindBytes())],
      ['dispatchMaxBuffer', '0'],
      ['remainHowManyDataToFlush', '0 B'],
      ['remainTransientStoreBufferNumbs', '0'],
      ['earliestMessageTimeStamp', '0'],
      ['commitLogDirCapacity', 'Total : 0 GiB, Free : 0 GiB.'],
      ['commitLogDiskRatio', '0.0'],
      ['consumeQueueDiskRatio', '0.0'],
      ['sendThreadPoolQueueSize', '0'],
      ['sendThreadPoolQueueCapacity', String(this.config.sendThreadPoolQueueCapacity)],
      ['sendThreadPoolQueueHeadWaitTimeMills', '0'],
      ['pullThreadPoolQueueSize', '0'],
      ['pullThreadPoolQueueCapacity', String(this.config.pullThreadPoolQueueCapacity)],
      ['pullThreadPoolQueueHeadWaitTimeMills', '0'],
      ['queryThreadPoolQueueSize', '0'],
      ['queryThreadPoolQueueCapacity', '20000'],
      ['queryThreadPoolQueueHeadWaitTimeMills', '0'],
      // Ours: undecided half messages (docs/transactions.md); `mqadmin brokerStatus` lists it.
      ['transactionHalfPending', String(this.transactions.pendingCount())],
    ]);
    // The store's keys (disk ratios, capacity text, earliest message time) override the neutral ones.
    for (const [key, value] of Object.entries(this.store.getRuntimeInfo())) table.set(key, value);
    return table;
  }
}

/** Java's `[ d days, h hours, m minutes, s seconds ]` uptime text. */
function runtimeText(uptimeMs: number): string {
  const seconds = Math.floor(uptimeMs / 1000);
  return `[ ${Math.floor(seconds / 86_400)} days, ${Math.floor(seconds / 3600) % 24} hours, ${Math.floor(seconds / 60) % 60} minutes, ${seconds % 60} seconds ]`;
}
