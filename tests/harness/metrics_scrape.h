#pragma once

// Reading a service's Prometheus endpoint the way Prometheus does: GET /metrics over plain HTTP,
// then picking samples out of the text exposition by name and labels.

#include <map>
#include <string>

namespace jindu::testing {

// The body of GET http://127.0.0.1:<port>/metrics. Throws std::runtime_error when the endpoint
// cannot be reached or does not answer HTTP.
std::string ScrapeMetrics(int port);

// The value of the sample called `name` whose labels include all of `labels`; 0 when there is none
// (a counter that was never incremented has no sample yet).
double SampleValue(const std::string& exposition, const std::string& name,
                   const std::map<std::string, std::string>& labels = {});

}  // namespace jindu::testing
