// jindu-demo-province: fills a running jindu suite with a realistic demo province through the
// services' public gRPC APIs, so every event flows, and prints what it sent and the dashboard
// figures that must follow (as JSON), counted on its own side without reading any database.
//
//   jindu-demo-province --jwt-key keys/private.pem --jwt-issuer ISS --jwt-audience AUD
//       [--size tiny|city|province] [--summary FILE] [--threads N] [--server HOST]
//
// The generator mints its own two development tokens (a loader and a reviewer, who must differ)
// with the suite's development key. Exit codes: 0 loaded, 1 some calls failed (counted and the
// first ones printed), 2 usage.
#include <fstream>
#include <iostream>
#include <map>

#include "demo_province/demo_loaders.h"
#include "dev_token/signing_key.h"
#include "dev_token/token_minter.h"

namespace {

using namespace jindu::demo;

constexpr int kUsage = 2;

int Usage(const std::string& problem) {
  std::cerr << "jindu-demo-province: " << problem << "\n"
            << "usage: jindu-demo-province --jwt-key PEM --jwt-issuer ISS --jwt-audience AUD\n"
               "         [--size tiny|city|province] [--summary FILE] [--threads N]\n"
               "         [--server HOST] [--registration-addr A] [--casework-addr A]\n"
               "         [--publicity-addr A]\n"
               "Sizes: tiny (2 districts, seconds), city (长沙市, default, a few minutes on 2 "
               "cores),\n"
               "province (14 cities, ~126 counties, ~25,000 villages, 100,000+ volunteers).\n";
  return kUsage;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return "";
  return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

int main(int argc, char** argv) {
  std::map<std::string, std::string> flags = {
      {"--size", "city"}, {"--threads", "6"}, {"--server", "127.0.0.1"}};
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    if (flag == "--help" || flag == "-h") {
      Usage("loads a demo province into a running suite");
      return 0;
    }
    if (flag.rfind("--", 0) != 0 || i + 1 >= argc) return Usage("unknown or incomplete " + flag);
    flags[flag] = argv[++i];
  }
  for (const std::string& flag :
       {std::string("--size"), std::string("--threads"), std::string("--server"),
        std::string("--jwt-key"), std::string("--jwt-issuer"), std::string("--jwt-audience"),
        std::string("--summary"), std::string("--registration-addr"),
        std::string("--casework-addr"), std::string("--publicity-addr")}) {
    flags.try_emplace(flag, "");
  }
  if (flags.size() != 10) return Usage("unknown flag");
  DemoSize size;
  if (!DemoSizeNamed(flags["--size"], &size)) return Usage("--size must be tiny, city or province");
  if (flags["--jwt-key"].empty() || flags["--jwt-issuer"].empty() ||
      flags["--jwt-audience"].empty()) {
    return Usage("--jwt-key, --jwt-issuer and --jwt-audience are required");
  }
  const int threads = std::atoi(flags["--threads"].c_str());
  if (threads < 1 || threads > 64) return Usage("--threads must be 1..64");

  const std::string pem = ReadFile(flags["--jwt-key"]);
  if (pem.empty()) return Usage("cannot read " + flags["--jwt-key"]);
  std::string loader_token, reviewer_token;
  try {
    const auto key = jindu::dev_token::SigningKey::FromPrivateKeyPem(pem);
    jindu::dev_token::DevTokenRequest request{
        .subject = "demo-loader",
        .roles = {"province_admin", "association_staff", "caseworker", "police_liaison",
                  "system_caller"},
        .regions = {"430000"},
        .issuer = flags["--jwt-issuer"],
        .audience = flags["--jwt-audience"],
        .ttl = std::chrono::hours(12)};
    loader_token = jindu::dev_token::MintDevToken(request, key);
    request.subject = "demo-reviewer";
    request.roles = {"province_admin"};
    reviewer_token = jindu::dev_token::MintDevToken(request, key);
  } catch (const std::exception& error) {
    return Usage(std::string("the key cannot sign: ") + error.what());
  }

  Endpoints endpoints;
  const std::string& server = flags["--server"];
  endpoints.registration = server + ":50061";
  endpoints.casework = server + ":50062";
  endpoints.publicity = server + ":50063";
  if (!flags["--registration-addr"].empty()) endpoints.registration = flags["--registration-addr"];
  if (!flags["--casework-addr"].empty()) endpoints.casework = flags["--casework-addr"];
  if (!flags["--publicity-addr"].empty()) endpoints.publicity = flags["--publicity-addr"];

  const ProvincePlan plan = PlanProvince(size);
  DemoClient client(endpoints, loader_token, reviewer_token);
  SentTally tally(plan);
  DemoContext context{plan, client, tally, jindu::runtime::TodayInShanghai(), threads};
  const auto started = std::chrono::steady_clock::now();
  std::cerr << "jindu-demo-province: loading size " << size.name << ": " << plan.regions.size()
            << " regions, " << plan.counties.size() << " counties\n";
  if (!LoadRegions(context)) {
    std::cerr << "jindu-demo-province: the region import was refused; nothing else sent\n";
    return 1;
  }
  const CountyDirectory counties = LoadRegistration(context);
  // Publicity and casework only read what registration made: load them side by side.
  std::thread publicity([&] { LoadPublicity(context, counties); });
  LoadCasework(context, counties);
  publicity.join();

  const nlohmann::json summary = tally.Summary(context.today, client.failures());
  const std::string text = summary.dump(2);
  if (!flags["--summary"].empty()) {
    std::ofstream out(flags["--summary"]);
    out << text << "\n";
  }
  std::cout << text << "\n";
  std::cerr << "jindu-demo-province: done in "
            << std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() -
                                                                started)
                   .count()
            << " s, " << client.failures() << " failed calls\n";
  return client.failures() == 0 ? 0 : 1;
}
