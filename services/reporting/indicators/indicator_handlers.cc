#include "reporting/indicators/indicator_handlers.h"

#include <set>

#include "reporting/access/report_scope.h"
#include "reporting/access/reporting_roles.h"
#include "reporting/figures/region_figures.h"
#include "reporting/filings/frozen_figures.h"
#include "reporting/freshness/freshness_store.h"
#include "reporting/indicators/indicator_catalogue.h"
#include "reporting/indicators/indicator_values.h"
#include "reporting/projections/denominator_projection.h"
#include "runtime/access/caller_access.h"
#include "runtime/api/paging.h"

namespace jindu::reporting {
namespace {

// The indicators asked for, in request order; every indicator when none.
std::vector<v1::Indicator> Wanted(const v1::ComputeIndicatorsRequest& request,
                                  runtime::FieldViolations* violations) {
  std::vector<v1::Indicator> wanted;
  std::set<int> seen;
  for (int i = 0; i < request.indicators_size(); ++i) {
    const int indicator = request.indicators(i);
    const std::string field = "indicators[" + std::to_string(i) + "]";
    if (indicator == v1::INDICATOR_UNSPECIFIED || !v1::Indicator_IsValid(indicator)) {
      violations->Add(field, common::v1::VALUE_NOT_ALLOWED, "unknown indicator");
    } else if (!seen.insert(indicator).second) {
      violations->Add(field, common::v1::DUPLICATE_IN_REQUEST, "asked twice");
    } else {
      wanted.push_back(static_cast<v1::Indicator>(indicator));
    }
  }
  if (request.indicators_size() == 0) {
    for (int i = v1::Indicator_MIN + 1; i <= v1::Indicator_MAX; ++i) {
      if (v1::Indicator_IsValid(i)) wanted.push_back(static_cast<v1::Indicator>(i));
    }
  }
  return wanted;
}

}  // namespace

grpc::Status IndicatorHandlers::Compute(const runtime::CallContext& call,
                                        const v1::ComputeIndicatorsRequest& request,
                                        v1::ComputeIndicatorsResponse* response) {
  runtime::FieldViolations violations;
  const std::vector<v1::Indicator> wanted = Wanted(request, &violations);
  if (!violations.empty()) return violations.ToStatus();
  ReportScope scope;
  if (auto status = CheckReportRequest(context_, call, "ComputeIndicators", request.region_code(),
                                       request.has_period(), request.period(), &scope);
      !status.ok()) {
    return status;
  }
  auto connection = context_.resources.database.Acquire();
  pqxx::transaction<pqxx::isolation_level::repeatable_read, pqxx::readwrite_policy::read_only> tx(
      *connection);
  *response->mutable_freshness() = ReadFreshness(tx, context_.schema());
  const int year = scope.dates.start.year;
  v1::RegionFigures figures =
      ComputeFiguresOf(tx, context_, scope.region_code, request.period(), scope.dates);
  // A county that filed exactly this month or quarter: its values come from the filed figures.
  if (auto frozen =
          FrozenFiguresOf(tx, context_.schema(), scope.region_code, request.period(), figures)) {
    response->set_frozen(true);
    figures = std::move(frozen->filing.frozen_figures);
  }
  const RegionDenominators denominators =
      DenominatorsOf(tx, context_.schema(), scope.region_code, year);
  struct Child {
    std::string code;
    v1::RegionFigures figures;
    RegionDenominators denominators;
  };
  std::vector<Child> children;
  if (request.with_components()) {
    for (const std::string& code : ChildRegions(context_, scope.region_code)) {
      children.push_back({code, ComputeFiguresOf(tx, context_, code, request.period(), scope.dates),
                          DenominatorsOf(tx, context_.schema(), code, year)});
    }
  }
  for (v1::Indicator indicator : wanted) {
    // The version in force on the period's first day names the whole answer.
    const v1::IndicatorDefinition& definition = DefinitionOn(indicator, scope.dates.start);
    v1::IndicatorValue value = IndicatorValueOf(definition, figures, denominators);
    for (const Child& child : children) {
      const v1::IndicatorValue part =
          IndicatorValueOf(definition, child.figures, child.denominators);
      v1::IndicatorComponent* component = value.add_components();
      component->set_region_code(child.code);
      component->set_numerator(part.numerator());
      component->set_denominator(part.denominator());
    }
    *response->add_values() = std::move(value);
  }
  return grpc::Status::OK;
}

grpc::Status IndicatorHandlers::ListDefinitions(const runtime::CallContext& call,
                                                const v1::ListIndicatorDefinitionsRequest& request,
                                                v1::ListIndicatorDefinitionsResponse* response) {
  runtime::CallerAccess caller(call.principal(), context_.regions);
  if (auto status = caller.RequireRole("ListIndicatorDefinitions", kReportReaders); !status.ok()) {
    return status;
  }
  if (request.indicator() != v1::INDICATOR_UNSPECIFIED &&
      !v1::Indicator_IsValid(request.indicator())) {
    return runtime::InvalidFieldError("indicator", common::v1::VALUE_NOT_ALLOWED,
                                      "unknown indicator");
  }
  runtime::PageRequest page;
  if (auto status = runtime::ReadPageRequest(request, &page); !status.ok()) return status;
  int64_t start = 0;
  if (!page.cursor.empty() && !runtime::CursorToInt(page.cursor, &start)) {
    return runtime::InvalidPageTokenError();
  }
  const auto& all = IndicatorDefinitions();
  int64_t index = 0;
  int64_t taken = 0;
  for (const auto& definition : all) {
    if (request.indicator() != v1::INDICATOR_UNSPECIFIED &&
        definition.indicator() != request.indicator()) {
      continue;
    }
    if (index++ < start) continue;
    if (taken == page.page_size) {
      response->set_next_page_token(runtime::NextPageToken(request, std::to_string(start + taken)));
      break;
    }
    *response->add_definitions() = definition;
    ++taken;
  }
  return grpc::Status::OK;
}

}  // namespace jindu::reporting
