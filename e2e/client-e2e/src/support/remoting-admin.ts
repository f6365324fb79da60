import { createTopic as createRoutedTopic } from '@rocketmq-ts/testing';

// Plain requests, independent of the client under test, to prepare topics and check the name server.

/** UPDATE_AND_CREATE_TOPIC on the broker, then waits until each of `cluster.namesrvs` routes the topic there. */
export function createTopic(
  cluster: { brokerAddr: string; brokerName: string; namesrvs: readonly { address: string }[] },
  topic: string,
  queueNums: number,
): Promise<void> {
  return createRoutedTopic(
    { brokerAddr: cluster.brokerAddr, brokerName: cluster.brokerName, namesrvAddrs: cluster.namesrvs.map((namesrv) => namesrv.address) },
    topic,
    queueNums,
  );
}
