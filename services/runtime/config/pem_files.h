#pragma once

// Checks of the PEM files a service is pointed at (its TLS certificate, key and client CA), made
// while the settings are read so that a wrong file stops start-up with a message naming the
// setting, instead of a handshake failure on the first call or an unexplained listen error.
//
// Each returns an empty string when the file is fine, otherwise the reason, which never quotes the
// file's content (a private key must not reach a log).

#include <string>

namespace jindu::runtime {

// One or more X.509 certificates, every PEM block of the file a certificate.
std::string CheckCertificateFile(const std::string& path);
// Exactly one unencrypted private key (a service has nobody to type a passphrase).
std::string CheckPrivateKeyFile(const std::string& path);
// The key is the private half of the first certificate of the chain.
std::string CheckKeyMatchesCertificate(const std::string& certificate_path,
                                       const std::string& key_path);

// The whole file, or false with the reason (the OS error) in *reason.
bool ReadPemFile(const std::string& path, std::string* content, std::string* reason);

}  // namespace jindu::runtime
