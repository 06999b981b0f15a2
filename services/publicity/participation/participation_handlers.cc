#include "publicity/participation/participation_handlers.h"

#include "publicity/access/publicity_roles.h"
#include "publicity/campaigns/campaign_record.h"
#include "runtime/api/paging.h"
#include "runtime/api/request_checks.h"
#include "runtime/postgres/row_conversions.h"

namespace jindu::publicity {
namespace {

constexpr int kMaxBatchEntries = 10'000;
constexpr int kMaxStreamMessageEntries = 1000;
// The stream's answer lists the first rejected entries only.
constexpr size_t kMaxStreamRejections = 1000;

grpc::Status CheckEntryCount(int size, int max) {
  if (size == 0) {
    return runtime::InvalidFieldError("entries", common::v1::FIELD_REQUIRED,
                                      "send 1.." + std::to_string(max) + " entries");
  }
  if (size > max) {
    return runtime::ApiError(
        grpc::StatusCode::INVALID_ARGUMENT, common::v1::BATCH_TOO_LARGE,
        "entries: at most " + std::to_string(max) + " per message, got " + std::to_string(size));
  }
  return grpc::Status::OK;
}

void AddCounts(const v1::IngestCounts& from, v1::IngestCounts* to) {
  to->set_received(to->received() + from.received());
  to->set_accepted(to->accepted() + from.accepted());
  to->set_duplicate_entries(to->duplicate_entries() + from.duplicate_entries());
  to->set_repeat_participants(to->repeat_participants() + from.repeat_participants());
  to->set_rejected(to->rejected() + from.rejected());
}

int IngestSlotsSetting(const PublicityContext& context) {
  return static_cast<int>(context.resources.all_settings.GetInt(kParticipationIngestSlotsSetting));
}

}  // namespace

ParticipationHandlers::ParticipationHandlers(PublicityContext& context)
    : context_(context), store_(context.schema()), ingest_(context, IngestSlotsSetting(context)) {}

grpc::Status ParticipationHandlers::IngestBatch(
    const runtime::CallContext& call, const v1::BatchIngestParticipationEntriesRequest& request,
    v1::BatchIngestParticipationEntriesResponse* response) {
  runtime::CallerAccess caller(call.principal(), context_.regions);
  if (auto status = caller.RequireRole("BatchIngestParticipationEntries", kParticipationSources);
      !status.ok()) {
    return status;
  }
  if (auto status = CheckEntryCount(request.entries_size(), kMaxBatchEntries); !status.ok()) {
    return status;
  }
  IngestResult result;
  if (auto status = ingest_.Ingest(caller, request.entries(), 0, &result); !status.ok()) {
    return status;
  }
  *response->mutable_counts() = result.counts;
  for (v1::EntryOutcome outcome : result.outcomes) response->add_outcomes(outcome);
  for (v1::RejectedEntry& rejected : result.rejected) {
    *response->add_rejected_entries() = std::move(rejected);
  }
  return grpc::Status::OK;
}

grpc::Status ParticipationHandlers::IngestStream(
    const runtime::CallContext& call,
    grpc::ServerReader<v1::StreamParticipationEntriesRequest>* reader,
    v1::StreamParticipationEntriesResponse* response) {
  runtime::CallerAccess caller(call.principal(), context_.regions);
  if (auto status = caller.RequireRole("StreamParticipationEntries", kParticipationSources);
      !status.ok()) {
    return status;
  }
  int64_t index = 0;
  v1::StreamParticipationEntriesRequest request;
  while (reader->Read(&request)) {
    // Each message is a batch committed on its own: what was committed before a bad message or
    // saturation stays committed, and the client resends (duplicates are never counted twice).
    if (auto status = CheckEntryCount(request.entries_size(), kMaxStreamMessageEntries);
        !status.ok()) {
      return status;
    }
    IngestResult result;
    if (auto status = ingest_.Ingest(caller, request.entries(), index, &result); !status.ok()) {
      return status;
    }
    index += request.entries_size();
    AddCounts(result.counts, response->mutable_counts());
    for (v1::RejectedEntry& rejected : result.rejected) {
      if (static_cast<size_t>(response->rejected_entries_size()) >= kMaxStreamRejections) break;
      *response->add_rejected_entries() = std::move(rejected);
    }
  }
  return grpc::Status::OK;
}

grpc::Status ParticipationHandlers::ListTallies(const runtime::CallContext& call,
                                                const v1::ListParticipationTalliesRequest& request,
                                                v1::ListParticipationTalliesResponse* response) {
  runtime::CallerAccess caller(call.principal(), context_.regions);
  if (auto status = caller.RequireRole("ListParticipationTallies", kReaders); !status.ok()) {
    return status;
  }
  runtime::FieldViolations violations;
  TallyListFilter filter;
  filter.campaign_id = runtime::CheckResourceName(violations, "campaign", request.campaign(),
                                                  "campaigns/", /*required=*/false);
  filter.days = runtime::CheckDateRangeFilter(violations, "date_range", request.has_date_range(),
                                              request.date_range());
  if (!v1::ParticipationKind_IsValid(request.kind())) {
    violations.Add("kind", common::v1::VALUE_NOT_ALLOWED, "unknown kind");
  }
  filter.kind = request.kind();
  runtime::CheckRegionFilter(violations, context_.regions, "within_region_code",
                             request.within_region_code());
  runtime::PageRequest page;
  if (auto status = runtime::ReadPageRequest(request, &page); !status.ok()) return status;
  if (!violations.empty()) return violations.ToStatus();
  std::vector<std::string> regions;
  bool all = false;
  if (auto status =
          caller.ListScope("within_region_code", request.within_region_code(), &regions, &all);
      !status.ok()) {
    return status;
  }
  std::optional<TallyKey> after;
  if (!page.cursor.empty()) {
    std::vector<std::string> parts;
    int64_t kind = 0;
    if (!runtime::SplitCursor(page.cursor, 4, &parts) || parts[0].empty() ||
        !runtime::ParseIsoDate(parts[1]).has_value() || parts[2].empty() ||
        !runtime::CursorToInt(parts[3], &kind)) {
      return runtime::InvalidPageTokenError();
    }
    after = TallyKey{parts[0], *runtime::ParseIsoDate(parts[1]), parts[2], static_cast<int>(kind)};
  }
  auto connection = context_.resources.database.Acquire();
  pqxx::read_transaction tx(*connection);
  filter.region_condition = runtime::RegionPathCondition(tx, "region_path", regions, all);
  auto rows = store_.ListTallies(tx, filter, after, page.page_size + 1);
  const bool more = static_cast<int>(rows.size()) > page.page_size;
  if (more) rows.resize(page.page_size);
  for (const auto& [key, counts] : rows) {
    v1::ParticipationTally* tally = response->add_tallies();
    tally->set_campaign(CampaignName(key.campaign_id));
    tally->set_region_code(key.region_code);
    *tally->mutable_date() = runtime::ToProtoDate(key.day);
    tally->set_kind(static_cast<v1::ParticipationKind>(key.kind));
    tally->set_accepted(counts.accepted);
    tally->set_repeats(counts.repeats);
    tally->set_score_sum(counts.score_sum);
    tally->set_max_score_sum(counts.max_score_sum);
  }
  if (more) {
    const TallyKey& last = rows.back().first;
    response->set_next_page_token(runtime::NextPageToken(
        request, runtime::JoinCursor({last.campaign_id, runtime::FormatIsoDate(last.day),
                                      last.region_code, std::to_string(last.kind)})));
  }
  return grpc::Status::OK;
}

}  // namespace jindu::publicity
