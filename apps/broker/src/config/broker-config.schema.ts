import { homedir, hostname } from 'node:os';
import { join } from 'node:path';

import {
  bool,
  type ConfigOf,
  defineConfigSchema,
  duration,
  httpPortField,
  int,
  long,
  oneOf,
  port,
  string,
  tlsServerFields,
} from '@rocketmq-ts/config';

import { addressList, delayLevels, firstExternalIpv4, optionalHostPort } from './config-fields';

/** Java's default delay table: level 1 = 1 s … level 18 = 2 h. */
export const DEFAULT_MESSAGE_DELAY_LEVEL = '1s 5s 10s 30s 1m 2m 3m 4m 5m 6m 7m 8m 9m 10m 20m 30m 1h 2h';
const MIB = 1024 * 1024;
const GIB = 1024 * MIB;

/**
 * The broker's configuration. Keys are RocketMQ's own (BrokerConfig, MessageStoreConfig,
 * NettyServerConfig), so a Java `broker.conf` works unchanged; keys marked "ours" do not exist in
 * Java. Store keys are mapped onto StoreConfig by `toStoreConfig`.
 *
 * Ports: remoting on `listenPort` (10911, as Java's BrokerStartup); HTTP `/health` and `/metrics`
 * on `httpPort`, by default listenPort - 31 (10880), so that brokers started with only different
 * listenPorts never collide (the rule and its layouts: libs/config http-port.ts).
 *
 * Store paths left empty derive from `storePathRootDir` (as Java does).
 */
