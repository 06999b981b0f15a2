#pragma once

// Waiting for a service's database to show what its consumers will eventually write: events are
// applied asynchronously, so tests poll a one-value query until it answers as expected.

#include <chrono>
#include <string>

#include "harness/service_process.h"

namespace jindu::testing {

// Polls `sql` (one value; NULL or no row reads "<none>") in the service's database until it
// answers `expected`; after `timeout`, records a test failure naming the query and what it last
// answered.
void WaitForQueryValue(const ServiceProcess& service, const std::string& sql,
                       const std::string& expected,
                       std::chrono::milliseconds timeout = std::chrono::seconds(30));

}  // namespace jindu::testing
