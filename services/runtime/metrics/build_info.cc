#include "runtime/metrics/build_info.h"

#include <prometheus/gauge.h>

namespace jindu::runtime {

const char* JinduVersion() { return JINDU_VERSION; }

void RegisterBuildInfo(prometheus::Registry& registry, const std::string& service,
                       const prometheus::Labels& extra_labels) {
  prometheus::Labels labels = extra_labels;
  labels["service"] = service;
  labels["version"] = JinduVersion();
  prometheus::BuildGauge()
      .Name("jindu_build_info")
      .Help("Always 1; the labels say which build of which service is running.")
      .Register(registry)
      .Add(labels)
      .Set(1);
}

}  // namespace jindu::runtime
