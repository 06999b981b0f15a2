#include "runtime/auth/verification_key.h"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/hmac.h>
#include <openssl/pem.h>

#include <stdexcept>

#include "runtime/auth/ecdsa_signature.h"

namespace jindu::runtime {

std::string_view JwsAlgorithmName(JwsAlgorithm algorithm) {
  switch (algorithm) {
    case JwsAlgorithm::kRs256:
      return "RS256";
    case JwsAlgorithm::kEs256:
      return "ES256";
    case JwsAlgorithm::kHs256:
      return "HS256";
  }
  return "unknown";
}

VerificationKey VerificationKey::FromPublicKeyPem(std::string_view pem, std::string kid) {
  BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  if (!bio)
    throw std::invalid_argument("cannot allocate a buffer for the PEM: " + TakeOpenSslError());
  EvpPkeyPtr key(PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr));
  if (!key) {
    throw std::invalid_argument(
        "not a readable PEM public key (expected '-----BEGIN PUBLIC KEY-----' "
        "SubjectPublicKeyInfo): " +
        TakeOpenSslError());
  }
  VerificationKey result;
  result.kid_ = std::move(kid);
  if (EVP_PKEY_is_a(key.get(), "RSA")) {
    int bits = EVP_PKEY_get_bits(key.get());
    if (bits < kMinRsaBits) {
      throw std::invalid_argument("RSA public key has " + std::to_string(bits) +
                                  " bits; at least " + std::to_string(kMinRsaBits) +
                                  " are required");
    }
    result.algorithm_ = JwsAlgorithm::kRs256;
  } else if (EVP_PKEY_is_a(key.get(), "EC")) {
    char group[64] = {0};
    size_t group_length = 0;
    if (EVP_PKEY_get_utf8_string_param(key.get(), OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof(group),
                                       &group_length) != 1) {
      throw std::invalid_argument("EC public key has no named curve: " + TakeOpenSslError());
    }
    if (std::string_view(group) != "prime256v1") {
      throw std::invalid_argument("EC public key is on curve " + std::string(group) +
                                  "; only P-256 (ES256) is accepted");
    }
    result.algorithm_ = JwsAlgorithm::kEs256;
  } else {
    throw std::invalid_argument("public key type " +
                                std::string(EVP_PKEY_get0_type_name(key.get())) +
                                " is not supported; use RSA (RS256) or EC P-256 (ES256)");
  }
  result.public_key_ = std::move(key);
  return result;
}

VerificationKey VerificationKey::FromHs256Secret(std::string_view secret) {
  if (secret.size() < kMinHs256SecretBytes) {
    throw std::invalid_argument("HS256 secret has " + std::to_string(secret.size()) +
                                " bytes; at least " + std::to_string(kMinHs256SecretBytes) +
                                " are required");
  }
  VerificationKey result;
  result.algorithm_ = JwsAlgorithm::kHs256;
  result.secret_ = std::string(secret);
  return result;
}

VerificationKey::VerificationKey(VerificationKey&&) noexcept = default;
VerificationKey& VerificationKey::operator=(VerificationKey&&) noexcept = default;

VerificationKey::~VerificationKey() {
  if (!secret_.empty()) OPENSSL_cleanse(secret_.data(), secret_.size());
}

bool VerificationKey::Verify(std::string_view signing_input, std::string_view signature) const {
  if (algorithm_ == JwsAlgorithm::kHs256) return VerifyHmac(signing_input, signature);
  return VerifyWithPublicKey(signing_input, signature);
}

bool VerificationKey::VerifyWithPublicKey(std::string_view signing_input,
                                          std::string_view signature) const {
  std::string der;
  if (algorithm_ == JwsAlgorithm::kEs256) {
    // JOSE sends r || s; OpenSSL wants DER. A wrong length is simply an invalid signature.
    if (!JoseEcdsaSignatureToDer(signature, kP256ComponentBytes, &der)) return false;
    signature = der;
  }
  EvpMdCtxPtr context(EVP_MD_CTX_new());
  // RS256 is RSASSA-PKCS1-v1_5, OpenSSL's default padding for RSA keys.
  bool ok =
      context &&
      EVP_DigestVerifyInit(context.get(), nullptr, EVP_sha256(), nullptr, public_key_.get()) == 1 &&
      EVP_DigestVerify(
          context.get(), reinterpret_cast<const unsigned char*>(signature.data()), signature.size(),
          reinterpret_cast<const unsigned char*>(signing_input.data()), signing_input.size()) == 1;
  if (!ok) ERR_clear_error();
  return ok;
}

bool VerificationKey::VerifyHmac(std::string_view signing_input, std::string_view signature) const {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int mac_length = 0;
  if (HMAC(EVP_sha256(), secret_.data(), static_cast<int>(secret_.size()),
           reinterpret_cast<const unsigned char*>(signing_input.data()), signing_input.size(), mac,
           &mac_length) == nullptr) {
    ERR_clear_error();
    return false;
  }
  // The length of a MAC is public; its bytes must be compared in constant time so that a caller
  // cannot learn a valid MAC byte by byte from response timing.
  return signature.size() == mac_length && CRYPTO_memcmp(mac, signature.data(), mac_length) == 0;
}

}  // namespace jindu::runtime
