#pragma once
// Creates are idempotent by request id (proto/README.md): a client that lost the answer sends the
// same request again and gets the first outcome, never a second resource. The first call records,
// in the same transaction as its effect, what it answered; a repeat finds that record.
//
//   pqxx::work tx(*connection);
//   RequestLog log(tx, schema, "CreateVolunteer", request.request_id(), request, subject);
//   if (auto earlier = log.Earlier(); earlier.has_value()) { ...answer from *earlier... }
//   if (!log.status().ok()) return log.status();   // same id, different content
//   ...write...; log.Record(volunteer_name); tx.commit();
//
// The record holds what the caller needs to rebuild the answer (for a create, the new resource's
// name, re-read on a repeat), never personal data. Repeats of one id are serialised by a
// transaction-scoped advisory lock, so two racing copies cannot both create.
#include <google/protobuf/message.h>
#include <grpcpp/support/status.h>

#include <chrono>
#include <optional>
#include <pqxx/pqxx>
#include <string>

#include "runtime/postgres/migrations.h"

namespace jindu::runtime {

// The request_log table (migration track "api").
MigrationTrack RequestLogMigrations();

// Deletes records older than `keep` (the contracts promise at least 7 days). Returns how many.
int PurgeRequestLog(pqxx::connection& connection, const std::string& schema,
                    std::chrono::hours keep);

class RequestLog {
 public:
  // An empty request_id disables idempotency for this call (the id is optional in the contracts);
  // a malformed one is INVALID_ARGUMENT, reported through status().
  // `caller_subject` binds the id to its caller: the same id and content from someone else is a
  // conflict, never a replay of another caller's answer (which could name a resource they may not
  // know of).
  RequestLog(pqxx::work& tx, const std::string& schema, std::string method,
             const std::string& request_id, const google::protobuf::Message& request,
             const std::string& caller_subject);

  // Not OK when the id is malformed or was used for a request with different content.
  const grpc::Status& status() const { return status_; }
  // What the first call with this id recorded; nullopt for a new id.
  const std::optional<std::string>& Earlier() const { return earlier_; }
  // Records the outcome of this (first) call. No-op without a request id.
  void Record(const std::string& outcome);

 private:
  pqxx::work& tx_;
  const std::string& schema_;
  std::string method_;
  std::string request_id_;
  std::string digest_;
  grpc::Status status_;
  std::optional<std::string> earlier_;
};

}  // namespace jindu::runtime
