#include "runtime/ids/resource_ids.h"

#include <openssl/rand.h>

#include <stdexcept>

namespace jindu::runtime {

std::string NewResourceId() {
  static constexpr char kAlphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
  unsigned char random[20];
  if (RAND_bytes(random, sizeof random) != 1) throw std::runtime_error("RAND_bytes failed");
  std::string id;
  for (unsigned char byte : random) id += kAlphabet[byte % 36];  // bias < 1/7, irrelevant here
  return id;
}

std::string ResourceIdFromName(std::string_view name, std::string_view collection_prefix) {
  if (!name.starts_with(collection_prefix)) return {};
  std::string_view id = name.substr(collection_prefix.size());
  if (id.empty() || id.size() > 40) return {};
  for (char c : id) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return {};
  }
  return std::string(id);
}

}  // namespace jindu::runtime
