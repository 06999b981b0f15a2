#include "runtime/config/pem_files.h"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <memory>
#include <sstream>
#include <vector>

namespace jindu::runtime {
namespace {

struct BioFree {
  void operator()(BIO* bio) const { BIO_free(bio); }
};
struct X509Free {
  void operator()(X509* certificate) const { X509_free(certificate); }
};
struct KeyFree {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
using Bio = std::unique_ptr<BIO, BioFree>;
using Certificate = std::unique_ptr<X509, X509Free>;
using PrivateKey = std::unique_ptr<EVP_PKEY, KeyFree>;

// OpenSSL's default asks on the terminal for the passphrase of an encrypted key; a service must
// fail instead of hanging.
int NoPassphrase(char*, int, int, void*) { return -1; }

Bio MemoryBio(const std::string& text) {
  return Bio(BIO_new_mem_buf(text.data(), static_cast<int>(text.size())));
}

int CountPemBlocks(const std::string& text) {
  int blocks = 0;
  for (std::size_t at = text.find("-----BEGIN "); at != std::string::npos;
       at = text.find("-----BEGIN ", at + 1)) {
    ++blocks;
  }
  return blocks;
}

// The certificates of a PEM text in order; empty when a block is not a certificate.
std::vector<Certificate> ReadCertificates(const std::string& text) {
  std::vector<Certificate> certificates;
  Bio bio = MemoryBio(text);
  while (X509* certificate = PEM_read_bio_X509(bio.get(), nullptr, NoPassphrase, nullptr)) {
    certificates.emplace_back(certificate);
  }
  ERR_clear_error();  // the end of the input is reported as an error too
  return certificates;
}

PrivateKey ReadPrivateKey(const std::string& text) {
  Bio bio = MemoryBio(text);
  PrivateKey key(PEM_read_bio_PrivateKey(bio.get(), nullptr, NoPassphrase, nullptr));
  ERR_clear_error();
  return key;
}

}  // namespace

bool ReadPemFile(const std::string& path, std::string* content, std::string* reason) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *reason = "cannot read file " + path + ": " + std::strerror(errno);
    return false;
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) {
    *reason = "cannot read file " + path;
    return false;
  }
  *content = buffer.str();
  return true;
}

std::string CheckCertificateFile(const std::string& path) {
  std::string text;
  std::string reason;
  if (!ReadPemFile(path, &text, &reason)) return reason;
  int blocks = CountPemBlocks(text);
  if (blocks == 0) return path + " holds no PEM block";
  if (static_cast<int>(ReadCertificates(text).size()) != blocks) {
    return path + " is not a list of PEM certificates";
  }
  return "";
}

std::string CheckPrivateKeyFile(const std::string& path) {
  std::string text;
  std::string reason;
  if (!ReadPemFile(path, &text, &reason)) return reason;
  if (CountPemBlocks(text) != 1) return path + " must hold exactly one PEM private key";
  if (text.find("ENCRYPTED") != std::string::npos) {
    return path + " holds an encrypted private key; give it unencrypted (mounted from a Secret)";
  }
  if (ReadPrivateKey(text) == nullptr) return path + " holds no readable PEM private key";
  return "";
}

std::string CheckKeyMatchesCertificate(const std::string& certificate_path,
                                       const std::string& key_path) {
  std::string certificate_text;
  std::string key_text;
  std::string reason;
  if (!ReadPemFile(certificate_path, &certificate_text, &reason)) return reason;
  if (!ReadPemFile(key_path, &key_text, &reason)) return reason;
  std::vector<Certificate> chain = ReadCertificates(certificate_text);
  PrivateKey key = ReadPrivateKey(key_text);
  if (chain.empty() || key == nullptr) return "";  // reported by the files' own checks
  bool matches = X509_check_private_key(chain.front().get(), key.get()) == 1;
  ERR_clear_error();
  if (matches) return "";
  return "the key in " + key_path + " is not the private key of the certificate in " +
         certificate_path;
}

}  // namespace jindu::runtime
