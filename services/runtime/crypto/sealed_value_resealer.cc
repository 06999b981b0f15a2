#include "runtime/crypto/sealed_value_resealer.h"

#include <pqxx/pqxx>
#include <utility>

#include "runtime/logging/logger.h"
#include "runtime/postgres/row_conversions.h"

namespace jindu::runtime {
namespace {

std::string JoinColumns(const std::vector<std::string>& columns) {
  std::string joined;
  for (const std::string& column : columns) joined += (joined.empty() ? "" : ", ") + column;
  return joined;
}

}  // namespace

SealedValueResealer::SealedValueResealer(ConnectionPool& database, std::string schema,
                                         const FieldCipher& cipher,
                                         std::vector<SealedColumn> columns, int batch_rows)
    : database_(database),
      schema_(std::move(schema)),
      cipher_(cipher),
      columns_(std::move(columns)),
      batch_rows_(batch_rows) {}

bool SealedValueResealer::ResealBatch(const SealedColumn& column, std::vector<std::string>* cursor,
                                      ResealProgress* progress) {
  const std::string& active = cipher_.active_key_id();
  const std::string table = schema_ + "." + column.table;
  const std::string keys = JoinColumns(column.key_columns);
  auto connection = database_.Acquire();
  // Autocommit: the read takes no lock and every UPDATE below is its own transaction.
  pqxx::nontransaction tx(*connection);

  std::string select = "SELECT ";
  for (const std::string& key : column.key_columns) select += key + "::text, ";
  select += column.SealedName() + ", " + column.KeyIdName() + " FROM " + table + " WHERE " +
            column.KeyIdName() + " IS NOT NULL AND " + column.KeyIdName() + " <> " +
            tx.quote(active);
  if (!cursor->empty()) {
    // Row comparison on the primary key; each literal takes its column's type.
    std::string after;
    for (const std::string& value : *cursor) after += (after.empty() ? "" : ", ") + tx.quote(value);
    select += " AND (" + keys + ") > (" + after + ")";
  }
  select += " ORDER BY " + keys + " LIMIT " + std::to_string(batch_rows_);
  const pqxx::result rows = tx.exec(select);
  if (rows.empty()) return false;

  const size_t key_count = column.key_columns.size();
  for (const pqxx::row& row : rows) {
    std::vector<std::string> key_values;
    for (size_t i = 0; i < key_count; ++i) key_values.push_back(row[static_cast<int>(i)].c_str());
    *cursor = key_values;
    const pqxx::field sealed_field = row[static_cast<int>(key_count)];
    const std::string old_key_id = row[static_cast<int>(key_count + 1)].as<std::string>();
    if (sealed_field.is_null()) continue;  // a key id without a value: nothing to re-seal
    const std::string old_ciphertext = pqxx::binarystring(sealed_field).str();
    const std::string associated_data = column.AssociatedData(key_values);
    SealedField resealed;
    try {
      const std::string clear =
          cipher_.Decrypt({.key_id = old_key_id, .ciphertext = old_ciphertext}, associated_data);
      resealed = cipher_.Encrypt(clear, associated_data);
    } catch (const FieldDecryptionError& error) {
      // Never the value or the row's content: the table, column and key say where to look.
      ++progress->unreadable;
      LogWarn("sealed value cannot be opened; left as it is",
              {{"column", column.Label()}, {"key_id", old_key_id}, {"error", error.what()}});
      continue;
    }
    std::string update = "UPDATE " + table + " SET " + column.SealedName() + " = decode(" +
                         tx.quote(BytesAsHex(resealed.ciphertext)) + ", 'hex'), " +
                         column.KeyIdName() + " = " + tx.quote(resealed.key_id) + " WHERE ";
    for (size_t i = 0; i < key_count; ++i) {
      update += column.key_columns[i] + " = " + tx.quote(key_values[i]) + " AND ";
    }
    update += column.KeyIdName() + " = " + tx.quote(old_key_id) + " AND " + column.SealedName() +
              " = decode(" + tx.quote(BytesAsHex(old_ciphertext)) + ", 'hex')";
    if (tx.exec(update).affected_rows() == 1) {
      ++progress->resealed;
    } else {
      ++progress->changed;
    }
  }
  return static_cast<int>(rows.size()) == batch_rows_;
}

ResealProgress SealedValueResealer::ResealAll(const std::stop_token& stop) {
  ResealProgress progress;
  for (const SealedColumn& column : columns_) {
    std::vector<std::string> cursor;
    while (!stop.stop_requested() && ResealBatch(column, &cursor, &progress)) {
    }
    if (stop.stop_requested()) break;
  }
  return progress;
}

std::map<std::string, int64_t> SealedValueResealer::CountByKey() {
  std::string query;
  for (const SealedColumn& column : columns_) {
    if (!query.empty()) query += " UNION ALL ";
    query += "SELECT " + column.KeyIdName() + " AS key_id FROM " + schema_ + "." + column.table +
             " WHERE " + column.SealedName() + " IS NOT NULL";
  }
  std::map<std::string, int64_t> counts;
  if (query.empty()) return counts;
  auto connection = database_.Acquire();
  pqxx::read_transaction tx(*connection);
  for (const pqxx::row& row :
       tx.exec("SELECT key_id, count(*) FROM (" + query + ") AS sealed GROUP BY key_id")) {
    counts[row[0].as<std::string>()] = row[1].as<int64_t>();
  }
  return counts;
}

}  // namespace jindu::runtime
