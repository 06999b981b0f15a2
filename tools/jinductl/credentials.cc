#include "jinductl/credentials.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "jinductl/errors.h"
#include "jinductl/exit_codes.h"
#include "runtime/auth/base64url.h"

namespace jindu::jinductl {
namespace {

std::string Trimmed(std::string text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
  size_t start = 0;
  while (start < text.size() && std::isspace(static_cast<unsigned char>(text[start]))) ++start;
  return text.substr(start);
}

}  // namespace

std::string ConfigDirectory(const std::string& flag_value) {
  if (!flag_value.empty()) return flag_value;
  if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg != nullptr && *xdg != '\0') {
    return std::string(xdg) + "/jindu";
  }
  const char* home = std::getenv("HOME");
  if (home == nullptr || *home == '\0') {
    throw CommandFailure(kExitFailure,
                         "neither $XDG_CONFIG_HOME nor $HOME is set; use --config-dir");
  }
  return std::string(home) + "/.config/jindu";
}

std::string CredentialsPath(const std::string& config_directory) {
  return config_directory + "/credentials";
}

void SaveToken(const std::string& config_directory, const std::string& token) {
  std::error_code error;
  std::filesystem::create_directories(config_directory, error);
  if (error) {
    throw CommandFailure(kExitFailure,
                         "cannot create " + config_directory + ": " + error.message());
  }
  ::chmod(config_directory.c_str(), 0700);
  const std::string path = CredentialsPath(config_directory);
  // Written to a new file created 0600 and renamed over the old one, so the token is never
  // readable by others, not even for a moment.
  const std::string temporary = path + ".tmp";
  ::unlink(temporary.c_str());
  int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    throw CommandFailure(kExitFailure, "cannot write " + temporary + ": " + std::strerror(errno));
  const std::string content = token + "\n";
  bool written =
      ::write(fd, content.data(), content.size()) == static_cast<ssize_t>(content.size());
  written = ::fchmod(fd, 0600) == 0 && written;
  written = ::close(fd) == 0 && written;
  if (!written || ::rename(temporary.c_str(), path.c_str()) != 0) {
    ::unlink(temporary.c_str());
    throw CommandFailure(kExitFailure, "cannot write " + path + ": " + std::strerror(errno));
  }
}

std::optional<std::string> LoadToken(const std::string& config_directory) {
  std::ifstream in(CredentialsPath(config_directory));
  if (!in) return std::nullopt;
  std::stringstream content;
  content << in.rdbuf();
  std::string token = Trimmed(content.str());
  if (token.empty()) return std::nullopt;
  return token;
}

bool DeleteToken(const std::string& config_directory) {
  return ::unlink(CredentialsPath(config_directory).c_str()) == 0;
}

TokenClaims DecodeToken(const std::string& token) {
  const size_t first = token.find('.');
  const size_t second = first == std::string::npos ? first : token.find('.', first + 1);
  std::string payload;
  if (second == std::string::npos ||
      !runtime::Base64UrlDecode(std::string_view(token).substr(first + 1, second - first - 1),
                                &payload)) {
    throw CommandFailure(kExitDenied, "the token is not a JWT (header.payload.signature)");
  }
  nlohmann::json claims = nlohmann::json::parse(payload, nullptr, false);
  if (!claims.is_object()) throw CommandFailure(kExitDenied, "the token's payload is not JSON");
  TokenClaims result;
  if (claims.contains("sub") && claims["sub"].is_string()) result.subject = claims["sub"];
  if (claims.contains("iss") && claims["iss"].is_string()) result.issuer = claims["iss"];
  for (const char* key : {"roles", "regions"}) {
    if (!claims.contains(key) || !claims[key].is_array()) continue;
    for (const auto& item : claims[key]) {
      if (!item.is_string()) continue;
      (std::string(key) == "roles" ? result.roles : result.regions).push_back(item);
    }
  }
  if (claims.contains("exp") && claims["exp"].is_number()) {
    result.expires =
        std::chrono::system_clock::time_point(std::chrono::seconds(claims["exp"].get<long long>()));
  }
  return result;
}

}  // namespace jindu::jinductl
