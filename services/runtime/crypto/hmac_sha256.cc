#include "runtime/crypto/hmac_sha256.h"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include <memory>

#include "runtime/crypto/openssl_failure.h"

namespace jindu::runtime {
namespace {

struct EvpMacDeleter {
  void operator()(EVP_MAC* mac) const { EVP_MAC_free(mac); }
  void operator()(EVP_MAC_CTX* context) const { EVP_MAC_CTX_free(context); }
};

}  // namespace

HmacSha256Digest ComputeHmacSha256(std::span<const unsigned char> key,
                                   std::initializer_list<std::string_view> parts) {
  // A fresh context per call: contexts are not thread-safe, and fetching is served from
  // OpenSSL's method cache.
  std::unique_ptr<EVP_MAC, EvpMacDeleter> mac(EVP_MAC_fetch(nullptr, "HMAC", nullptr));
  if (!mac) ThrowOpenSslFailure("fetching HMAC");
  std::unique_ptr<EVP_MAC_CTX, EvpMacDeleter> context(EVP_MAC_CTX_new(mac.get()));
  if (!context) ThrowOpenSslFailure("creating an HMAC context");

  char digest_name[] = "SHA256";
  const OSSL_PARAM params[] = {
      OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest_name, 0),
      OSSL_PARAM_construct_end(),
  };
  if (EVP_MAC_init(context.get(), key.data(), key.size(), params) != 1) {
    ThrowOpenSslFailure("initialising HMAC-SHA256");
  }
  for (std::string_view part : parts) {
    if (part.empty()) continue;
    if (EVP_MAC_update(context.get(), reinterpret_cast<const unsigned char*>(part.data()),
                       part.size()) != 1) {
      ThrowOpenSslFailure("computing HMAC-SHA256");
    }
  }
  HmacSha256Digest digest;
  size_t length = 0;
  if (EVP_MAC_final(context.get(), digest.data(), &length, digest.size()) != 1 ||
      length != digest.size()) {
    ThrowOpenSslFailure("finishing HMAC-SHA256");
  }
  return digest;
}

}  // namespace jindu::runtime
