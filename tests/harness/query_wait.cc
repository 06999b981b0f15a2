#include "harness/query_wait.h"

#include <gtest/gtest.h>

#include <pqxx/pqxx>
#include <thread>

namespace jindu::testing {

void WaitForQueryValue(const ServiceProcess& service, const std::string& sql,
                       const std::string& expected, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  std::string seen;
  while (std::chrono::steady_clock::now() < deadline) {
    pqxx::connection connection(service.postgres_url());
    pqxx::nontransaction tx(connection);
    const pqxx::result rows = tx.exec(sql);
    seen = rows.empty() || rows[0][0].is_null() ? "<none>" : rows[0][0].as<std::string>();
    if (seen == expected) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(150));
  }
  ADD_FAILURE() << sql << " gave " << seen << ", expected " << expected;
}

}  // namespace jindu::testing
