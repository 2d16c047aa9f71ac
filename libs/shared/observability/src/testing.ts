// Entry `@lumenforge/observability/testing`: a strict parser of the Prometheus text format, for tests.
export {
  parsePrometheusText,
  PrometheusTextError,
  sampleValue,
  sumSamples,
  type TMetricFamily,
  type TMetricType,
  type TSample,
} from './prometheus-text';
