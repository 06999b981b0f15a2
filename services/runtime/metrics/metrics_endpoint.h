#pragma once

// A service's Prometheus endpoint: GET http://<host>:<port>/metrics serves the service's shared
// registry plus the process metrics. Every area registers its own families on the registry it is
// handed (cache hit counters, outbox lag, consumer retries, gRPC server metrics).

#include <prometheus/exposer.h>
#include <prometheus/registry.h>

#include <memory>
#include <string>

#include "runtime/metrics/process_collector.h"

namespace jindu::runtime {

class MetricsEndpoint {
 public:
  // Binds host:port (port 0 picks a free one) and starts serving. Returns null and sets *error when
  // the port cannot be bound.
  static std::unique_ptr<MetricsEndpoint> Start(const std::string& host, int port,
                                                std::shared_ptr<prometheus::Registry> registry,
                                                std::string* error);

  // Stops serving; returns within milliseconds.
  ~MetricsEndpoint();
  MetricsEndpoint(const MetricsEndpoint&) = delete;
  MetricsEndpoint& operator=(const MetricsEndpoint&) = delete;

  // The port actually bound, also when 0 was asked for.
  int port() const { return port_; }

 private:
  MetricsEndpoint(std::unique_ptr<prometheus::Exposer> exposer, std::string host,
                  std::shared_ptr<prometheus::Registry> registry);

  // The exposer holds weak references to what it serves; these keep them alive.
  std::shared_ptr<prometheus::Registry> registry_;
  std::shared_ptr<ProcessCollector> process_collector_;
  std::unique_ptr<prometheus::Exposer> exposer_;
  std::string host_;
  int port_ = 0;
};

}  // namespace jindu::runtime
