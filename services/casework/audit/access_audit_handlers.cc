#include "casework/audit/access_audit_handlers.h"

#include <algorithm>

#include "casework/access/casework_roles.h"
#include "casework/audit/access_audit_csv.h"
#include "casework/audit/access_audit_presentation.h"
#include "casework/audit/access_audit_verification.h"
#include "runtime/api/paging.h"
#include "runtime/logging/logger.h"

namespace jindu::casework {
namespace {

constexpr size_t kMaxExportChunkBytes = 1 << 20;  // the contract's limit per message
constexpr int kExportBatchRows = 1000;

// A log field left out when empty (the logger drops null values).
nlohmann::json Optional(const std::string& value) {
  return value.empty() ? nlohmann::json() : nlohmann::json(value);
}

void LogRead(const runtime::CallerAccess& caller, const char* method,
             const CheckedAccessAuditFilter& filter, int64_t entries) {
  const AccessAuditQuery& query = filter.query;
  runtime::LogInfo("access audit log read",
                   {{"caller_subject", caller.subject()},
                    {"rpc", method},
                    {"filter_person_pseudonym", Optional(query.person_pseudonym)},
                    {"filter_resource", Optional(query.resource)},
                    {"filter_subject", Optional(query.subject)},
                    {"filter_period", Optional(filter.period_text)},
                    {"filter_within_region_code", Optional(filter.within_region_code)},
                    {"filter_denied_only", query.denied_only},
                    {"entries", entries}});
}

// Sends CSV text in messages of at most kMaxExportChunkBytes, cut between rows where a row fits.
class ChunkedExportWriter {
 public:
  explicit ChunkedExportWriter(grpc::ServerWriter<v1::ExportAccessAuditEntriesResponse>* writer)
      : writer_(writer) {}

  // False once the client is gone.
  bool Append(const std::string& text) {
    if (buffer_.size() + text.size() > kMaxExportChunkBytes && !Flush()) return false;
    buffer_ += text;
    while (buffer_.size() > kMaxExportChunkBytes) {  // only a single row larger than a chunk
      if (!Send(buffer_.substr(0, kMaxExportChunkBytes))) return false;
      buffer_.erase(0, kMaxExportChunkBytes);
    }
    return true;
  }
  bool Flush() {
    if (buffer_.empty()) return true;
    std::string bytes;
    bytes.swap(buffer_);
    return Send(std::move(bytes));
  }

 private:
  bool Send(std::string bytes) {
    v1::ExportAccessAuditEntriesResponse message;
    message.set_data(std::move(bytes));
    return writer_->Write(message);
  }

