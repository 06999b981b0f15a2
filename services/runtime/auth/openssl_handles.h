#pragma once

// Owning handles for the OpenSSL objects the auth code uses, and a way to turn OpenSSL's
// per-thread error queue into a message. Every failure path drains the queue so that a stale error
// is never reported against a later, unrelated operation on the same thread.

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/evp.h>

#include <memory>
#include <string>

namespace jindu::runtime {

struct OpenSslDeleter {
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
  void operator()(EVP_PKEY_CTX* p) const { EVP_PKEY_CTX_free(p); }
  void operator()(EVP_MD_CTX* p) const { EVP_MD_CTX_free(p); }
  void operator()(BIO* p) const { BIO_free(p); }
  void operator()(BIGNUM* p) const { BN_free(p); }
  void operator()(ECDSA_SIG* p) const { ECDSA_SIG_free(p); }
};

using EvpPkeyPtr = std::unique_ptr<EVP_PKEY, OpenSslDeleter>;
using EvpPkeyCtxPtr = std::unique_ptr<EVP_PKEY_CTX, OpenSslDeleter>;
using EvpMdCtxPtr = std::unique_ptr<EVP_MD_CTX, OpenSslDeleter>;
using BioPtr = std::unique_ptr<BIO, OpenSslDeleter>;
using BignumPtr = std::unique_ptr<BIGNUM, OpenSslDeleter>;
using EcdsaSigPtr = std::unique_ptr<ECDSA_SIG, OpenSslDeleter>;

// Returns the oldest queued OpenSSL error as text ("unknown OpenSSL error" when none) and clears
// the calling thread's error queue.
std::string TakeOpenSslError();

}  // namespace jindu::runtime
