#pragma once

// The credentials the gRPC server listens with, from the TLS settings (runtime/config/
// tls_settings.h): plaintext when no certificate is set; TLS with it; mutual TLS, where every
// caller must present a certificate signed by the client CA, when that is set too.

#include <grpcpp/security/server_credentials.h>

#include <memory>
#include <string>

#include "runtime/config/tls_settings.h"

namespace jindu::runtime {

// Reads the PEM files now (they were checked when the settings were read; this reads them again
// in case they changed since). Returns null and sets *error, naming the setting, when one cannot
// be read. Certificates are read once: a renewed certificate takes effect when the service
// restarts (a rolling restart after the Secret changes).
std::shared_ptr<grpc::ServerCredentials> MakeServerCredentials(const TlsSettings& tls,
                                                               std::string* error);

// "plaintext", "tls" or "mutual-tls", for the start-up log line.
std::string TransportSecurityName(const TlsSettings& tls);

}  // namespace jindu::runtime
