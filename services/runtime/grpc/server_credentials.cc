#include "runtime/grpc/server_credentials.h"

#include <grpcpp/security/server_credentials.h>

#include "runtime/config/pem_files.h"

namespace jindu::runtime {
namespace {

bool ReadSetting(const char* flag, const std::string& path, std::string* pem, std::string* error) {
  std::string reason;
  if (ReadPemFile(path, pem, &reason)) return true;
  *error = std::string(flag) + ": " + reason;
  return false;
}

}  // namespace

std::shared_ptr<grpc::ServerCredentials> MakeServerCredentials(const TlsSettings& tls,
                                                               std::string* error) {
  if (!tls.enabled()) return grpc::InsecureServerCredentials();

  grpc::SslServerCredentialsOptions::PemKeyCertPair pair;
  if (!ReadSetting("--tls-cert-file", tls.cert_file, &pair.cert_chain, error) ||
      !ReadSetting("--tls-key-file", tls.key_file, &pair.private_key, error)) {
    return nullptr;
  }
  // Without a client CA no certificate is asked for: callers authenticate with their JWT alone.
  grpc::SslServerCredentialsOptions options(GRPC_SSL_DONT_REQUEST_CLIENT_CERTIFICATE);
  if (tls.requires_client_certificates()) {
    if (!ReadSetting("--tls-client-ca-file", tls.client_ca_file, &options.pem_root_certs, error)) {
      return nullptr;
    }
    // A handshake without a certificate, or with one the CA did not sign, fails before any call:
    // the JWT still decides what a caller may do, the certificate who may connect at all.
    options.client_certificate_request = GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY;
  }
  options.pem_key_cert_pairs.push_back(std::move(pair));
  return grpc::SslServerCredentials(options);
}

std::string TransportSecurityName(const TlsSettings& tls) {
  if (!tls.enabled()) return "plaintext";
  return tls.requires_client_certificates() ? "mutual-tls" : "tls";
}

}  // namespace jindu::runtime
