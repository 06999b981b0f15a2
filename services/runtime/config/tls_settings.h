#pragma once

// Transport security of a service's gRPC server, declared with the common settings:
//
//   --tls-cert-file       (JINDU_TLS_CERT_FILE)       PEM certificate chain the server presents
//   --tls-key-file        (JINDU_TLS_KEY_FILE)        PEM private key of that certificate
//   --tls-client-ca-file  (JINDU_TLS_CLIENT_CA_FILE)  PEM CA certificates; when set, every caller
//                                                     must present a certificate they signed
//
// None set: plaintext, for a platform (a service mesh, a TLS-terminating proxy) that secures the
// connection in front of the service. Certificate and key come together; a client CA needs them.
// The files are checked while the settings are read, so a missing, unreadable or wrong file stops
// start-up with a message naming the setting (exit status 2, like every configuration problem).
// The Prometheus endpoint stays plain HTTP whatever these say: it is scraped inside the cluster.

#include <string>

#include "runtime/config/settings.h"
#include "runtime/config/settings_schema.h"

namespace jindu::runtime {

struct TlsSettings {
  std::string cert_file;       // "" = plaintext
  std::string key_file;        // set exactly when cert_file is
  std::string client_ca_file;  // "" = no client certificate asked for

  bool enabled() const { return !cert_file.empty(); }
  bool requires_client_certificates() const { return !client_ca_file.empty(); }

  // Reads the settings DeclareTlsSettings declared.
  static TlsSettings FromSettings(const Settings& settings);
};

void DeclareTlsSettings(SettingsSchema& schema);

}  // namespace jindu::runtime
