export { buildDashboards, GRAFANA_DIR, renderGrafanaFiles, staleGrafanaFiles } from './render';
export { PROMETHEUS_DATASOURCE_UID } from './provisioning';
export { dashboardPanelQueries, dashboardPanels, dashboardVariableQueries, expandGrafanaVariables, metricNamesInQuery } from '@rocketmq-ts/observability';
