// jindu-audit-verify: has the casework service recompute the hash chain of its access audit log
// and says whether it is intact, for auditors and scheduled checks.
//
//   jindu-audit-verify --target 127.0.0.1:50062 [--from SEQUENCE] [--to SEQUENCE]
//                      [--at-least ENTRIES]
//
// The chain proves that no entry was changed, inserted or removed from the middle. Removing the
// newest entries together with the chain's head leaves a shorter chain that is still intact, so a
// scheduled check passes --at-least with the count it printed last time (kept outside the
// database): fewer entries now means the log was cut.
//
// The bearer token (an auditor of the province) comes from $JINDU_TOKEN (never a flag: flags show
// in `ps`). Exit codes: 0 intact, 1 broken (the first broken sequence and what broke are printed),
// 2 usage, 3 the call failed (unreachable, refused, or any other error).
#include <grpcpp/grpcpp.h>

#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <map>
#include <string>

#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "jindu/casework/v1/access_audit_service.grpc.pb.h"

namespace {

constexpr int kIntact = 0;
constexpr int kBroken = 1;
constexpr int kUsage = 2;
constexpr int kFailed = 3;

int Usage(const std::string& problem) {
  std::cerr << "jindu-audit-verify: " << problem << "\n"
            << "usage: jindu-audit-verify --target HOST:PORT [--from SEQUENCE] [--to SEQUENCE]\n"
               "                          [--at-least ENTRIES] [--timeout SECONDS]\n"
               "Checks the whole log unless --from/--to narrow it; --at-least fails when fewer\n"
               "entries are checked than an earlier run printed (a cut tail). The bearer token\n"
               "is read from $JINDU_TOKEN. Exit codes: 0 intact, 1 broken, 2 usage, 3 the call\n"
               "failed.\n";
  return kUsage;
}

bool ParseNonNegative(const std::string& text, int64_t* value) {
  const char* end = text.data() + text.size();
  auto [stop, error] = std::from_chars(text.data(), end, *value);
  return error == std::errc() && stop == end && !text.empty() && *value >= 0;
}

int Failed(const grpc::Status& status) {
  std::cerr << "verification failed: " << status.error_message() << " (code "
            << static_cast<int>(status.error_code()) << ")\n";
  google::rpc::Status details;
  if (details.ParseFromString(status.error_details())) {
    for (const auto& detail : details.details()) {
      google::rpc::ErrorInfo info;
      if (detail.Is<google::rpc::ErrorInfo>() && detail.UnpackTo(&info)) {
        std::cerr << "  reason: " << info.reason() << "\n";
      }
      google::rpc::BadRequest bad_request;
      if (detail.Is<google::rpc::BadRequest>() && detail.UnpackTo(&bad_request)) {
        for (const auto& violation : bad_request.field_violations()) {
          std::cerr << "  " << violation.field() << ": " << violation.description() << "\n";
        }
      }
    }
  }
  return kFailed;
}

}  // namespace

int main(int argc, char** argv) {
  std::map<std::string, std::string> flags;
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    if (flag == "--help" || flag == "-h") {
      Usage("verifies the access audit log's hash chain");
      return 0;
    }
    if ((flag == "--target" || flag == "--from" || flag == "--to" || flag == "--timeout" ||
         flag == "--at-least") &&
        i + 1 < argc) {
      flags[flag] = argv[++i];
    } else {
      return Usage("unknown or incomplete flag " + flag);
    }
  }
  if (!flags.contains("--target")) return Usage("--target is required");
  int64_t from = 0, to = 0, timeout_seconds = 600, at_least = 0;
  if (flags.contains("--at-least") && !ParseNonNegative(flags["--at-least"], &at_least)) {
    return Usage("--at-least must be a number of entries (0 or more)");
  }
  if (flags.contains("--from") && !ParseNonNegative(flags["--from"], &from)) {
    return Usage("--from must be a sequence number (0 or more)");
  }
  if (flags.contains("--to") && !ParseNonNegative(flags["--to"], &to)) {
    return Usage("--to must be a sequence number (0 or more)");
  }
  if (flags.contains("--timeout") &&
      (!ParseNonNegative(flags["--timeout"], &timeout_seconds) || timeout_seconds == 0)) {
    return Usage("--timeout must be a positive number of seconds");
  }
  const char* token = std::getenv("JINDU_TOKEN");
  if (token == nullptr || *token == '\0') return Usage("set JINDU_TOKEN to a bearer token");

  auto stub = jindu::casework::v1::AccessAuditService::NewStub(
      grpc::CreateChannel(flags["--target"], grpc::InsecureChannelCredentials()));
  grpc::ClientContext context;
  // A long log takes a while to recompute; the service bounds the call by its own maximum too.
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(timeout_seconds));
  context.AddMetadata("authorization", std::string("Bearer ") + token);
  jindu::casework::v1::VerifyAccessAuditLogRequest request;
  request.set_from_sequence(from);
  request.set_to_sequence(to);
  jindu::casework::v1::VerifyAccessAuditLogResponse response;
  const grpc::Status status = stub->VerifyAccessAuditLog(&context, request, &response);
  if (!status.ok()) return Failed(status);
  std::printf("entries checked: %lld\n", static_cast<long long>(response.entries_checked()));
  if (response.intact() && response.entries_checked() < at_least) {
    std::printf("broken: %lld entries, fewer than the %lld recorded before: the log was cut\n",
                static_cast<long long>(response.entries_checked()),
                static_cast<long long>(at_least));
    return kBroken;
  }
  if (response.intact()) {
    std::printf("intact\n");
    return kIntact;
  }
  std::printf("broken at sequence %lld: %s\n",
              static_cast<long long>(response.first_broken_sequence()), response.problem().c_str());
  return kBroken;
}
