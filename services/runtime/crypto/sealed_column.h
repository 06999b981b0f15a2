#pragma once
// Where a service keeps sealed values (field_cipher.h), described so that code other than the
// store that wrote them can re-seal them under a new key (sealed_value_resealer.h) and count them
// per key: the table, the columns of its primary key, the pair of columns "<column>_sealed"
// (bytea) and "<column>_key_id" (text), and how the store built the associated data.
//
// Associated data is "<associated_prefix>/<key values joined by '/'>[/<associated_column>]", e.g.
// "case/3f2c.../full_name" or "case_status_change/3f2c.../7". It must match the store's exactly:
// a value re-sealed with other associated data no longer opens where the store reads it.
#include <string>
#include <vector>

namespace jindu::runtime {

struct SealedColumn {
  std::string table;                     // "cases", in the service's schema
  std::vector<std::string> key_columns;  // the primary key, in order: {"case_id"}
  std::string column;                    // "full_name": full_name_sealed and full_name_key_id
  std::string associated_prefix;         // "case"
  std::string associated_column;         // "full_name"; empty when the data ends at the key

  std::string SealedName() const { return column + "_sealed"; }
  std::string KeyIdName() const { return column + "_key_id"; }
  std::string AssociatedData(const std::vector<std::string>& key_values) const;
  // "cases.full_name", for logs and labels.
  std::string Label() const { return table + "." + column; }
};

}  // namespace jindu::runtime
