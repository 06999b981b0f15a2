// `jinductl login|logout|whoami`: the saved bearer token.
#include <ctime>
#include <nlohmann/json.hpp>

#include "jindu/registration/v1/region_service.grpc.pb.h"
#include "jinductl/commands.h"
#include "jinductl/credentials.h"
#include "jinductl/errors.h"
#include "jinductl/exit_codes.h"

namespace jindu::jinductl {
namespace {

std::string Join(const std::vector<std::string>& items) {
  std::string text;
  for (const std::string& item : items) text += (text.empty() ? "" : ", ") + item;
  return text.empty() ? "-" : text;
}

int Login(Invocation& invocation) {
  const std::string token = invocation.connection().RequireToken();
  DecodeToken(token);  // not even a JWT: refuse before calling anyone
  // Any cheap authenticated read proves the services accept the token: one region, any caller.
  auto stub = registration::v1::RegionService::NewStub(
      invocation.connection().Channel(Service::kRegistration));
  registration::v1::ListRegionsRequest request;
  request.set_page_size(1);
  registration::v1::ListRegionsResponse response;
  invocation.connection().InvokeWithToken(
      Service::kRegistration, token,
      [&](grpc::ClientContext* context) { return stub->ListRegions(context, request, &response); });
  SaveToken(invocation.config_directory(), token);
  const TokenClaims claims = DecodeToken(token);
  std::cout << "logged in as " << claims.subject << "; token saved to "
            << CredentialsPath(invocation.config_directory()) << "\n";
  return kExitOk;
}

int Logout(Invocation& invocation) {
  if (DeleteToken(invocation.config_directory())) {
    std::cout << "logged out: removed " << CredentialsPath(invocation.config_directory()) << "\n";
  } else {
    std::cout << "no saved token in " << invocation.config_directory() << "\n";
  }
  return kExitOk;
}

int Whoami(Invocation& invocation) {
  const TokenClaims claims = DecodeToken(invocation.connection().RequireToken());
  const long long expires =
      claims.expires
          ? std::chrono::duration_cast<std::chrono::seconds>(claims.expires->time_since_epoch())
                .count()
          : 0;
  const bool expired = claims.expires && *claims.expires < std::chrono::system_clock::now();
  if (invocation.json()) {
    nlohmann::json json = {{"subject", claims.subject}, {"roles", claims.roles},
                           {"regions", claims.regions}, {"issuer", claims.issuer},
                           {"expires_unix", expires},   {"expired", expired}};
    std::cout << json.dump(2) << "\n";
    return kExitOk;
  }
  Table table({"claim", "value"});
  table.AddRow({"subject", claims.subject});
  table.AddRow({"roles", Join(claims.roles)});
  table.AddRow({"regions", Join(claims.regions)});
  table.AddRow({"issuer", claims.issuer.empty() ? "-" : claims.issuer});
  table.AddRow({"expires", claims.expires
                               ? FormatTimestampSeconds(expires) + (expired ? " (expired)" : "")
                               : "never"});
  table.Print(std::cout);
  return kExitOk;
}

}  // namespace

NounSpec AuthLoginCommand() {
  return {"login",
          "check a token against the services and save it for later commands",
          {{"",
            "",
            0,
            0,
            "check the token (--token or $JINDU_TOKEN) with a read on the registration service,\n"
            "then save it (mode 0600) where later commands find it",
            {},
            Login}}};
}

NounSpec AuthLogoutCommand() {
  return {
      "logout", "forget the saved token", {{"", "", 0, 0, "remove the saved token", {}, Logout}}};
}

NounSpec AuthWhoamiCommand() {
  return {"whoami",
          "subject, roles, regions and expiry of the token in use",
          {{"",
            "",
            0,
            0,
            "decode the token in use (not verified here: the services verify it)",
            {},
            Whoami}}};
}

}  // namespace jindu::jinductl
