export { buildDashboards, GRAFANA_DIR, renderGrafanaFiles, staleGrafanaFiles } from './render';
export { PROMETHEUS_DATASOURCE_UID } from './provisioning';