  grpc::ServerWriter<v1::ExportAccessAuditEntriesResponse>* writer_;
  std::string buffer_;
};

}  // namespace

AccessAuditHandlers::AccessAuditHandlers(CaseworkContext& context)
    : context_(context), store_(context.schema()) {}

std::string AccessAuditHandlers::ProvinceRoot() const {
  bool more = false;
  const std::vector<runtime::RegionEntry> provinces = context_.regions.List(
      "", 1,
      [](const runtime::RegionEntry& entry) {
        return entry.level == common::v1::REGION_LEVEL_PROVINCE && entry.parent.empty();
      },
      &more);
  return provinces.empty() ? std::string() : provinces.front().code;
}

grpc::Status AccessAuditHandlers::ResolveScope(const runtime::CallerAccess& caller,
                                               const std::string& within_region,
                                               Scope* scope) const {
  if (auto status = caller.ListScope("filter.within_region_code", within_region, &scope->regions,
                                     &scope->all);
      !status.ok()) {
    return status;
  }
  const std::string province = ProvinceRoot();
  scope->unplaced =
      scope->all || (!province.empty() && std::find(scope->regions.begin(), scope->regions.end(),
                                                    province) != scope->regions.end());
  return grpc::Status::OK;
}

std::string AccessAuditHandlers::ScopeCondition(pqxx::transaction_base& tx, const Scope& scope) {
  const std::string inside =
      runtime::RegionPathCondition(tx, "region_path", scope.regions, scope.all);
  return scope.unplaced ? "(" + inside + " OR region_path = '')" : inside;
}

grpc::Status AccessAuditHandlers::List(const runtime::CallContext& call,
                                       const v1::ListAccessAuditEntriesRequest& request,
                                       v1::ListAccessAuditEntriesResponse* response) {
  runtime::CallerAccess caller(call.principal(), context_.regions);
  if (auto status = caller.RequireRole("ListAccessAuditEntries", kAuditors); !status.ok()) {
    return status;
  }
  runtime::FieldViolations violations;
  CheckedAccessAuditFilter filter =
      CheckAccessAuditFilter(request.filter(), context_.regions, &violations);
  runtime::PageRequest page;
  if (auto status = runtime::ReadPageRequest(request, &page); !status.ok()) return status;
  if (!violations.empty()) return violations.ToStatus();
  Scope scope;
  if (auto status = ResolveScope(caller, filter.within_region_code, &scope); !status.ok()) {
    return status;
  }
  int64_t after = 0;
  if (!page.cursor.empty() && (!runtime::CursorToInt(page.cursor, &after) || after < 0)) {
    return runtime::InvalidPageTokenError();
  }
  auto connection = context_.resources.database.Acquire();
  pqxx::read_transaction tx(*connection);
  filter.query.region_condition = ScopeCondition(tx, scope);
  std::vector<StoredAccessAuditEntry> entries =
      store_.List(tx, filter.query, after, page.page_size + 1);
  const bool more = static_cast<int>(entries.size()) > page.page_size;
  if (more) entries.resize(page.page_size);
  for (const StoredAccessAuditEntry& entry : entries) {
    *response->add_entries() = PresentAccessAuditEntry(entry);
  }
  if (more) {
    response->set_next_page_token(
        runtime::NextPageToken(request, std::to_string(entries.back().content.sequence)));
  }
  LogRead(caller, "ListAccessAuditEntries", filter, static_cast<int64_t>(entries.size()));
  return grpc::Status::OK;
}

grpc::Status AccessAuditHandlers::Export(
    const runtime::CallContext& call, const v1::ExportAccessAuditEntriesRequest& request,
    grpc::ServerWriter<v1::ExportAccessAuditEntriesResponse>* writer) {
  runtime::CallerAccess caller(call.principal(), context_.regions);
  if (auto status = caller.RequireRole("ExportAccessAuditEntries", kAuditors); !status.ok()) {
    return status;
  }
  runtime::FieldViolations violations;
  CheckedAccessAuditFilter filter =
      CheckAccessAuditFilter(request.filter(), context_.regions, &violations);
  if (!violations.empty()) return violations.ToStatus();
  Scope scope;
  if (auto status = ResolveScope(caller, filter.within_region_code, &scope); !status.ok()) {
    return status;
  }
  auto connection = context_.resources.database.Acquire();
  // One snapshot for the whole file, read a batch of rows at a time.
  AccessAuditSnapshot tx(*connection);
  filter.query.region_condition = ScopeCondition(tx, scope);
  ChunkedExportWriter out(writer);
  int64_t exported = 0;
  bool delivered = out.Append(AccessAuditCsvHeader());
  for (int64_t after = 0; delivered;) {
    const std::vector<StoredAccessAuditEntry> entries =
        store_.List(tx, filter.query, after, kExportBatchRows);
    for (const StoredAccessAuditEntry& entry : entries) {
      if (!(delivered = out.Append(AccessAuditCsvRow(entry.content)))) break;
      ++exported;
    }
    if (static_cast<int>(entries.size()) < kExportBatchRows) break;
    after = entries.back().content.sequence;
  }
  delivered = delivered && out.Flush();
  LogRead(caller, "ExportAccessAuditEntries", filter, exported);
  if (!delivered) {
    return grpc::Status(grpc::StatusCode::CANCELLED, "the client stopped reading the export");
  }
  return grpc::Status::OK;
}

grpc::Status AccessAuditHandlers::Verify(const runtime::CallContext& call,
                                         const v1::VerifyAccessAuditLogRequest& request,
                                         v1::VerifyAccessAuditLogResponse* response) {
  runtime::CallerAccess caller(call.principal(), context_.regions);
  if (auto status = caller.RequireRole("VerifyAccessAuditLog", kAuditors); !status.ok()) {
    return status;
  }
  runtime::FieldViolations violations;
  if (request.from_sequence() < 0) {
    violations.Add("from_sequence", common::v1::FIELD_OUT_OF_RANGE,
                   "must be 0 (the first entry) or positive");
  }
  if (request.to_sequence() < 0) {
    violations.Add("to_sequence", common::v1::FIELD_OUT_OF_RANGE,
                   "must be 0 (the latest entry) or positive");
  }
  if (request.from_sequence() > 0 && request.to_sequence() > 0 &&
      request.from_sequence() > request.to_sequence()) {
    violations.Add("to_sequence", common::v1::END_BEFORE_START, "must not be before from_sequence");
  }
  if (!violations.empty()) return violations.ToStatus();
  // Each entry's hash covers its predecessor's, whatever the region: the chain is checked whole,
  // so only by an auditor whose scope holds every region.
  const std::string province = ProvinceRoot();
  if (province.empty() || !caller.Covers(province)) {
    return runtime::PermissionDeniedError(
        common::v1::REGION_OUT_OF_SCOPE,
        "VerifyAccessAuditLog: the chain spans every region; verifying it needs an auditor of "
        "the province");
  }
  auto connection = context_.resources.database.Acquire();
  AccessAuditSnapshot tx(*connection);
  const AccessAuditHead head = store_.Head(tx);
  const int64_t first = request.from_sequence() == 0 ? 1 : request.from_sequence();
  const int64_t last = request.to_sequence() == 0
                           ? head.sequence
                           : std::min<int64_t>(request.to_sequence(), head.sequence);
  if (request.from_sequence() > head.sequence) {
    return runtime::InvalidFieldError(
        "from_sequence", common::v1::FIELD_OUT_OF_RANGE,
        "after the latest entry (" + std::to_string(head.sequence) + ")");
  }
  const AccessAuditVerdict verdict = VerifyAccessAuditChain(tx, store_, head, first, last);
  response->set_intact(!verdict.broken.has_value());
  response->set_entries_checked(verdict.entries_checked);
  if (verdict.broken.has_value()) {
    response->set_first_broken_sequence(verdict.broken->sequence);
    response->set_problem(verdict.broken->problem);
  }
  runtime::Log(
      verdict.broken.has_value() ? runtime::LogLevel::kWarn : runtime::LogLevel::kInfo,
      verdict.broken.has_value() ? "access audit chain broken" : "access audit chain intact",
      {{"caller_subject", caller.subject()},
       {"rpc", "VerifyAccessAuditLog"},
       {"from_sequence", first},
       {"to_sequence", last},
       {"entries_checked", verdict.entries_checked},
       {"first_broken_sequence",
        verdict.broken ? nlohmann::json(verdict.broken->sequence) : nlohmann::json()},
       {"problem", verdict.broken ? nlohmann::json(verdict.broken->problem) : nlohmann::json()}});
  return grpc::Status::OK;
}

}  // namespace jindu::casework
