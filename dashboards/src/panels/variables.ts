import { DatasourceVariableBuilder, QueryVariableBuilder, VariableRefresh, VariableSort } from '@grafana/grafana-foundation-sdk/dashboard';

import { METRICS } from '@rocketmq-ts/observability';

import { selector } from '../queries/selectors';
import { PROMETHEUS } from './panels';

/** The Prometheus picker every panel's datasource points at. */
export function datasourceVariable(): DatasourceVariableBuilder {
  return new DatasourceVariableBuilder('datasource').label('Prometheus').type('prometheus');
}

/**
 * A multi-value picker filled from one label of a catalogue metric. "All" is `.*`, not the list
 * of values, so series lacking the label still match and the query stays short with thousands of topics.
 */
function labelPicker(name: string, label: string, source: string): QueryVariableBuilder {
  return new QueryVariableBuilder(name)
    .label(label.charAt(0).toUpperCase() + label.slice(1))
    .datasource(PROMETHEUS)
    .query(`label_values(${source}, ${label})`)
    .refresh(VariableRefresh.OnTimeRangeChanged)
    .sort(VariableSort.AlphabeticalAsc)
    .multi(true)
    .includeAll(true)
    .allValue('.*')
    .current({ text: 'All', value: '$__all' });
}

/** Brokers are listed from rocketmq_broker_up, which the exporter reports for down brokers too. */
export function clusterVariable(): QueryVariableBuilder {
  return labelPicker('cluster', 'cluster', METRICS.rocketmq_broker_up.name);
}

export function brokerVariable(): QueryVariableBuilder {
  return labelPicker('broker', 'broker', selector(METRICS.rocketmq_broker_up, {}, { withoutPickers: ['broker'] }));
}

export function topicVariable(): QueryVariableBuilder {
  return labelPicker('topic', 'topic', selector(METRICS.rocketmq_producer_offset, {}, { withoutPickers: ['topic'] }));
}

export function groupVariable(): QueryVariableBuilder {
  return labelPicker('group', 'group', selector(METRICS.rocketmq_group_diff, {}, { withoutPickers: ['group'] }));
}

export function testIdVariable(): QueryVariableBuilder {
  return labelPicker('testid', 'testid', METRICS.loadtest_vus.name);
}
