#pragma once
// Sealing of the sensitive columns of the follow-up tables (contacts, urine tests, help records):
// each value encrypted with the service's field cipher, the id of its key beside it, and
// associated data "<table>/<row id>/<column>" binding it to its row and column, so a sealed value
// copied into another row or column does not open.
#include <optional>
#include <pqxx/pqxx>
#include <string>

#include "runtime/crypto/field_cipher.h"

namespace jindu::casework {

// Parameters for "decode($n, 'hex')" and the key id column; both NULL for an empty value.
struct SealedParameters {
  std::optional<std::string> hex;
  std::optional<std::string> key_id;
};

class SealedColumns {
 public:
  SealedColumns(const runtime::FieldCipher& cipher, std::string table)
      : cipher_(cipher), table_(std::move(table)) {}

  SealedParameters Seal(const std::string& row_id, const char* column,
                        const std::string& value) const;
  // The clear value; empty for NULL.
  std::string Open(const std::string& row_id, const char* column, const pqxx::field& sealed,
                   const pqxx::field& key_id) const;

 private:
  std::string AssociatedData(const std::string& row_id, const char* column) const;

  const runtime::FieldCipher& cipher_;
  std::string table_;
};

}  // namespace jindu::casework
