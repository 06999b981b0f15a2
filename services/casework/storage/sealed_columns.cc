#include "casework/storage/sealed_columns.h"

#include "runtime/postgres/row_conversions.h"

namespace jindu::casework {

std::string SealedColumns::AssociatedData(const std::string& row_id, const char* column) const {
  return table_ + "/" + row_id + "/" + column;
}

SealedParameters SealedColumns::Seal(const std::string& row_id, const char* column,
                                     const std::string& value) const {
  if (value.empty()) return {};
  runtime::SealedField sealed = cipher_.Encrypt(value, AssociatedData(row_id, column));
  return {.hex = runtime::BytesAsHex(sealed.ciphertext), .key_id = sealed.key_id};
}

std::string SealedColumns::Open(const std::string& row_id, const char* column,
                                const pqxx::field& sealed, const pqxx::field& key_id) const {
  if (sealed.is_null()) return {};
  pqxx::binarystring bytes(sealed);
  return cipher_.Decrypt({.key_id = key_id.as<std::string>(), .ciphertext = bytes.str()},
                         AssociatedData(row_id, column));
}

}  // namespace jindu::casework
