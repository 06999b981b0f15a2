#include "reporting/assessments/rubric_handlers.h"

#include <algorithm>
#include <set>

#include "reporting/access/report_scope.h"
#include "reporting/assessments/assessment_figures.h"
#include "reporting/assessments/assessment_roles.h"
#include "reporting/assessments/rubric_events.h"
#include "reporting/assessments/rubric_validation.h"
#include "reporting/assessments/scoring_rules.h"
#include "reporting/filings/filing_period.h"
#include "reporting/freshness/freshness_store.h"
#include "runtime/access/caller_access.h"
#include "runtime/api/paging.h"
#include "runtime/api/request_log.h"
#include "runtime/ids/resource_ids.h"
#include "runtime/postgres/row_conversions.h"

namespace jindu::reporting {
namespace {

constexpr char kRubricType[] = "jindu.reporting.v1.AssessmentRubric";
constexpr char kRubricPrefix[] = "assessmentRubrics/";

using ReadSnapshot =
    pqxx::transaction<pqxx::isolation_level::repeatable_read, pqxx::readwrite_policy::read_only>;

int64_t NowMicros() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// The rubric id a name holds, or INVALID_ARGUMENT naming `field`.
grpc::Status RubricIdOf(const std::string& field, const std::string& name, std::string* id) {
  if (name.empty()) {
    return runtime::InvalidFieldError(field, common::v1::FIELD_REQUIRED,
                                      "name the rubric, e.g. assessmentRubrics/abc");
  }
  *id = runtime::ResourceIdFromName(name, kRubricPrefix);
  if (id->empty()) {
    return runtime::InvalidFieldError(field, common::v1::FIELD_MALFORMED,
                                      "expected assessmentRubrics/{assessment_rubric}");
  }
  return grpc::Status::OK;
}

// The latest revision when the caller may see it; NOT_FOUND (missing or out of scope) otherwise.
grpc::Status LoadVisible(pqxx::transaction_base& tx, const RubricStore& rubrics,
                         const runtime::CallerAccess& caller, const std::string& id,
                         const std::string& name, bool for_update, StoredRubric* stored) {
  auto found = rubrics.Find(tx, id, 0, for_update);
  if (!found.has_value() || !caller.Covers(found->rubric.region_code())) {
    return runtime::NotFoundError(kRubricType, name);
  }
  *stored = std::move(*found);
  return grpc::Status::OK;
}

bool GranularityMatches(common::v1::PeriodGranularity granularity,
                        const common::v1::Period& period) {
  switch (granularity) {
    case common::v1::PERIOD_GRANULARITY_MONTH:
      return period.has_month();
    case common::v1::PERIOD_GRANULARITY_QUARTER:
      return period.has_quarter();
    case common::v1::PERIOD_GRANULARITY_YEAR:
      return period.kind_case() == common::v1::Period::kYear;
    default:
      return false;
  }
}

}  // namespace

RubricHandlers::RubricHandlers(ReportingContext& context)
    : context_(context),
      rubrics_(context.schema()),
      outbox_(context.schema(), context.resources.settings.service_name) {}

grpc::Status RubricHandlers::Create(const runtime::CallContext& call,
                                    const v1::CreateAssessmentRubricRequest& request,
                                    v1::AssessmentRubric* response) {
  runtime::CallerAccess caller(call.principal(), context_.regions);
  if (auto status = caller.RequireRole("CreateAssessmentRubric", kRubricWriters); !status.ok()) {
    return status;
  }
  if (!request.has_assessment_rubric()) {
    return runtime::InvalidFieldError("assessment_rubric", common::v1::FIELD_REQUIRED,
                                      "the rubric to create");
  }
  const v1::AssessmentRubric& input = request.assessment_rubric();
  runtime::FieldViolations violations;
  CheckNewRubric(input, context_.regions, &violations);
  if (!violations.empty()) return violations.ToStatus();
  if (auto status = caller.RequireNamedRegion("assessment_rubric.region_code", input.region_code());
      !status.ok()) {
    return status;
  }
  auto connection = context_.resources.database.Acquire();
  pqxx::work tx(*connection);
  runtime::RequestLog log(tx, context_.schema(), "CreateAssessmentRubric", request.request_id(),
                          request, caller.subject());
  if (!log.status().ok()) return log.status();
  if (const auto& earlier = log.Earlier(); earlier.has_value()) {
    // A repeat: the rubric the first call created, as it is now.
    auto stored = rubrics_.Find(tx, runtime::ResourceIdFromName(*earlier, kRubricPrefix), 0);
    if (!stored.has_value()) return runtime::NotFoundError(kRubricType, *earlier);
    *response = stored->rubric;
    return grpc::Status::OK;
  }
  const std::string id = runtime::NewResourceId();
  const int64_t now = NowMicros();
  v1::AssessmentRubric rubric;
  rubric.set_name(kRubricPrefix + id);
  rubric.set_display_name(input.display_name());
  *rubric.mutable_organization_kinds() = input.organization_kinds();
  rubric.set_region_code(input.region_code());
  rubric.set_granularity(input.granularity());
  *rubric.mutable_criteria() = input.criteria();
  rubric.set_revision(1);
  common::v1::AuditMetadata* audit = rubric.mutable_audit();
  *audit->mutable_create_time() = runtime::TimestampFromMicros(now);
  *audit->mutable_update_time() = runtime::TimestampFromMicros(now);
  audit->set_create_subject(caller.subject());
  audit->set_update_subject(caller.subject());
  audit->set_etag("1");
  rubrics_.Insert(tx, id, rubric, context_.regions.EnclosingPath(rubric.region_code()), now);
  AppendRubricRevised(outbox_, tx, id, rubric);
  log.Record(rubric.name());
  tx.commit();
  *response = std::move(rubric);
  return grpc::Status::OK;
}

grpc::Status RubricHandlers::Get(const runtime::CallContext& call,
                                 const v1::GetAssessmentRubricRequest& request,
                                 v1::AssessmentRubric* response) {
  runtime::CallerAccess caller(call.principal(), context_.regions);
  if (auto status = caller.RequireRole("GetAssessmentRubric", kRubricReaders); !status.ok()) {
    return status;
  }
  std::string id;
  if (auto status = RubricIdOf("name", request.name(), &id); !status.ok()) return status;
  if (request.revision() < 0) {
    return runtime::InvalidFieldError("revision", common::v1::FIELD_OUT_OF_RANGE,
                                      "0 for the latest, or a revision from 1");
  }
  auto connection = context_.resources.database.Acquire();
  pqxx::read_transaction tx(*connection);
  StoredRubric latest;
  if (auto status = LoadVisible(tx, rubrics_, caller, id, request.name(), false, &latest);
      !status.ok()) {
    return status;
  }
  if (request.revision() == 0 || request.revision() == latest.rubric.revision()) {
    *response = std::move(latest.rubric);
    return grpc::Status::OK;
  }
  auto past = rubrics_.Find(tx, id, request.revision());
  if (!past.has_value()) {
    return runtime::NotFoundError(kRubricType,
                                  request.name() + "@" + std::to_string(request.revision()));
  }
  *response = std::move(past->rubric);
  return grpc::Status::OK;
}

grpc::Status RubricHandlers::List(const runtime::CallContext& call,
                                  const v1::ListAssessmentRubricsRequest& request,
                                  v1::ListAssessmentRubricsResponse* response) {
  runtime::CallerAccess caller(call.principal(), context_.regions);
  if (auto status = caller.RequireRole("ListAssessmentRubrics", kRubricReaders); !status.ok()) {
    return status;
  }
  const std::string& within = request.within_region_code();
  runtime::FieldViolations violations;
  runtime::CheckRegionFilter(violations, context_.regions, "within_region_code", within);
  if (!violations.empty()) return violations.ToStatus();
  runtime::PageRequest page;
  if (auto status = runtime::ReadPageRequest(request, &page); !status.ok()) return status;
  std::optional<std::pair<int64_t, std::string>> after;
  if (!page.cursor.empty()) {
    std::vector<std::string> parts;
    int64_t micros = 0;
    if (!runtime::SplitCursor(page.cursor, 2, &parts) || !runtime::CursorToInt(parts[0], &micros)) {
      return runtime::InvalidPageTokenError();
    }
    after = std::make_pair(micros, parts[1]);
  }
  std::vector<std::string> regions;
  bool all = false;
  if (auto status = caller.ListScope("within_region_code", within, &regions, &all); !status.ok()) {
    return status;
  }
  auto connection = context_.resources.database.Acquire();
  pqxx::read_transaction tx(*connection);
  std::vector<StoredRubric> rows = rubrics_.ListLatest(
      tx, runtime::RegionPathCondition(tx, "region_path", regions, all), after, page.page_size);
  const bool more = static_cast<int>(rows.size()) > page.page_size;
  if (more) rows.resize(static_cast<size_t>(page.page_size));
  for (StoredRubric& row : rows) *response->add_assessment_rubrics() = std::move(row.rubric);
  if (more && !rows.empty()) {
    const std::string id =
        runtime::ResourceIdFromName(response->assessment_rubrics().rbegin()->name(), kRubricPrefix);
    const std::string micros = std::to_string(rows.back().first_create_micros);
    response->set_next_page_token(
        runtime::NextPageToken(request, runtime::JoinCursor({micros, id})));
  }
  return grpc::Status::OK;
}

grpc::Status RubricHandlers::Update(const runtime::CallContext& call,
                                    const v1::UpdateAssessmentRubricRequest& request,
                                    v1::AssessmentRubric* response) {
  runtime::CallerAccess caller(call.principal(), context_.regions);
  if (auto status = caller.RequireRole("UpdateAssessmentRubric", kRubricWriters); !status.ok()) {
    return status;
  }
  const v1::AssessmentRubric& input = request.assessment_rubric();
  std::string id;
  if (auto status = RubricIdOf("assessment_rubric.name", input.name(), &id); !status.ok()) {
    return status;
  }
  runtime::FieldViolations violations;
  std::set<std::string> paths;
  if (request.update_mask().paths_size() == 0) {
    violations.Add("update_mask", common::v1::FIELD_REQUIRED,
                   "name the paths to change: display_name, organization_kinds, criteria");
  }
  for (int i = 0; i < request.update_mask().paths_size(); ++i) {
    const std::string& path = request.update_mask().paths(i);
    const std::string field = "update_mask.paths[" + std::to_string(i) + "]";
    if (path == "display_name") {
      CheckRubricDisplayName("assessment_rubric.display_name", input.display_name(), &violations);
    } else if (path == "organization_kinds") {
      CheckOrganizationKinds("assessment_rubric.organization_kinds", input, &violations);
    } else if (path == "criteria") {
      CheckCriteria("assessment_rubric.criteria", input, &violations);
    } else if (path == "region_code" || path == "granularity" || path == "name") {
      violations.Add(field, common::v1::FIELD_IMMUTABLE, "cannot change after creation");
      continue;
    } else {
      violations.Add(field, common::v1::UNKNOWN_FIELD_PATH,
                     "mutable paths: display_name, organization_kinds, criteria");
      continue;
    }
    if (!paths.insert(path).second) {
      violations.Add(field, common::v1::DUPLICATE_IN_REQUEST, "path listed twice");
    }
  }
  if (!violations.empty()) return violations.ToStatus();
  auto connection = context_.resources.database.Acquire();
  pqxx::work tx(*connection);
  StoredRubric stored;
  if (auto status = LoadVisible(tx, rubrics_, caller, id, input.name(), true, &stored);
      !status.ok()) {
    return status;
  }
  if (!request.etag().empty() && request.etag() != stored.rubric.audit().etag()) {
    return runtime::EtagMismatchError(input.name());
  }
  v1::AssessmentRubric rubric = stored.rubric;
  if (paths.contains("display_name")) rubric.set_display_name(input.display_name());
  if (paths.contains("organization_kinds")) {
    *rubric.mutable_organization_kinds() = input.organization_kinds();
  }
  if (paths.contains("criteria")) *rubric.mutable_criteria() = input.criteria();
  // Every update is a new revision, even when the values equal the old ones: the etag moves.
  rubric.set_revision(stored.rubric.revision() + 1);
  *rubric.mutable_audit()->mutable_update_time() = runtime::TimestampFromMicros(NowMicros());
  rubric.mutable_audit()->set_update_subject(caller.subject());
  rubric.mutable_audit()->set_etag(std::to_string(rubric.revision()));
  rubrics_.Insert(tx, id, rubric, context_.regions.EnclosingPath(rubric.region_code()),
                  stored.first_create_micros);
  AppendRubricRevised(outbox_, tx, id, rubric);
  tx.commit();
  *response = std::move(rubric);
  return grpc::Status::OK;
}

grpc::Status RubricHandlers::ComputeScores(const runtime::CallContext& call,
                                           const v1::ComputeAssessmentScoresRequest& request,
                                           v1::ComputeAssessmentScoresResponse* response) {
  runtime::CallerAccess caller(call.principal(), context_.regions);
  if (auto status = caller.RequireRole("ComputeAssessmentScores", kRubricReaders); !status.ok()) {
    return status;
  }
  std::string id;
  if (auto status = RubricIdOf("assessment_rubric", request.assessment_rubric(), &id);
      !status.ok()) {
    return status;
  }
  if (request.revision() < 0) {
    return runtime::InvalidFieldError("revision", common::v1::FIELD_OUT_OF_RANGE,
                                      "0 for the latest, or a revision from 1");
  }
  auto connection = context_.resources.database.Acquire();
  // One snapshot: the rubric, every figure and the freshness agree with each other.
  ReadSnapshot tx(*connection);
  StoredRubric stored;
  if (auto status =
          LoadVisible(tx, rubrics_, caller, id, request.assessment_rubric(), false, &stored);
      !status.ok()) {
    return status;
  }
  if (request.revision() > 0 && request.revision() != stored.rubric.revision()) {
    auto past = rubrics_.Find(tx, id, request.revision());
    if (!past.has_value()) {
      return runtime::NotFoundError(
          kRubricType, request.assessment_rubric() + "@" + std::to_string(request.revision()));
    }
    stored = std::move(*past);
  }
  const v1::AssessmentRubric& rubric = stored.rubric;
  const std::string& within = request.within_region_code();
  if (!within.empty()) {
    if (!context_.regions.Knows(within)) {
      return runtime::InvalidFieldError("within_region_code", common::v1::REFERENCE_NOT_FOUND,
                                        "not a known region code");
    }
    if (!context_.regions.Contains(rubric.region_code(), within)) {
      return runtime::InvalidFieldError("within_region_code", common::v1::VALUE_NOT_ALLOWED,
                                        "not inside the rubric's region");
    }
  }
  if (request.has_period() && !GranularityMatches(rubric.granularity(), request.period())) {
    return runtime::InvalidFieldError("period", common::v1::VALUE_NOT_ALLOWED,
                                      "a period of the rubric's granularity");
  }
  // The check every figure request starts with: role, region in scope, period dates.
  ReportScope scope;
  if (auto status = CheckReportRequest(context_, call, "ComputeAssessmentScores",
                                       within.empty() ? rubric.region_code() : within,
                                       request.has_period(), request.period(), &scope);
      !status.ok()) {
    return status;
  }
  std::vector<int> kinds(rubric.organization_kinds().begin(), rubric.organization_kinds().end());
  const std::vector<AssessedOrganization> organizations =
      OrganizationsAssessed(tx, context_.schema(), kinds, scope.region_code, scope.dates);
  const FilingRules filing_rules{
      .regions = &context_.regions,
      .deadline_days =
          static_cast<int>(context_.resources.all_settings.GetInt(kFilingDeadlineDaysSetting)),
      .now = std::chrono::system_clock::now()};
  std::vector<v1::AssessmentScore> scores(organizations.size());
  for (size_t i = 0; i < organizations.size(); ++i) {
    scores[i].set_organization("organizations/" + organizations[i].id);
    scores[i].set_organization_display_name(organizations[i].display_name);
    scores[i].set_region_code(organizations[i].region_code);
  }
  if (!organizations.empty()) {
    for (const v1::AssessmentCriterion& criterion : rubric.criteria()) {
      const std::map<std::string, int64_t> figures = MetricFigures(
          tx, context_.schema(), criterion.metric(), organizations, scope.dates, filing_rules);
      for (size_t i = 0; i < organizations.size(); ++i) {
        auto it = figures.find(organizations[i].id);
        const int64_t figure = it == figures.end() ? 0 : it->second;
        v1::CriterionScore* score = scores[i].add_criteria();
        score->set_criterion_id(criterion.criterion_id());
        score->set_figure(figure);
        score->set_centipoints(CriterionCentipoints(criterion, figure));
        scores[i].set_total_centipoints(scores[i].total_centipoints() + score->centipoints());
      }
    }
  }
  // Best first; equal totals keep organisation id order, so the answer is stable.
  std::stable_sort(scores.begin(), scores.end(), [](const auto& a, const auto& b) {
    return a.total_centipoints() > b.total_centipoints();
  });
  std::vector<int64_t> totals;
  for (const auto& score : scores) totals.push_back(score.total_centipoints());
  const std::vector<int32_t> ranks = CompetitionRanks(totals);
  for (size_t i = 0; i < scores.size(); ++i) {
    scores[i].set_rank(ranks[i]);
    *response->add_scores() = std::move(scores[i]);
  }
  response->set_revision(rubric.revision());
  *response->mutable_freshness() = ReadFreshness(tx, context_.schema());
  return grpc::Status::OK;
}

}  // namespace jindu::reporting
