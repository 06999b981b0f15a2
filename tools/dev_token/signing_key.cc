#include "dev_token/signing_key.h"

#include <openssl/core_names.h>
#include <openssl/hmac.h>
#include <openssl/pem.h>

#include <stdexcept>

#include "runtime/auth/ecdsa_signature.h"

namespace jindu::dev_token {

using runtime::JwsAlgorithm;
using runtime::TakeOpenSslError;

SigningKey SigningKey::FromPrivateKeyPem(std::string_view pem) {
  runtime::BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  runtime::EvpPkeyPtr key(bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr)
                              : nullptr);
  if (!key) throw std::invalid_argument("not a readable PEM private key: " + TakeOpenSslError());
  SigningKey result;
  if (EVP_PKEY_is_a(key.get(), "RSA")) {
    result.algorithm_ = JwsAlgorithm::kRs256;
  } else if (EVP_PKEY_is_a(key.get(), "EC")) {
    char group[64] = {0};
    size_t length = 0;
    if (EVP_PKEY_get_utf8_string_param(key.get(), OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof(group),
                                       &length) != 1 ||
        std::string_view(group) != "prime256v1") {
      TakeOpenSslError();
      throw std::invalid_argument("EC private key is not on P-256; ES256 needs P-256");
    }
    result.algorithm_ = JwsAlgorithm::kEs256;
  } else {
    throw std::invalid_argument("private key type " +
                                std::string(EVP_PKEY_get0_type_name(key.get())) +
                                " is not supported; use RSA (RS256) or EC P-256 (ES256)");
  }
  result.private_key_ = std::move(key);
  return result;
}

SigningKey SigningKey::FromHs256Secret(std::string_view secret) {
  SigningKey result;
  result.algorithm_ = JwsAlgorithm::kHs256;
  result.secret_ = std::string(secret);
  return result;
}

std::string SigningKey::Sign(std::string_view signing_input) const {
  const auto* input = reinterpret_cast<const unsigned char*>(signing_input.data());
  if (algorithm_ == JwsAlgorithm::kHs256) {
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int mac_length = 0;
    if (HMAC(EVP_sha256(), secret_.data(), static_cast<int>(secret_.size()), input,
             signing_input.size(), mac, &mac_length) == nullptr) {
      throw std::runtime_error("HMAC-SHA256 failed: " + TakeOpenSslError());
    }
    return std::string(reinterpret_cast<const char*>(mac), mac_length);
  }
  runtime::EvpMdCtxPtr context(EVP_MD_CTX_new());
  size_t length = 0;
  if (!context ||
      EVP_DigestSignInit(context.get(), nullptr, EVP_sha256(), nullptr, private_key_.get()) != 1 ||
      EVP_DigestSign(context.get(), nullptr, &length, input, signing_input.size()) != 1) {
    throw std::runtime_error("signing failed: " + TakeOpenSslError());
  }
  std::string signature(length, '\0');
  if (EVP_DigestSign(context.get(), reinterpret_cast<unsigned char*>(signature.data()), &length,
                     input, signing_input.size()) != 1) {
    throw std::runtime_error("signing failed: " + TakeOpenSslError());
  }
  signature.resize(length);
  if (algorithm_ == JwsAlgorithm::kRs256) return signature;
  // OpenSSL produced DER; JOSE wants r || s.
  std::string raw;
  if (!runtime::DerEcdsaSignatureToJose(signature, runtime::kP256ComponentBytes, &raw)) {
    throw std::runtime_error("cannot convert the ECDSA signature to JOSE form");
  }
  return raw;
}

}  // namespace jindu::dev_token
