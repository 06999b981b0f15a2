#include "runtime/config/tls_settings.h"

#include "runtime/config/pem_files.h"

namespace jindu::runtime {
namespace {

constexpr char kCertFile[] = "tls-cert-file";
constexpr char kKeyFile[] = "tls-key-file";
constexpr char kClientCaFile[] = "tls-client-ca-file";

// An unset (empty) path is fine: the cross-setting check decides whether it was needed.
SettingValidator UnlessEmpty(std::string (*check)(const std::string&)) {
  return [check](const SettingValue& value) -> std::string {
    const std::string& path = std::get<std::string>(value);
    return path.empty() ? "" : check(path);
  };
}

}  // namespace

void DeclareTlsSettings(SettingsSchema& schema) {
  schema
      .Path(kCertFile,
            "PEM certificate chain the gRPC server presents; with --tls-key-file it serves TLS "
            "instead of plaintext.")
      .Default("")
      .Validate(UnlessEmpty(CheckCertificateFile));
  schema.Path(kKeyFile, "PEM private key (unencrypted) of the --tls-cert-file certificate.")
      .Default("")
      .Validate(UnlessEmpty(CheckPrivateKeyFile));
  schema
      .Path(kClientCaFile,
            "PEM CA certificates; when set, callers must present a client certificate signed by "
            "one of them (mutual TLS). Needs --tls-cert-file.")
      .Default("")
      .Validate(UnlessEmpty(CheckCertificateFile));
  schema.Check([](const Settings& settings) -> std::string {
    const std::string certificate = settings.GetPath(kCertFile);
    const std::string key = settings.GetPath(kKeyFile);
    if (certificate.empty() != key.empty()) {
      return "--tls-cert-file and --tls-key-file must be given together";
    }
    if (certificate.empty() && !settings.GetPath(kClientCaFile).empty()) {
      return "--tls-client-ca-file needs --tls-cert-file and --tls-key-file (client certificates "
             "are only asked for over TLS)";
    }
    if (certificate.empty()) return "";
    std::string mismatch = CheckKeyMatchesCertificate(certificate, key);
    return mismatch.empty() ? "" : "--tls-key-file: " + mismatch;
  });
}

TlsSettings TlsSettings::FromSettings(const Settings& settings) {
  TlsSettings tls;
  tls.cert_file = settings.GetPath(kCertFile);
  tls.key_file = settings.GetPath(kKeyFile);
  tls.client_ca_file = settings.GetPath(kClientCaFile);
  return tls;
}

}  // namespace jindu::runtime
