import { type ApacheBroker, startApacheBroker } from '@rocketmq-ts/testing';

/**
 * An Apache RocketMQ 5.3.3 broker in controller mode (docs/controller.md#codes): brokerId and
 * brokerRole from run-broker.sh are overridden as RocketMQ's quick start does (the controller
 * assigns both), acks wait for every SyncStateSet member, and the periodic checks are shortened as
 * Apache's own AutoSwitchRole tests shorten them.
 */
export function startControllerModeBroker(
  namesrvAddr: string,
  controllerAddr: string,
  brokerName: string,
  label: string,
): Promise<ApacheBroker> {
  return startApacheBroker({
    namesrvAddr,
    brokerName,
    label,
    conf: {
      enableControllerMode: 'true',
      controllerAddr,
      brokerId: '-1',
      brokerRole: 'SLAVE',
      allAckInSyncStateSet: 'true',
      flushDiskType: 'SYNC_FLUSH',
      syncBrokerMetadataPeriod: '2000',
      checkSyncStateSetPeriod: '2000',
      syncControllerMetadataPeriod: '2000',
      haMaxTimeSlaveNotCatchup: '5000',
      haSendHeartbeatInterval: '1000',
    },
  });
}
