#pragma once

// One key a TokenVerifier accepts signatures from. The key decides the algorithm: an RSA public key
// verifies RS256 only, a P-256 public key ES256 only, a shared secret HS256 only. A token header's
// "alg" is merely compared with it, never used to choose how to verify: that is what defeats the
// key-confusion attack (an HS256 token "signed" with the bytes of a public key PEM).

#include <memory>
#include <string>
#include <string_view>

#include "runtime/auth/openssl_handles.h"

namespace jindu::runtime {

enum class JwsAlgorithm { kRs256, kEs256, kHs256 };

// "RS256", "ES256" or "HS256".
std::string_view JwsAlgorithmName(JwsAlgorithm algorithm);

class VerificationKey {
 public:
  // Smallest RSA modulus accepted; NIST SP 800-131A disallows less than 2048 bits for signatures.
  static constexpr int kMinRsaBits = 2048;
  // RFC 7518 §3.2: an HS256 key must be at least as long as the hash output.
  static constexpr size_t kMinHs256SecretBytes = 32;

  // Reads a PEM SubjectPublicKeyInfo ("-----BEGIN PUBLIC KEY-----"). Throws std::invalid_argument
  // naming the problem when the PEM is unreadable, the key type is neither RSA nor EC P-256, or
  // an RSA key is shorter than kMinRsaBits. kid may be empty.
  static VerificationKey FromPublicKeyPem(std::string_view pem, std::string kid);

  // Throws std::invalid_argument when the secret is shorter than kMinHs256SecretBytes.
  static VerificationKey FromHs256Secret(std::string_view secret);

  VerificationKey(VerificationKey&&) noexcept;
  VerificationKey& operator=(VerificationKey&&) noexcept;
  ~VerificationKey();

  JwsAlgorithm algorithm() const { return algorithm_; }
  const std::string& kid() const { return kid_; }

  // True when signature is a valid signature of signing_input under this key and its algorithm.
  // Safe to call from many threads at once.
  bool Verify(std::string_view signing_input, std::string_view signature) const;

 private:
  VerificationKey() = default;

  bool VerifyWithPublicKey(std::string_view signing_input, std::string_view signature) const;
  bool VerifyHmac(std::string_view signing_input, std::string_view signature) const;

  JwsAlgorithm algorithm_ = JwsAlgorithm::kRs256;
  std::string kid_;
  EvpPkeyPtr public_key_;  // RS256 and ES256
  std::string secret_;     // HS256; wiped on destruction
};

}  // namespace jindu::runtime
