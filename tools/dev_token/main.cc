// jindu-dev-token: command line issuer of development JWTs. See README.md in this folder.

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "dev_token/key_pair.h"
#include "dev_token/signing_key.h"
#include "dev_token/token_minter.h"
#include "runtime/auth/region_code.h"

namespace {

using jindu::dev_token::DevTokenRequest;
using jindu::dev_token::SigningKey;
using jindu::runtime::JwsAlgorithm;

constexpr char kUsage[] = R"(usage:
  jindu-dev-token --key <private.pem> [--alg RS256|ES256] --iss <issuer> --aud <audience>
                  --sub <subject> [--roles a,b] [--regions 430102,430103] [--ttl 3600s] [--kid <id>]
  jindu-dev-token --hs256-secret <secret> | --hs256-secret-file <path>   (instead of --key)
  jindu-dev-token --generate-keys <dir> --alg RS256|ES256

Prints a signed JWT on stdout. --ttl takes seconds with an optional unit: 90, 90s, 15m, 2h, 1d.
--generate-keys writes <dir>/private.pem (mode 0600) and <dir>/public.pem and never overwrites.
Development only: the province's identity provider issues the real tokens.
)";

struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

std::vector<std::string> SplitList(const std::string& text) {
  std::vector<std::string> items;
  std::stringstream stream(text);
  std::string item;
  while (std::getline(stream, item, ',')) {
    if (!item.empty()) items.push_back(item);
  }
  return items;
}

std::chrono::seconds ParseTtl(const std::string& text) {
  size_t consumed = 0;
  long long value = 0;
  try {
    value = std::stoll(text, &consumed);
  } catch (const std::exception&) {
    throw UsageError("--ttl " + text + ": expected a number with an optional unit s, m, h or d");
  }
  std::string unit = text.substr(consumed);
  static const std::map<std::string, long long> kUnits = {
      {"", 1}, {"s", 1}, {"m", 60}, {"h", 3600}, {"d", 86400}};
  auto it = kUnits.find(unit);
  if (it == kUnits.end() || value <= 0) {
    throw UsageError("--ttl " + text +
                     ": expected a positive number with an optional unit s, m, h or d");
  }
  return std::chrono::seconds(value * it->second);
}

JwsAlgorithm ParseAlgorithm(const std::string& text) {
  if (text == "RS256") return JwsAlgorithm::kRs256;
  if (text == "ES256") return JwsAlgorithm::kEs256;
  throw UsageError("--alg " + text + ": expected RS256 or ES256");
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path + ": " + std::strerror(errno));
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// Creates path with the given mode, failing if it exists: a development key is never silently
// replaced, and a private key is never readable by others even for a moment.
void WriteNewFile(const std::filesystem::path& path, const std::string& content, mode_t mode) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
  if (fd < 0)
    throw std::runtime_error("cannot create " + path.string() + ": " + std::strerror(errno));
  size_t written = 0;
  while (written < content.size()) {
    ssize_t n = ::write(fd, content.data() + written, content.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      int error = errno;
      ::close(fd);
      throw std::runtime_error("cannot write " + path.string() + ": " + std::strerror(error));
    }
    written += static_cast<size_t>(n);
  }
  if (::close(fd) != 0)
    throw std::runtime_error("cannot write " + path.string() + ": " + std::strerror(errno));
}

int GenerateKeys(const std::string& directory, const std::string& alg) {
  if (alg.empty()) throw UsageError("--generate-keys needs --alg RS256 or ES256");
  auto pair = jindu::dev_token::GenerateKeyPair(ParseAlgorithm(alg));
  std::filesystem::create_directories(directory);
  std::filesystem::path dir(directory);
  WriteNewFile(dir / "private.pem", pair.private_pem, 0600);
  WriteNewFile(dir / "public.pem", pair.public_pem, 0644);
  std::cout << "wrote " << (dir / "private.pem").string() << " and "
            << (dir / "public.pem").string() << " (" << alg << ")\n";
  return 0;
}

int Run(int argc, char** argv) {
  std::map<std::string, std::string> flags;
  for (int i = 1; i < argc; ++i) {
    std::string name = argv[i];
    if (name == "--help" || name == "-h") {
      std::cout << kUsage;
      return 0;
    }
    static const std::vector<std::string> kKnown = {
        "--key", "--alg",   "--hs256-secret", "--hs256-secret-file",
        "--sub", "--roles", "--regions",      "--iss",
        "--aud", "--ttl",   "--kid",          "--generate-keys"};
    if (std::find(kKnown.begin(), kKnown.end(), name) == kKnown.end()) {
      throw UsageError("unknown flag " + name);
    }
    if (i + 1 >= argc) throw UsageError(name + " needs a value");
    flags[name.substr(2)] = argv[++i];
  }
  auto flag = [&](const std::string& name) {
    auto it = flags.find(name);
    return it == flags.end() ? std::string() : it->second;
  };

  if (flags.count("generate-keys")) return GenerateKeys(flag("generate-keys"), flag("alg"));

  int key_sources = static_cast<int>(flags.count("key") + flags.count("hs256-secret") +
                                     flags.count("hs256-secret-file"));
  if (key_sources != 1) {
    throw UsageError("give exactly one of --key, --hs256-secret, --hs256-secret-file");
  }
  std::optional<SigningKey> key;
  if (flags.count("key")) {
    key.emplace(SigningKey::FromPrivateKeyPem(ReadFile(flag("key"))));
    if (flags.count("alg") && ParseAlgorithm(flag("alg")) != key->algorithm()) {
      throw UsageError("--alg " + flag("alg") + " does not match the key, which signs " +
                       std::string(jindu::runtime::JwsAlgorithmName(key->algorithm())));
    }
  } else {
    std::string secret =
        flags.count("hs256-secret") ? flag("hs256-secret") : ReadFile(flag("hs256-secret-file"));
    key.emplace(SigningKey::FromHs256Secret(secret));
  }

  DevTokenRequest request;
  request.subject = flag("sub");
  request.issuer = flag("iss");
  request.audience = flag("aud");
  if (request.subject.empty() || request.issuer.empty() || request.audience.empty()) {
    throw UsageError("--sub, --iss and --aud are required");
  }
  request.roles = SplitList(flag("roles"));
  request.regions = SplitList(flag("regions"));
  for (const auto& region : request.regions) {
    if (!jindu::runtime::IsWellFormedRegionCode(region)) {
      throw UsageError("--regions: " + region + " is not a 6, 9 or 12 digit region code");
    }
  }
  if (flags.count("ttl")) request.ttl = ParseTtl(flag("ttl"));
  request.kid = flag("kid");
  std::cout << jindu::dev_token::MintDevToken(request, *key) << "\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return Run(argc, argv);
  } catch (const UsageError& e) {
    std::cerr << "jindu-dev-token: " << e.what() << "\n\n" << kUsage;
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "jindu-dev-token: " << e.what() << "\n";
    return 1;
  }
}
