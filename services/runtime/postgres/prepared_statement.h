#pragma once

// Runs a statement prepared on the transaction's connection: parsed and planned once per
// connection rather than on every execution. PostgreSQL's work per statement is mostly that
// parsing and planning for the short statements of a create or a lookup: pgbench ran the
// CreateOrganization transaction at about twice the rate prepared as unprepared (issue 9).
//
// libpqxx prepares the statement on the connection's first use of `name` (a fresh connection
// that replaced a broken one prepares it again); declaring the same name with the same text
// again is a lookup. A name must always go with the same text: give each statement its own name,
// including the schema when the text names one.

#include <pqxx/pqxx>
#include <string>
#include <utility>

namespace jindu::runtime {

template <typename... Args>
pqxx::result ExecPrepared(pqxx::transaction_base& tx, const std::string& name,
                          const std::string& sql, Args&&... args) {
  tx.conn().prepare(name, sql);
  return tx.exec_prepared(name, std::forward<Args>(args)...);
}

}  // namespace jindu::runtime
