#pragma once

// jindu_build_info{service="casework",version="0.1.0",...} 1: which build runs where, for
// dashboards to join on and for spotting a half-finished rollout.

#include <prometheus/labels.h>
#include <prometheus/registry.h>

#include <string>

namespace jindu::runtime {

// The jindu version this binary was built from.
const char* JinduVersion();

// Adds the gauge with labels service and version, plus any extra labels (e.g. grpc_version).
void RegisterBuildInfo(prometheus::Registry& registry, const std::string& service,
                       const prometheus::Labels& extra_labels = {});

}  // namespace jindu::runtime
