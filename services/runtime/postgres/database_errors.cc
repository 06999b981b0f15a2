#include "runtime/postgres/database_errors.h"

#include <pqxx/pqxx>

#include "runtime/postgres/connection_pool.h"

namespace jindu::runtime {

bool IsTransientDatabaseError(const std::exception& error) {
  if (dynamic_cast<const pqxx::broken_connection*>(&error) != nullptr ||
      dynamic_cast<const pqxx::transaction_rollback*>(&error) != nullptr ||
      dynamic_cast<const pqxx::in_doubt_error*>(&error) != nullptr ||
      dynamic_cast<const PoolExhausted*>(&error) != nullptr) {
    return true;
  }
  if (const auto* sql = dynamic_cast<const pqxx::sql_error*>(&error)) {
    const std::string& state = sql->sqlstate();
    // SQLSTATE classes: 08 connection exception, 40 transaction rollback, 53 insufficient
    // resources, 57 operator intervention (query_canceled = statement timeout, admin shutdown),
    // 58 system error; 25006 read_only_sql_transaction (a standby after failover).
    for (const char* transient_class : {"08", "40", "53", "57", "58"}) {
      if (state.rfind(transient_class, 0) == 0) return true;
    }
    return state == "25006";
  }
  return false;
}

}  // namespace jindu::runtime
