// Authentication under attack, against the four real services: every method of every service they
// host (enumerated from the compiled-in service descriptors) is called with an empty request and
// each of ten bad credentials (none, expired, not yet valid, wrong issuer, wrong audience, a
// stranger's signature, `alg: none`, HS256 keyed with the service's public key PEM, malformed
// base64, an unknown kid) and must answer UNAUTHENTICATED. That none of them reached a handler is
// shown three ways:
//   - the services' own grpc_server_handled_total: for each method the attack moved exactly the
//     UNAUTHENTICATED sample, by the number of attempts, and no other code;
//   - a control pass with a valid token and the same empty request gets some other answer from
//     every method (validation, role or scope: the handler's), so the refusals were not the
//     handlers' own;
//   - a complete, valid CreateOrganization and CreateVolunteer sent with every bad credential
//     create nothing (registration's tables and outbox unchanged); the same requests with a valid
//     token do create.

#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/impl/client_unary_call.h>
#include <grpcpp/impl/rpc_method.h>
#include <grpcpp/support/byte_buffer.h>

#include <map>
#include <nlohmann/json.hpp>

#include "dev_token/key_pair.h"
#include "dev_token/signing_key.h"
#include "dev_token/token_minter.h"
#include "every_service_method.h"
#include "reliability_support.h"

namespace jindu::testing::reliability {
namespace {

using namespace std::chrono_literals;
namespace reg = registration::v1;

struct Credential {
  std::string kind;
  std::string authorization;  // the whole metadata value; empty: none sent
};

std::string Base64Url(const std::string& bytes) {
  static const char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const uint32_t n = static_cast<uint8_t>(bytes[i]) << 16 |
                       static_cast<uint8_t>(bytes[i + 1]) << 8 | static_cast<uint8_t>(bytes[i + 2]);
    for (int shift = 18; shift >= 0; shift -= 6) out += kAlphabet[n >> shift & 63];
  }
  if (i + 1 == bytes.size()) {
    const uint32_t n = static_cast<uint8_t>(bytes[i]) << 16;
    out += kAlphabet[n >> 18 & 63];
    out += kAlphabet[n >> 12 & 63];
  } else if (i + 2 == bytes.size()) {
    const uint32_t n = static_cast<uint8_t>(bytes[i]) << 16 | static_cast<uint8_t>(bytes[i + 1])
                                                                  << 8;
    out += kAlphabet[n >> 18 & 63];
    out += kAlphabet[n >> 12 & 63];
    out += kAlphabet[n >> 6 & 63];
  }
  return out;
}

// The ten bad credentials for `service`, each otherwise a perfectly good province_admin token.
std::vector<Credential> BadCredentials(const ServiceProcess& service) {
  const auto trusted = dev_token::SigningKey::FromPrivateKeyPem(service.private_key_pem());
  const auto stranger = dev_token::SigningKey::FromPrivateKeyPem(
      dev_token::GenerateKeyPair(runtime::JwsAlgorithm::kEs256).private_pem);
  const auto confused = dev_token::SigningKey::FromHs256Secret(service.public_key_pem());
  const auto now = std::chrono::system_clock::now();
  auto request = [](const std::string& issuer, const std::string& audience) {
    return dev_token::DevTokenRequest{.subject = "attacker",
                                      .roles = {"province_admin"},
                                      .regions = {"430000"},
                                      .issuer = issuer,
                                      .audience = audience};
  };
  const auto good = request(ServiceProcess::Issuer(), ServiceProcess::Audience());
  auto bearer = [](const std::string& token) { return "Bearer " + token; };

  // alg none: a valid header and claims, no signature.
  const nlohmann::json none_header = {{"alg", "none"}, {"typ", "JWT"}};
  const std::string unsigned_token = Base64Url(none_header.dump()) + "." +
                                     Base64Url(dev_token::DevTokenClaims(good, now).dump()) + ".";
  // Malformed base64: a valid token whose payload segment carries characters outside base64url.
  std::string malformed = dev_token::MintDevToken(good, trusted, now);
  malformed.insert(malformed.find('.') + 5, "*!$~");
  auto unknown_kid = good;
  unknown_kid.kid = "rotated-away-2019";

  return {
      {"no token", ""},
      {"expired", bearer(dev_token::MintDevToken(good, trusted, now - 2h))},
      {"not yet valid", bearer(dev_token::MintDevToken(good, trusted, now + 2h))},
      {"wrong issuer",
       bearer(dev_token::MintDevToken(
           request("https://idp.attacker.example", ServiceProcess::Audience()), trusted, now))},
      {"wrong audience", bearer(dev_token::MintDevToken(
                             request(ServiceProcess::Issuer(), "someone-else"), trusted, now))},
      {"bad signature", bearer(dev_token::MintDevToken(good, stranger, now))},
      {"alg none", bearer(unsigned_token)},
      {"HS256 keyed with the public key", bearer(dev_token::MintDevToken(good, confused, now))},
      {"malformed base64", bearer(malformed)},
      {"unknown kid", bearer(dev_token::MintDevToken(unknown_kid, stranger, now))},
  };
}

// One call of `path` with an empty request as raw bytes, whatever its shape (a streaming method
// receives one empty message, then the end of the stream).
grpc::Status CallEmpty(const std::shared_ptr<grpc::Channel>& channel, const std::string& path,
                       const std::string& authorization) {
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + 20s);
  if (!authorization.empty()) context.AddMetadata("authorization", authorization);
  grpc::ByteBuffer request;
  grpc::Slice empty("");
  request = grpc::ByteBuffer(&empty, 1);
  grpc::ByteBuffer response;
  return grpc::internal::BlockingUnaryCall<grpc::ByteBuffer, grpc::ByteBuffer>(
      channel.get(), grpc::internal::RpcMethod(path.c_str(), grpc::internal::RpcMethod::NORMAL_RPC),
      &context, request, &response);
}

