import type { ClusterInfo, TopicRouteData } from '@rocketmq-ts/protocol';

import type { ClusterInfoView, TopicRoute } from '../routeinfo/route-info-types';

/** Route tables → wire bodies. Kept apart so processors stay about request handling. */
export function toTopicRouteData(route: TopicRoute, orderTopicConf: string | undefined): TopicRouteData {
  return {
    orderTopicConf,
    queueDatas: route.queueDatas.map((qd) => ({ ...qd })),
    brokerDatas: route.brokerDatas.map((bd) => ({
      cluster: bd.cluster,
      brokerName: bd.brokerName,
      brokerAddrs: new Map(bd.brokerAddrs),
      enableActingMaster: bd.enableActingMaster,
      zoneName: bd.zoneName,
    })),
    filterServerTable: new Map(),
  };
}

export function toClusterInfo(view: ClusterInfoView): ClusterInfo {
  const brokerAddrTable = new Map(
    [...view.brokerAddrTable].map(([brokerName, bd]) => [
      brokerName,
      {
        cluster: bd.cluster,
        brokerName: bd.brokerName,
        brokerAddrs: new Map(bd.brokerAddrs),
        enableActingMaster: bd.enableActingMaster,
        zoneName: bd.zoneName,
      },
    ]),
  );
  const clusterAddrTable = new Map([...view.clusterAddrTable].map(([cluster, names]) => [cluster, [...names]]));
  return { brokerAddrTable, clusterAddrTable };
}
