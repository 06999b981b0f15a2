#include "runtime/crypto/sealed_column.h"

namespace jindu::runtime {

std::string SealedColumn::AssociatedData(const std::vector<std::string>& key_values) const {
  std::string data = associated_prefix;
  for (const std::string& value : key_values) data += "/" + value;
  if (!associated_column.empty()) data += "/" + associated_column;
  return data;
}

}  // namespace jindu::runtime