// Samples of grpc_server_handled_total for one method, by code.
std::map<std::string, double> HandledByCode(const std::string& exposition,
                                            const std::string& service, const std::string& method) {
  std::map<std::string, double> counts;
  std::istringstream lines(exposition);
  const std::string service_label = "grpc_service=\"" + service + "\"";
  const std::string method_label = "grpc_method=\"" + method + "\"";
  for (std::string line; std::getline(lines, line);) {
    if (!line.starts_with("grpc_server_handled_total{")) continue;
    if (line.find(service_label) == std::string::npos) continue;
    if (line.find(method_label) == std::string::npos) continue;
    const size_t code_at = line.find("grpc_code=\"");
    if (code_at == std::string::npos) continue;
    const size_t code_end = line.find('"', code_at + 11);
    counts[line.substr(code_at + 11, code_end - code_at - 11)] +=
        std::strtod(line.c_str() + line.rfind(' ') + 1, nullptr);
  }
  return counts;
}

reg::CreateOrganizationRequest ValidOrganization() {
  reg::CreateOrganizationRequest request;
  request.set_request_id(TestUuid(10, 1));
  request.mutable_organization()->set_display_name("认证攻击长沙市协会");
  request.mutable_organization()->set_kind(reg::ORGANIZATION_KIND_ASSOCIATION);
  request.mutable_organization()->set_region_code("430100");
  *request.mutable_organization()->mutable_founding_date() = ProtoDay(2019, 6, 26);
  return request;
}

reg::CreateVolunteerRequest ValidVolunteer() {
  reg::CreateVolunteerRequest request;
  request.set_request_id(TestUuid(10, 2));
  request.mutable_volunteer()->set_display_name("欧阳认证");
  request.mutable_volunteer()->set_national_id_number("430102198503151009");
  request.mutable_volunteer()->set_phone("+8613987659999");
  request.mutable_volunteer()->set_residence_region_code("430102");
  return request;
}

