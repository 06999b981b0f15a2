// A complete jindu service built only from the shared runtime, for black-box tests of RunService:
// RecordItem validates its input, checks the caller's region, and writes an item with its event in
// one transaction; the relay publishes the event; the service's own "effects" projection consumes
// it. Settings come from flags and JINDU_* environment like any service (--help lists them).

#include <memory>

#include "jindu/testing/v1/probe.grpc.pb.h"
#include "runtime/auth/gbt2260_hierarchy.h"
#include "runtime/auth/region_authorization.h"
#include "runtime/grpc/handle_call.h"
#include "runtime/service/service_main.h"
#include "support/probe_domain.h"

namespace {

using namespace jindu;
using testing::v1::RecordItemRequest;
using testing::v1::RecordItemResponse;

constexpr const char* kServiceName = "probe";

bool IsItemId(const std::string& id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  }
  return true;
}

class ProbeServiceImpl final : public testing::v1::ProbeService::Service {
 public:
  explicit ProbeServiceImpl(const runtime::ServiceResources& resources) : resources_(resources) {}

  grpc::Status RecordItem(grpc::ServerContext* context, const RecordItemRequest* request,
                          RecordItemResponse* response) override {
    return runtime::HandleCall(
        context, resources_.call_policy, [&](const runtime::CallContext& call) -> grpc::Status {
          if (!IsItemId(request->item_id())) {
            return {grpc::StatusCode::INVALID_ARGUMENT,
                    "item_id: must be 1 to 64 characters of a-z, 0-9 and '-'"};
          }
          grpc::Status allowed =
              runtime::AuthorizeRegion(call.principal(), request->region_code(), regions_);
          if (!allowed.ok()) return allowed;
          auto connection = resources_.database.Acquire();
          pqxx::work tx(*connection);
          auto event =
              testing::RecordProbeChange(tx, resources_.schema, kServiceName, request->item_id(),
                                         request->value(), request->region_code());
          tx.commit();
          response->set_event_id(event.event_id());
          response->set_version(event.aggregate_version());
          return grpc::Status::OK;
        });
  }

 private:
  const runtime::ServiceResources& resources_;
  runtime::GbT2260Hierarchy regions_;
};

}  // namespace

int main(int argc, char** argv) {
  // The projection's handler outlives RunService's threads: it lives for the whole process.
  static std::unique_ptr<testing::ProbeProjection> projection;
  return runtime::RunService(
      {.name = kServiceName,
       .summary = "Test service exercising the whole shared runtime.",
       .migrations = {testing::ProbeDomainMigrations()},
       .aggregate_types = {testing::kProbeAggregateType},
       .services =
           [](const runtime::ServiceResources& resources) {
             std::vector<std::unique_ptr<grpc::Service>> services;
             services.push_back(std::make_unique<ProbeServiceImpl>(resources));
             return services;
           },
       .projections =
           [](const runtime::ServiceResources& resources) {
             projection = std::make_unique<testing::ProbeProjection>(resources.schema);
             return std::vector<runtime::ProjectionDefinition>{
                 {.name = "effects",
                  .topics = {testing::ProbeTopic(kServiceName)},
                  .handler = [](pqxx::work& tx, const events::v1::EventEnvelope& event) {
                    projection->Apply(tx, event);
                  }}};
           }},
      argc, argv);
}
