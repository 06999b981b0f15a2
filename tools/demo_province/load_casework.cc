// Casework's part of the demo province: per county, persons under community rehabilitation or
// recovery opened by one batch of measure decisions (as the police's system sends them), most of
// them paired with an active volunteer, and a few reached contacts each over the time since their
// case opened. Names, ID numbers and phones are synthetic and valid.
#include <chrono>

#include "demo_province/demo_loaders.h"
#include "jindu/casework/v1/casework_service.grpc.pb.h"

namespace jindu::demo {
namespace {

namespace cw = casework::v1;

void LoadCounty(DemoContext& context, cw::CaseworkService::Stub& stub, const PlannedCounty& county,
                const CountyOrganizations& organizations, int county_index) {
  const int cases = context.plan.size.cases_per_county;
  cw::IngestMeasureDecisionsRequest request;
  std::vector<int> days_open;
  for (int i = 0; i < cases; ++i) {
    const int opened_days_ago = 10 + static_cast<int>(Spread(county_index, i, 700));
    days_open.push_back(opened_days_ago);
    const runtime::CivilDate start = runtime::AddDays(context.today, -opened_days_ago);
    cw::MeasureDecision* decision = request.add_decisions();
    decision->set_decision_number(county.name + "公(禁)决字[演示]第" + std::to_string(i + 1) +
                                  "号");
    decision->set_issuing_authority(county.name + "公安局");
    decision->set_measure_type(i % 3 == 0 ? cw::MEASURE_TYPE_COMMUNITY_RECOVERY
                                          : cw::MEASURE_TYPE_COMMUNITY_REHABILITATION);
    *decision->mutable_decision_date() = DateOf(runtime::AddDays(start, -5));
    *decision->mutable_start_date() = DateOf(start);
    *decision->mutable_end_date() = DateOf(runtime::AddDays(start, 3 * 365));
    decision->mutable_person()->set_full_name("演示对象" + std::to_string(i + 1));
    decision->mutable_person()->set_national_id_number(
        NationalIdNumber(county.code, {1985 + i / 1000 % 10, 6, 15}, i % 1000));
    char phone[32];
    std::snprintf(phone, sizeof phone, "+86136%04d%04d", county_index, i % 10000);
    decision->mutable_person()->set_phone(phone);
    decision->set_residence_region_code(county.code);
  }
  for (int first = 0; first < cases; first += 1000) {
    cw::IngestMeasureDecisionsRequest batch;
    for (int i = first; i < std::min(cases, first + 1000); ++i) {
      *batch.add_decisions() = request.decisions(i);
    }
    cw::IngestMeasureDecisionsResponse response;
    if (!context.client
             .Call(stub, &cw::CaseworkService::Stub::IngestMeasureDecisions, batch, &response,
                   DemoClient::As::kLoader, DemoClient::Patience::kUntilReplicated)
             .ok()) {
      continue;
    }
    for (int r = 0; r < response.results_size(); ++r) {
      const auto& result = response.results(r);
      if (result.outcome() != cw::MEASURE_DECISION_OUTCOME_OPENED) {
        context.client.CountRejection("measure decision " + std::to_string(first + r) + ": " +
                                      result.error().message());
        continue;
      }
      const int i = first + r;
      const runtime::CivilDate opened = runtime::AddDays(context.today, -days_open[i]);
      context.tally.CountSent("cases");
      context.tally.Add("casework.cases_opened", Counting::kInPeriod, county.code, opened);
      // Three in five paired, from a few days after opening (at most 30 days ago).
      if (i % 5 < 3 && !organizations.active_volunteers.empty()) {
        const int paired_days_ago = std::min(days_open[i] - 1, 30);
        cw::CreatePairingRequest pairing;
        pairing.set_parent(result.affected_case());
        pairing.mutable_pairing()->set_volunteer(
            organizations.active_volunteers[i % organizations.active_volunteers.size()]);
        *pairing.mutable_pairing()->mutable_start_date() =
            DateOf(runtime::AddDays(context.today, -paired_days_ago));
        cw::Pairing created;
        if (context.client
                .Call(stub, &cw::CaseworkService::Stub::CreatePairing, pairing, &created,
                      DemoClient::As::kLoader, DemoClient::Patience::kUntilReplicated)
                .ok()) {
          context.tally.CountSent("pairings");
          context.tally.Add("casework.cases_paired", Counting::kStockAtEnd, county.code,
                            runtime::AddDays(context.today, -paired_days_ago));
        }
      }
      for (int k = 0; k < context.plan.size.contacts_per_case; ++k) {
        const int days_ago = static_cast<int>(Spread(i, k, std::min(days_open[i], 300)));
        const auto when = std::chrono::system_clock::now() - std::chrono::hours(24 * days_ago);
        cw::CreateContactRequest contact;
        contact.set_parent(result.affected_case());
        contact.mutable_contact()->set_kind(k % 2 == 0 ? cw::CONTACT_KIND_HOME_VISIT
                                                       : cw::CONTACT_KIND_TALK);
        contact.mutable_contact()->mutable_contact_time()->set_seconds(
            std::chrono::duration_cast<std::chrono::seconds>(when.time_since_epoch()).count());
        contact.mutable_contact()->set_reached(true);
        contact.mutable_contact()->add_participant_subjects("demo-loader");
        cw::Contact created;
        if (context.client.Call(stub, &cw::CaseworkService::Stub::CreateContact, contact, &created)
                .ok()) {
          context.tally.CountSent("contacts");
          context.tally.Add("casework.contacts", Counting::kInPeriod, county.code,
                            runtime::CivilDateInShanghai(when));
        }
      }
    }
  }
}

}  // namespace

void LoadCasework(DemoContext& context, const CountyDirectory& counties) {
  auto stub = cw::CaseworkService::NewStub(context.client.casework());
  std::vector<std::function<void()>> jobs;
  const auto& plan = context.plan;
  for (size_t c = 0; c < plan.counties.size(); ++c) {
    jobs.push_back([&context, &stub, &counties, county_ptr = &plan.counties[c], c] {
      LoadCounty(context, *stub, *county_ptr, counties.at(county_ptr->code), static_cast<int>(c));
    });
  }
  RunJobs("casework (by county)", std::move(jobs), context.threads);
}

}  // namespace jindu::demo
