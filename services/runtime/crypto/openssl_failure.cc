#include "runtime/crypto/openssl_failure.h"

#include <openssl/err.h>

#include <stdexcept>
#include <string>

namespace jindu::runtime {

void ThrowOpenSslFailure(std::string_view operation) {
  std::string reason = "unknown OpenSSL error";
  if (unsigned long code = ERR_get_error(); code != 0) {
    char buffer[256];
    ERR_error_string_n(code, buffer, sizeof(buffer));
    reason = buffer;
  }
  ERR_clear_error();
  throw std::runtime_error(std::string(operation) + " failed: " + reason);
}

}  // namespace jindu::runtime
