#include "jinductl/connection.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "jinductl/credentials.h"
#include "jinductl/exit_codes.h"

namespace jindu::jinductl {
namespace {

std::string Environment(const char* name) {
  const char* value = std::getenv(name);
  return value == nullptr ? "" : value;
}

struct ServiceDefaults {
  Service service;
  const char* flag;
  const char* environment;
  int port;
};

constexpr ServiceDefaults kServices[] = {
    {Service::kRegistration, "registration-addr", "JINDU_REGISTRATION_ADDR", 50061},
    {Service::kCasework, "casework-addr", "JINDU_CASEWORK_ADDR", 50062},
    {Service::kPublicity, "publicity-addr", "JINDU_PUBLICITY_ADDR", 50063},
    {Service::kReporting, "reporting-addr", "JINDU_REPORTING_ADDR", 50064},
};

}  // namespace

const char* ServiceName(Service service) {
  switch (service) {
    case Service::kRegistration:
      return "registration";
    case Service::kCasework:
      return "casework";
    case Service::kPublicity:
      return "publicity";
    case Service::kReporting:
      return "reporting";
  }
  return "unknown";
}

std::chrono::milliseconds ParseDuration(const std::string& flag, const std::string& text) {
  size_t consumed = 0;
  long long value = 0;
  try {
    value = std::stoll(text, &consumed);
  } catch (const std::exception&) {
    consumed = 0;
  }
  const std::string unit = text.substr(consumed);
  long long factor = 0;
  if (unit.empty() || unit == "s") factor = 1000;
  if (unit == "ms") factor = 1;
  if (unit == "m") factor = 60000;
  if (consumed == 0 || factor == 0 || value <= 0) {
    throw UsageError("--" + flag + " " + text +
                     ": expected a positive duration such as 30, 30s, 500ms or 2m");
  }
  return std::chrono::milliseconds(value * factor);
}

ConnectionSettings ResolveConnectionSettings(const std::map<std::string, std::string>& flags,
                                             const std::string& config_directory) {
  auto flag = [&](const std::string& name) {
    auto it = flags.find(name);
    return it == flags.end() ? std::string() : it->second;
  };
  ConnectionSettings settings;
  std::string server = flag("server");
  if (server.empty()) server = Environment("JINDU_SERVER");
  if (server.empty()) server = "127.0.0.1";
  for (const ServiceDefaults& defaults : kServices) {
    std::string address = flag(defaults.flag);
    if (address.empty()) address = Environment(defaults.environment);
    if (address.empty()) address = server + ":" + std::to_string(defaults.port);
    settings.addresses[defaults.service] = address;
  }
  if (std::string token = flag("token"); !token.empty()) {
    settings.token = token;
  } else if (std::string env_token = Environment("JINDU_TOKEN"); !env_token.empty()) {
    settings.token = env_token;
  } else {
    settings.token = LoadToken(config_directory);
  }
  auto setting = [&](const std::string& name, const char* environment) {
    std::string value = flag(name);
    return value.empty() ? Environment(environment) : value;
  };
  TlsSettings& tls = settings.tls;
  tls.ca_file = setting("tls-ca-file", "JINDUCTL_TLS_CA_FILE");
  tls.cert_file = setting("tls-cert-file", "JINDUCTL_TLS_CERT_FILE");
  tls.key_file = setting("tls-key-file", "JINDUCTL_TLS_KEY_FILE");
  tls.server_name = setting("tls-server-name", "JINDUCTL_TLS_SERVER_NAME");
  tls.enabled = flags.contains("tls") || Environment("JINDUCTL_TLS") == "1" ||
                !tls.ca_file.empty() || !tls.cert_file.empty();
  if (tls.cert_file.empty() != tls.key_file.empty()) {
    throw UsageError(
        "--tls-cert-file and --tls-key-file go together (a client certificate needs "
        "its key)");
  }
  if (std::string timeout = flag("timeout"); !timeout.empty()) {
    settings.timeout = ParseDuration("timeout", timeout);
  }
  return settings;
}

namespace {

std::string ReadPem(const std::string& flag, const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw UsageError("--" + flag + " " + path + ": cannot read the file");
  std::stringstream content;
  content << in.rdbuf();
  return content.str();
}

}  // namespace

std::shared_ptr<grpc::ChannelCredentials> Connection::Credentials() {
  if (credentials_ != nullptr) return credentials_;
  const TlsSettings& tls = settings_.tls;
  if (!tls.enabled) {
    credentials_ = grpc::InsecureChannelCredentials();
    return credentials_;
  }
  grpc::SslCredentialsOptions options;
  if (!tls.ca_file.empty()) options.pem_root_certs = ReadPem("tls-ca-file", tls.ca_file);
  if (!tls.cert_file.empty()) {
    options.pem_cert_chain = ReadPem("tls-cert-file", tls.cert_file);
    options.pem_private_key = ReadPem("tls-key-file", tls.key_file);
  }
  credentials_ = grpc::SslCredentials(options);
  return credentials_;
}

std::shared_ptr<grpc::Channel> Connection::Channel(Service service) {
  auto& channel = channels_[service];
  if (channel == nullptr) {
    grpc::ChannelArguments arguments;
    if (!settings_.tls.server_name.empty()) {
      arguments.SetSslTargetNameOverride(settings_.tls.server_name);
    }
    channel = grpc::CreateCustomChannel(Address(service), Credentials(), arguments);
  }
  return channel;
}

void Connection::Prepare(grpc::ClientContext* context, const std::string& token) const {
  context->set_deadline(std::chrono::system_clock::now() + settings_.timeout);
  context->AddMetadata("authorization", "Bearer " + token);
}

const std::string& Connection::RequireToken() const {
  if (!settings_.token.has_value()) {
    throw CommandFailure(kExitDenied,
                         "no token: pass --token, set JINDU_TOKEN, or run `jinductl login --token "
                         "JWT` once");
  }
  return *settings_.token;
}

}  // namespace jindu::jinductl
