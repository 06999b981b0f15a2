#include "runtime/auth/ecdsa_signature.h"

#include <openssl/err.h>

#include "runtime/auth/openssl_handles.h"

namespace jindu::runtime {

bool JoseEcdsaSignatureToDer(std::string_view raw, size_t component_bytes, std::string* der) {
  if (raw.size() != 2 * component_bytes) return false;
  const auto* bytes = reinterpret_cast<const unsigned char*>(raw.data());
  BignumPtr r(BN_bin2bn(bytes, static_cast<int>(component_bytes), nullptr));
  BignumPtr s(BN_bin2bn(bytes + component_bytes, static_cast<int>(component_bytes), nullptr));
  EcdsaSigPtr sig(ECDSA_SIG_new());
  if (!r || !s || !sig || ECDSA_SIG_set0(sig.get(), r.get(), s.get()) != 1) {
    ERR_clear_error();
    return false;
  }
  // ECDSA_SIG_set0 took ownership of r and s.
  r.release();
  s.release();
  int length = i2d_ECDSA_SIG(sig.get(), nullptr);
  if (length <= 0) {
    ERR_clear_error();
    return false;
  }
  der->assign(static_cast<size_t>(length), '\0');
  auto* out = reinterpret_cast<unsigned char*>(der->data());
  if (i2d_ECDSA_SIG(sig.get(), &out) != length) {
    ERR_clear_error();
    return false;
  }
  return true;
}

bool DerEcdsaSignatureToJose(std::string_view der, size_t component_bytes, std::string* raw) {
  const auto* in = reinterpret_cast<const unsigned char*>(der.data());
  EcdsaSigPtr sig(d2i_ECDSA_SIG(nullptr, &in, static_cast<long>(der.size())));
  if (!sig) {
    ERR_clear_error();
    return false;
  }
  const BIGNUM* r = nullptr;
  const BIGNUM* s = nullptr;
  ECDSA_SIG_get0(sig.get(), &r, &s);
  raw->assign(2 * component_bytes, '\0');
  auto* out = reinterpret_cast<unsigned char*>(raw->data());
  if (BN_bn2binpad(r, out, static_cast<int>(component_bytes)) < 0 ||
      BN_bn2binpad(s, out + component_bytes, static_cast<int>(component_bytes)) < 0) {
    ERR_clear_error();
    return false;
  }
  return true;
}

}  // namespace jindu::runtime
