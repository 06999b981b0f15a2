#pragma once

// JOSE (RFC 7518 §3.4) carries an ECDSA signature as the fixed-width big-endian concatenation
// r || s, while OpenSSL speaks the DER-encoded ECDSA-Sig-Value. These convert between the two.

#include <cstddef>
#include <string>
#include <string_view>

namespace jindu::runtime {

// Width of r and of s for P-256 (ES256).
inline constexpr size_t kP256ComponentBytes = 32;

// Returns false when raw is not exactly 2 * component_bytes long.
bool JoseEcdsaSignatureToDer(std::string_view raw, size_t component_bytes, std::string* der);

// Returns false when der is not a valid ECDSA-Sig-Value or r or s does not fit component_bytes.
bool DerEcdsaSignatureToJose(std::string_view der, size_t component_bytes, std::string* raw);

}  // namespace jindu::runtime
