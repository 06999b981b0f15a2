#include "dev_token/key_pair.h"

#include <openssl/pem.h>
#include <openssl/rsa.h>

#include <stdexcept>

#include "runtime/auth/openssl_handles.h"

namespace jindu::dev_token {
namespace {

std::string DrainBio(BIO* bio) {
  char* data = nullptr;
  long length = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<size_t>(length));
}

}  // namespace

PemKeyPair GenerateKeyPair(runtime::JwsAlgorithm algorithm) {
  runtime::EvpPkeyPtr key;
  switch (algorithm) {
    case runtime::JwsAlgorithm::kRs256:
      key.reset(EVP_RSA_gen(2048));
      break;
    case runtime::JwsAlgorithm::kEs256:
      key.reset(EVP_EC_gen("P-256"));
      break;
    case runtime::JwsAlgorithm::kHs256:
      throw std::invalid_argument("HS256 uses a shared secret, not a key pair");
  }
  if (!key) throw std::runtime_error("key generation failed: " + runtime::TakeOpenSslError());

  runtime::BioPtr private_bio(BIO_new(BIO_s_mem()));
  runtime::BioPtr public_bio(BIO_new(BIO_s_mem()));
  if (!private_bio || !public_bio ||
      PEM_write_bio_PrivateKey(private_bio.get(), key.get(), nullptr, nullptr, 0, nullptr,
                               nullptr) != 1 ||
      PEM_write_bio_PUBKEY(public_bio.get(), key.get()) != 1) {
    throw std::runtime_error("writing the key pair as PEM failed: " + runtime::TakeOpenSslError());
  }
  return PemKeyPair{DrainBio(private_bio.get()), DrainBio(public_bio.get())};
}

}  // namespace jindu::dev_token
