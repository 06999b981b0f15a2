#include "runtime/api/request_log.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <openssl/sha.h>

#include "runtime/api/api_error.h"

namespace jindu::runtime {
namespace {

bool IsUuid(const std::string& text) {
  if (text.size() != 36) return false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (c != '-') return false;
    } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
      return false;
    }
  }
  return true;
}

std::string Digest(const google::protobuf::Message& request, const std::string& caller_subject) {
  std::string bytes = caller_subject;
  bytes += '\0';
  {
    google::protobuf::io::StringOutputStream stream(&bytes);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    request.SerializeToCodedStream(&coded);
  }
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), digest);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned char byte : digest) {
    hex += kHex[byte >> 4];
    hex += kHex[byte & 15];
  }
  return hex;
}

}  // namespace

MigrationTrack RequestLogMigrations() {
  return {"api", {{1, "create_request_log", R"sql(
CREATE TABLE request_log (
  method text NOT NULL,
  request_id uuid NOT NULL,
  request_digest text NOT NULL,
  outcome text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (method, request_id)
);
CREATE INDEX request_log_created_at ON request_log (created_at);
)sql"}}};
}

RequestLog::RequestLog(pqxx::work& tx, const std::string& schema, std::string method,
                       const std::string& request_id, const google::protobuf::Message& request,
                       const std::string& caller_subject)
    : tx_(tx), schema_(schema), method_(std::move(method)) {
  if (request_id.empty()) return;
  if (!IsUuid(request_id)) {
    status_ = InvalidFieldError("request_id", common::v1::FIELD_MALFORMED,
                                "must be a UUID such as 123e4567-e89b-12d3-a456-426614174000");
    return;
  }
  request_id_ = request_id;
  digest_ = Digest(request, caller_subject);
  // Serialises concurrent copies of this request until the first commits or rolls back.
  tx_.exec_params("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))",
                  method_ + "/" + request_id_);
  pqxx::result found =
      tx_.exec_params("SELECT request_digest, outcome FROM " + tx_.quote_name(schema_) +
                          ".request_log WHERE method = $1 AND request_id = $2",
                      method_, request_id_);
  if (found.empty()) return;
  if (found[0][0].as<std::string>() != digest_) {
    status_ = ApiError(grpc::StatusCode::ALREADY_EXISTS, common::v1::DUPLICATE_REQUEST_ID_CONFLICT,
                       "request_id was already used for a different request; use a new id",
                       {{"request_id", request_id_}});
    return;
  }
  earlier_ = found[0][1].as<std::string>();
}

int PurgeRequestLog(pqxx::connection& connection, const std::string& schema,
                    std::chrono::hours keep) {
  pqxx::work tx(connection);
  const auto purged = tx.exec_params("DELETE FROM " + tx.quote_name(schema) +
                                         ".request_log WHERE created_at < now() - "
                                         "make_interval(hours => $1)",
                                     static_cast<int>(keep.count()))
                          .affected_rows();
  tx.commit();
  return static_cast<int>(purged);
}

void RequestLog::Record(const std::string& outcome) {
  if (request_id_.empty()) return;
  tx_.exec_params("INSERT INTO " + tx_.quote_name(schema_) +
                      ".request_log (method, request_id, request_digest, outcome) "
                      "VALUES ($1, $2, $3, $4)",
                  method_, request_id_, digest_, outcome);
}

}  // namespace jindu::runtime