TEST(AuthenticationTest, EveryBadCredentialIsRefusedBeforeAnyHandler) {
  const auto started = std::chrono::steady_clock::now();
  std::unique_ptr<ReportingSuite> suite = ReportingSuite::Start("reliability_auth", "", "430104");
  std::vector<Target> targets = EveryServiceOf(*suite);

  int64_t methods = 0, attempts = 0, unauthenticated = 0, handled_elsewhere = 0;
  int64_t control_reached = 0;
  int64_t counted_unauthenticated = 0;  // methods whose metric shows every refusal
  std::map<std::string, int64_t> methods_by_service;
  for (Target& target : targets) {
    const std::vector<Credential> credentials = BadCredentials(*target.process);
    const std::string before = ScrapeMetrics(target.process->metrics_port());
    std::vector<std::pair<std::string, std::string>> called;  // service, method
    for (const google::protobuf::ServiceDescriptor* service : target.services) {
      ASSERT_NE(service, nullptr) << target.name;
      const std::string service_name = service->full_name();
      ASSERT_GT(service->method_count(), 0) << service_name;
      for (int m = 0; m < service->method_count(); ++m) {
        const std::string method = service->method(m)->name();
        const std::string path = "/" + service_name + "/" + method;
        ++methods;
        ++methods_by_service[target.name];
        called.emplace_back(service_name, method);
        for (const Credential& credential : credentials) {
          const grpc::Status status =
              CallEmpty(target.process->Channel(), path, credential.authorization);
          ++attempts;
          if (status.error_code() == grpc::StatusCode::UNAUTHENTICATED) {
            ++unauthenticated;
          } else {
            ADD_FAILURE() << path << " with " << credential.kind << ": " << status.error_code()
                          << " " << status.error_message();
          }
        }
      }
    }
    // The services' own count: each method's attempts all ended UNAUTHENTICATED, nothing else.
    const std::string after = ScrapeMetrics(target.process->metrics_port());
    for (const auto& [service, method] : called) {
      const auto was = HandledByCode(before, service, method);
      for (const auto& [code, count] : HandledByCode(after, service, method)) {
        const double delta = count - (was.contains(code) ? was.at(code) : 0.0);
        if (code == "UNAUTHENTICATED") {
          EXPECT_EQ(delta, static_cast<double>(credentials.size())) << service << "/" << method;
          if (delta == static_cast<double>(credentials.size())) ++counted_unauthenticated;
        } else {
          EXPECT_EQ(delta, 0) << service << "/" << method << " " << code;
          handled_elsewhere += static_cast<int64_t>(delta);
        }
      }
    }
    // Control: a valid token with the same empty request reaches the handler, which answers
    // something else (its validation, role or scope check).
    const std::string valid = "Bearer " + target.process->Token(kRegistrar);
    for (const auto& [service, method] : called) {
      const grpc::Status status =
          CallEmpty(target.process->Channel(), "/" + service + "/" + method, valid);
      if (status.error_code() != grpc::StatusCode::UNAUTHENTICATED) {
        ++control_reached;
      } else {
        ADD_FAILURE() << service << "/" << method
                      << " refused a valid token: " << status.error_message();
      }
    }
  }

  // Complete, valid writes with every bad credential create nothing.
  const std::string registration_db = suite->registration().postgres_url();
  const auto rows = [&] {
    return Scalar(registration_db, "SELECT count(*) FROM registration.organizations") +
           Scalar(registration_db, "SELECT count(*) FROM registration.volunteers") +
           Scalar(registration_db, "SELECT count(*) FROM registration.outbox");
  };
  const int64_t rows_before = rows();
  auto stub = reg::RegistrationService::NewStub(suite->registration().Channel());
  int64_t write_attempts = 0;
  for (const Credential& credential : BadCredentials(suite->registration())) {
    for (int which = 0; which < 2; ++which) {
      grpc::ClientContext context;
      context.set_deadline(std::chrono::system_clock::now() + 20s);
      if (!credential.authorization.empty()) {
        context.AddMetadata("authorization", credential.authorization);
      }
      grpc::Status status;
      if (which == 0) {
        reg::Organization created;
        status = stub->CreateOrganization(&context, ValidOrganization(), &created);
      } else {
        reg::Volunteer created;
        status = stub->CreateVolunteer(&context, ValidVolunteer(), &created);
      }
      ++write_attempts;
      ++attempts;
      EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAUTHENTICATED) << credential.kind;
      if (status.error_code() == grpc::StatusCode::UNAUTHENTICATED) ++unauthenticated;
    }
  }
  const int64_t rows_after_attack = rows();
  EXPECT_EQ(rows_after_attack, rows_before);
  {
    reg::Organization organization;
    auto context = suite->registration().Context(kRegistrar);
    const grpc::Status status =
        stub->CreateOrganization(context.get(), ValidOrganization(), &organization);
    EXPECT_TRUE(status.ok()) << status.error_message();
    reg::Volunteer volunteer;
    auto volunteer_context = suite->registration().Context(kRegistrar);
    const grpc::Status volunteer_status =
        stub->CreateVolunteer(volunteer_context.get(), ValidVolunteer(), &volunteer);
    EXPECT_TRUE(volunteer_status.ok()) << volunteer_status.error_message();
  }
  EXPECT_GT(rows(), rows_after_attack) << "the control writes created nothing: the check is void";

  EXPECT_EQ(unauthenticated, attempts);
  EXPECT_EQ(control_reached, methods);
  EXPECT_EQ(counted_unauthenticated, methods);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::string by_service;
  for (const auto& [name, count] : methods_by_service) {
    by_service += (by_service.empty() ? "" : ",") + ("\"" + name + "\":" + std::to_string(count));
  }
  WriteFigures(
      "authentication",
      "{\"scenario\":\"authentication\",\"methods\":" + std::to_string(methods) +
          ",\"methods_by_service\":{" + by_service + "}" +
          ",\"credential_kinds\":10,\"attempts\":" + std::to_string(attempts) +
          ",\"unauthenticated\":" + std::to_string(unauthenticated) +
          ",\"methods_metric_confirmed\":" + std::to_string(counted_unauthenticated) +
          ",\"reached_handler\":" + std::to_string(handled_elsewhere) +
          ",\"valid_writes_attempted\":" + std::to_string(write_attempts) +
          ",\"rows_created_by_attack\":" + std::to_string(rows_after_attack - rows_before) +
          ",\"control_calls_reaching_handler\":" + std::to_string(control_reached) +
          ",\"seconds\":" + std::to_string(seconds) + "}");
}

}  // namespace
}  // namespace jindu::testing::reliability
