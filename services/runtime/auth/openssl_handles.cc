#include "runtime/auth/openssl_handles.h"

#include <openssl/err.h>

namespace jindu::runtime {

std::string TakeOpenSslError() {
  unsigned long code = ERR_get_error();
  std::string message = "unknown OpenSSL error";
  if (code != 0) {
    char buffer[256];
    ERR_error_string_n(code, buffer, sizeof(buffer));
    message = buffer;
  }
  ERR_clear_error();
  return message;
}

}  // namespace jindu::runtime
