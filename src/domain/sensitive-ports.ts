// Ports that internet scanners look for (domain.md section 5): remote shells, container daemons,
// databases, caches, search and dashboards. service-public's sensitivePorts option replaces the list.
export const DEFAULT_SENSITIVE_PORTS: readonly number[] = [
  22, // SSH
  3389, // RDP
  2375,
  2376, // Docker daemon API
  3306, // MySQL
  5432, // PostgreSQL
  6379, // Redis
  9200, // Elasticsearch
  11211, // memcached
  27017, // MongoDB
  9092, // Kafka
  9090, // Prometheus
  9093, // Alertmanager
  3000, // Grafana
  5601, // Kibana
];