export const brokerConfigSchema = defineConfigSchema({
  rocketmqHome: string('', { env: 'ROCKETMQ_HOME', description: 'installation root (informational)' }),
  // identity
  brokerClusterName: string('DefaultCluster', { nonEmpty: true, description: 'cluster this broker registers under' }),
  brokerName: string(hostname(), { nonEmpty: true, description: 'broker group name (master and slaves share it)' }),
  brokerId: long(0, { min: -1, description: '0 = master, > 0 = slave; ignored in controller mode (quick start sets -1)' }),
  brokerIP1: string(firstExternalIpv4(), { nonEmpty: true, description: 'address clients reach; the store host of every message' }),
  brokerIP2: string('', { description: 'HA address; empty = brokerIP1' }),
  regionId: string('DefaultRegion', { nonEmpty: true, description: 'MSG_REGION on replies and stored messages' }),
  traceOn: bool(true, { description: 'TRACE_ON on replies and stored messages' }),
  brokerPermission: int(6, { min: 0, max: 7, description: 'perm bits registered with the name server' }),
  // network
  listenPort: port(10911, { description: 'remoting (TCP) port' }),
  haListenPort: int(0, { min: 0, max: 65_535, description: 'HA port; 0 = listenPort + 1' }),
  fastListenPort: int(0, {
    min: -1,
    max: 65_535,
    description: 'fast ("VIP") port serving all but pulls, as Java 4.x clients use; 0 = listenPort - 2 (Java), -1 = off',
  }),
  bindAddress: string('0.0.0.0', { nonEmpty: true, description: 'ours: remoting and HTTP bind address' }),
  httpPort: httpPortField({ description: 'ours: HTTP port for /health and /metrics; unset = listenPort - 31, 0 = any free port' }),
  serverChannelMaxIdleTimeSeconds: int(120, { min: 0, max: 86_400, description: 'close idle connections after this; 0 = never' }),
  namesrvAddr: addressList('', { env: 'NAMESRV_ADDR', description: 'name servers, host:port;host:port' }),
  registerNameServerPeriod: duration(30_000, {
    minMs: 10_000,
    maxMs: 60_000,
    description: 'REGISTER_BROKER period (ms), clamped 10-60 s as Java',
  }),
  registerBrokerTimeoutMills: duration(6_000, { minMs: 100, maxMs: 60_000, description: 'REGISTER_BROKER request timeout (ms)' }),
  // role and store
  brokerRole: oneOf(['ASYNC_MASTER', 'SYNC_MASTER', 'SLAVE'], 'ASYNC_MASTER', {
    description: 'masters need brokerId 0, slaves brokerId > 0',
  }),
  // replication (docs/store-and-ha.md#replication)
  haMasterAddress: optionalHostPort({ description: "slave: the master's HA address host:port; empty = learned from the name server" }),
  haSlaveFallbehindMax: long(256 * MIB, { min: 1, description: 'SYNC_MASTER: a slave further behind (bytes) is not available' }),
  haSendHeartbeatInterval: duration(5_000, { minMs: 10, maxMs: 60_000, description: 'slave offset report / master heartbeat period (ms)' }),
  haHousekeepingInterval: duration(20_000, { minMs: 100, maxMs: 600_000, description: 'drop an HA connection silent this long (ms)' }),
  haTransferBatchSize: int(32 * 1024, { min: 1024, max: 16 * MIB, description: 'largest HA frame body (bytes)' }),
  slaveTimeout: duration(3_000, {
    minMs: 1,
    maxMs: 60_000,
    description: 'SYNC_MASTER: wait this long for a slave ack, then FLUSH_SLAVE_TIMEOUT (ms)',
  }),
  // controller mode (docs/controller-mode-broker.md#configuration)
  enableControllerMode: bool(false, {
    description: 'the controller elects the master and assigns a permanent broker id; brokerRole and brokerId are ignored',
  }),
  controllerAddr: addressList('', { description: "controllers' client addresses, host:port;host:port" }),
  syncBrokerMetadataPeriod: duration(5_000, { minMs: 100, maxMs: 600_000, description: 'controller mode: replica-info poll period (ms)' }),
  checkSyncStateSetPeriod: duration(5_000, {
    minMs: 100,
    maxMs: 600_000,
    description: 'controller mode: SyncStateSet shrink check period on the master (ms)',
  }),
  syncControllerMetadataPeriod: duration(10_000, {
    minMs: 100,
    maxMs: 600_000,
    description: 'controller mode: controller leader refresh period (ms)',
  }),
  controllerHeartBeatTimeoutMills: duration(10_000, {
    minMs: 100,
    maxMs: 600_000,
    description: 'controller mode: heartbeat timeout the controller applies to this broker (ms)',
  }),
  brokerHeartbeatInterval: duration(1_000, {
    minMs: 50,
    maxMs: 60_000,
    description: 'controller mode: heartbeat period to every controller (ms)',
  }),
  sendHeartbeatTimeoutMillis: duration(1_000, {
    minMs: 50,
    maxMs: 60_000,
    description: 'controller mode: controller request timeout (ms)',
  }),
  brokerElectionPriority: int(2_147_483_647, { min: 0, max: 2_147_483_647, description: 'controller mode: lower wins an election tie' }),
  allAckInSyncStateSet: bool(false, { description: 'controller mode: a SYNC put waits for every SyncStateSet member' }),
  inSyncReplicas: int(1, {
    min: 1,
    max: 64,
    description: 'controller mode: replicas (master included) a SYNC put waits for when allAckInSyncStateSet=false',
  }),
  minInSyncReplicas: int(1, {
    min: 1,
    max: 64,
    description: 'controller mode: fewer SyncStateSet members refuse puts (IN_SYNC_REPLICAS_NOT_ENOUGH)',
  }),
  haMaxTimeSlaveNotCatchup: duration(15_000, {
    minMs: 100,
    maxMs: 3_600_000,
    description: 'controller mode: a member not caught up this long leaves the SyncStateSet (ms)',
  }),
  syncFromLastFile: bool(false, { description: "controller mode: a new replica copies from the master's last segment only" }),
  readUnCommitted: bool(false, {
    description: 'controller mode: consumers may read past the SyncStateSet confirm offset (a failover may cut what they read)',
  }),
  asyncLearner: bool(false, { description: 'controller mode: replicate without ever joining the SyncStateSet' }),
  storePathEpochFile: string('', { description: 'empty = <root>/epochFileCheckpoint' }),
  slaveReadEnable: bool(false, { description: 'slaves serve pulls, and masters send cold reads to them' }),
  accessMessageInMemoryMaxRatio: int(40, {
    min: 0,
    max: 100,
    description: 'percent of RAM a read may lag the commit-log head and count as hot',
  }),
  slaveSynchronizeIntervalMillis: duration(10_000, {
    minMs: 100,
    maxMs: 3_600_000,
    description: 'ours: slave metadata sync period (ms); 10 s as Java 4.5-4.9 (5.x: 60 s), so a new topic is readable on the slave soon',
  }),
  flushDiskType: oneOf(['ASYNC_FLUSH', 'SYNC_FLUSH'], 'ASYNC_FLUSH'),
  storePathRootDir: string(join(homedir(), 'store'), { nonEmpty: true, description: 'store root' }),
  storePathCommitLog: string('', { description: 'empty = <root>/commitlog' }),
  storePathConsumeQueue: string('', { description: 'empty = <root>/consumequeue' }),
  storePathIndex: string('', { description: 'empty = <root>/index' }),
  storeCheckpoint: string('', { description: 'empty = <root>/checkpoint' }),
  abortFile: string('', { description: 'empty = <root>/abort' }),
  mapedFileSizeCommitLog: long(GIB, { min: 4096, max: 16 * GIB, description: 'commit-log segment bytes (Java spelling)' }),
  mappedFileSizeCommitLog: long(GIB, { min: 4096, max: 16 * GIB, description: 'same, correct spelling; wins when set' }),
  mapedFileSizeConsumeQueue: long(300_000 * 20, { min: 20, max: GIB, description: 'consume-queue file bytes, a multiple of 20' }),
  flushIntervalCommitLog: duration(500, { minMs: 1, maxMs: 60_000 }),
  syncFlushTimeout: duration(5_000, { minMs: 1, maxMs: 60_000 }),
  deleteWhen: string('04', { nonEmpty: true, description: 'hours of day (HH[;HH]) to delete expired files' }),
  fileReservedTime: int(72, { min: 0, max: 24 * 365, description: 'hours a commit-log file is kept' }),
  diskMaxUsedSpaceRatio: int(75, { min: 10, max: 95, description: 'percent of disk use that triggers cleanup' }),
  maxMessageSize: int(4 * MIB, { min: 1, max: 64 * MIB, description: 'largest message body accepted (bytes)' }),
  messageIndexEnable: bool(true),
  // features
  autoCreateTopicEnable: bool(true, { description: 'create unknown topics from TBW102 on send' }),
  autoCreateSubscriptionGroup: bool(true, { description: 'create unknown consumer groups on heartbeat' }),
  defaultTopicQueueNums: int(8, { min: 1, max: 1024, description: 'queues of TBW102 and of topics created from it' }),
  notifyConsumerIdsChangedEnable: bool(true, { description: 'tell group members when membership changes' }),
  channelExpiredTimeout: duration(120_000, { minMs: 1_000, maxMs: 3_600_000, description: 'drop clients silent this long (ms)' }),
  messageDelayLevel: delayLevels(DEFAULT_MESSAGE_DELAY_LEVEL, { description: 'delay level table' }),
  maxReconsumeTimes: int(16, { min: 0, max: 1000, description: 'ours: retryMaxTimes of auto-created groups' }),
  // transactions (docs/transactions.md)
  transactionTimeOut: duration(6_000, {
    minMs: 0,
    maxMs: 86_400_000,
    description: 'a half message undecided this long is checked back with its producer (ms)',
  }),
  transactionCheckMax: int(15, {
    min: 1,
    max: 1000,
    description: 'checks before an undecided half message is discarded to TRANS_CHECK_MAX_TIME_TOPIC',
  }),
  transactionCheckInterval: duration(30_000, {
    minMs: 10,
    maxMs: 3_600_000,
    description: 'how often undecided half messages are looked at (ms)',
  }),
  rejectTransactionMessage: bool(false, { description: 'refuse prepared (transactional) sends with NO_PERMISSION' }),
  // timer messages (5.x): TIMER_DELIVER_MS / TIMER_DELAY_SEC / TIMER_DELAY_MS / __STARTDELIVERTIME (docs/timer-messages.md)
  timerWheelEnable: bool(true, {
    description:
      'hold timer messages in rmq_sys_wheel_timer and deliver them at their time; off, they are refused (SYSTEM_ERROR) as Java does',
  }),
  timerPrecisionMs: int(1000, {
    min: 100,
    max: 60_000,
    description: 'delivery slot width (ms): a message is delivered within one slot after its time, never before',
  }),
  timerMaxDelaySec: int(259_200, {
    min: 1,
    max: 30 * 86_400,
    description: 'longest delay accepted (s, 3 days); beyond it the send is refused with MESSAGE_ILLEGAL',
  }),
  timerFlushIntervalMs: duration(1_000, {
    minMs: 10,
    maxMs: 60_000,
    description: 'how often the timer log, wheel and checkpoint are fsynced (ms)',
  }),
  mappedFileSizeTimerLog: long(100 * MIB, {
    min: 48 * 1024,
    max: GIB,
    description: 'timer-log segment bytes (rounded down to whole 48-byte records)',
  }),
  longPollingEnable: bool(true),
  shortPollingTimeMills: duration(1_000, { minMs: 1, maxMs: 60_000 }),
  enablePropertyFilter: bool(false, {
    description: 'serve SQL92 subscriptions (filtering on message properties); off, they are refused as Java refuses them',
  }),
  // POP consumption (docs/grpc-and-pop.md)
  reviveInterval: duration(1_000, {
    minMs: 10,
    maxMs: 60_000,
    description: 'how often expired pop checkpoints are looked at and their un-acked messages re-put to the retry topic (ms)',
  }),
  popFromRetryProbability: int(20, {
    min: 0,
    max: 100,
    description: 'percent of pops that read the pop retry topic before the subscribed topic',
  }),
  maxPopPollingSize: int(100_000, { min: 1, max: 10_000_000, description: 'pops parked for long polling at once; beyond it POLLING_FULL' }),
  // gRPC v5 endpoint, the proxy in local mode (docs/grpc-and-pop.md#grpc-endpoint)
  enableGrpcServer: bool(false, {
    description:
      'ours: serve apache.rocketmq.v2.MessagingService (RocketMQ 5 gRPC clients) on grpcServerPort, as mqbroker --enable-proxy does',
  }),
  grpcServerPort: int(8081, { min: 0, max: 65_535, description: 'gRPC port (the proxy default); 0 = any free port' }),
  grpcTlsEnable: bool(false, {
    description:
      'ours: TLS on the gRPC port (the Java 5 client uses TLS unless told otherwise); without grpcTlsCertPath/grpcTlsKeyPath a self-signed certificate is made with openssl and kept in the store config dir',
  }),
  grpcTlsCertPath: string('', { description: 'ours: PEM certificate chain for TLS on the gRPC port (with grpcTlsKeyPath)' }),
  grpcTlsKeyPath: string('', { description: 'ours: PEM private key for TLS on the gRPC port' }),
  grpcDefaultInvisibleTimeMs: int(60_000, {
    min: 10_000,
    max: 43_200_000,
    description:
      "the proxy's defaultInvisibleTimeMills: invisible time of an auto_renew receive (push consumers), renewed while the client consumes",
  }),
  // lanes (Java thread pools; see broker-lanes.ts for the mapping)
  sendMessageThreadPoolNums: int(4, { min: 1, max: 256, description: 'scales the send lane' }),
  pullMessageThreadPoolNums: int(16, { min: 1, max: 1024, description: 'scales the pull lane' }),
  sendThreadPoolQueueCapacity: int(10_000, { min: 0, max: 1_000_000 }),
  pullThreadPoolQueueCapacity: int(100_000, { min: 0, max: 1_000_000 }),
  // ACL 1.0 (docs/security.md#broker-settings)
  aclEnable: bool(false, {
    description: 'check every request against plain_acl.yml (signature, account permissions); refusals get NO_PERMISSION',
  }),
  aclFile: string('', {
    description: 'ACL 1.0 accounts; empty = <rocketmqHome>/conf/plain_acl.yml (Java: -Drocketmq.acl.plain.file); re-read when it changes',
  }),
  accessKey: string('', {
    description: "this broker's own ACL access key, signing its requests to name servers and other brokers; empty = unsigned",
  }),
  secretKey: string('', { description: 'secret of accessKey; never printed (GET_BROKER_CONFIG shows it masked)' }),
  // message trace (docs/security.md#trace)
  traceTopicEnable: bool(false, {
    description: 'create the trace topic (msgTraceTopicName) at start, so trace records are stored even with autoCreateTopicEnable off',
  }),
  msgTraceTopicName: string('RMQ_SYS_TRACE_TOPIC', { nonEmpty: true, description: 'the trace topic traceTopicEnable creates' }),
  // TLS (docs/security.md#tls)
  ...tlsServerFields(),
  tlsEnable: bool(false, {
    description: "the broker's own connections (name-server registration, slave sync, controller) use TLS (Java: tls.enable)",
  }),
  tlsClientTrustCertPath: string('', {
    description:
      "with tlsEnable: PEM CA bundle the servers' certificates must chain to; empty = not checked, as Java's default tls.test.mode.enable (Java: tls.client.trustCertPath)",
  }),
  // ours
  enableMetrics: bool(true, {
    description:
      'ours: record send, pull, flush and per-request metrics on the hot paths (Java gates its exporter with metricsExporterType); off, /metrics keeps scrape-time gauges and process metrics',
  }),
  logLevel: oneOf(['trace', 'debug', 'info', 'warn', 'error', 'fatal'], 'info', { description: 'ours: pino level' }),
  shutdownDrainTimeoutMillis: duration(5000, { maxMs: 60_000, description: 'ours: in-flight drain budget on SIGTERM' }),
});

export type BrokerConfig = ConfigOf<(typeof brokerConfigSchema)['fields']>;
