#include "publicity/campaigns/campaign_store.h"

#include <nlohmann/json.hpp>

#include "runtime/postgres/row_conversions.h"
#include "runtime/postgres/sql_arrays.h"

namespace jindu::publicity {
namespace {

const std::string kColumns =
    std::string(
        "campaign_id, display_name, tag, organizer_id, organizer_region_code, start_date::text, "
        "end_date::text, array_to_string(region_codes, ','), targets::text, revision, ") +
    JINDU_MICROS("create_time") + ", " + JINDU_MICROS("update_time") +
    ", create_subject, update_subject";

std::string TargetsJson(const v1::Campaign& campaign) {
  nlohmann::json targets = nlohmann::json::array();
  for (const v1::CampaignTarget& target : campaign.targets()) {
    targets.push_back({{"region_code", target.region_code()},
                       {"kind", static_cast<int>(target.kind())},
                       {"target_count", target.target_count()}});
  }
  return targets.dump();
}

runtime::CivilDate Date(const pqxx::field& field) {
  return runtime::ParseIsoDate(field.as<std::string>()).value_or(runtime::CivilDate{});
}

}  // namespace

std::vector<std::string> SplitRegionCodes(const std::string& text) {
  std::vector<std::string> codes;
  size_t start = 0;
  while (start < text.size()) {
    size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    if (comma > start) codes.push_back(text.substr(start, comma - start));
    start = comma + 1;
  }
  return codes;
}

CampaignRecord CampaignStore::FromRow(const pqxx::row& row) const {
  CampaignRecord record;
  record.id = row[0].as<std::string>();
  v1::Campaign& campaign = record.campaign;
  campaign.set_name(CampaignName(record.id));
  campaign.set_display_name(row[1].as<std::string>());
  campaign.set_tag(static_cast<v1::CampaignTag>(row[2].as<int>()));
  campaign.set_organizer("organizations/" + row[3].as<std::string>());
  record.organizer_region_code = row[4].as<std::string>();
  *campaign.mutable_date_range()->mutable_start_date() = runtime::ToProtoDate(Date(row[5]));
  *campaign.mutable_date_range()->mutable_end_date() = runtime::ToProtoDate(Date(row[6]));
  for (const std::string& code : SplitRegionCodes(row[7].as<std::string>())) {
    campaign.add_region_codes(code);
  }
  for (const auto& item : nlohmann::json::parse(row[8].as<std::string>())) {
    v1::CampaignTarget* target = campaign.add_targets();
    target->set_region_code(item.at("region_code").get<std::string>());
    target->set_kind(static_cast<v1::ParticipationKind>(item.at("kind").get<int>()));
    target->set_target_count(item.at("target_count").get<int64_t>());
  }
  record.revision = row[9].as<int64_t>();
  common::v1::AuditMetadata* audit = campaign.mutable_audit();
  *audit->mutable_create_time() = runtime::TimestampFromMicros(row[10].as<int64_t>());
  *audit->mutable_update_time() = runtime::TimestampFromMicros(row[11].as<int64_t>());
  audit->set_create_subject(row[12].as<std::string>());
  audit->set_update_subject(row[13].as<std::string>());
  audit->set_etag(std::to_string(record.revision));
  return record;
}

void CampaignStore::InsertRegions(pqxx::work& tx, const CampaignRecord& record,
                                  const std::vector<std::string>& region_paths) const {
  const auto& codes = record.campaign.region_codes();
  for (int i = 0; i < codes.size(); ++i) {
    tx.exec_params("INSERT INTO " + schema_ +
                       ".campaign_regions (campaign_id, region_code, region_path) VALUES ($1, $2, "
                       "$3) ON CONFLICT DO NOTHING",
                   record.id, codes[i], region_paths[i]);
  }
}

void CampaignStore::Insert(pqxx::work& tx, const CampaignRecord& record,
                           const std::vector<std::string>& region_paths,
                           const std::string& subject) const {
  const v1::Campaign& campaign = record.campaign;
  tx.exec_params(
      "INSERT INTO " + schema_ +
          ".campaigns (campaign_id, display_name, tag, organizer_id, organizer_region_code, "
          "start_date, end_date, region_codes, targets, revision, create_time, update_time, "
          "create_subject, update_subject) VALUES ($1, $2, $3, $4, $5, $6::date, $7::date, "
          "$8::text[], $9::jsonb, $10, now(), now(), $11, $11)",
      record.id, campaign.display_name(), static_cast<int>(campaign.tag()),
      campaign.organizer().substr(campaign.organizer().find('/') + 1), record.organizer_region_code,
      runtime::FormatIsoDate(runtime::FromProtoDate(campaign.date_range().start_date())),
      runtime::FormatIsoDate(runtime::FromProtoDate(campaign.date_range().end_date())),
      runtime::PlainTextArray({campaign.region_codes().begin(), campaign.region_codes().end()}),
      TargetsJson(campaign), record.revision, subject);
  InsertRegions(tx, record, region_paths);
}

void CampaignStore::Update(pqxx::work& tx, const CampaignRecord& record,
                           const std::vector<std::string>& region_paths,
                           const std::string& subject) const {
  const v1::Campaign& campaign = record.campaign;
  tx.exec_params(
      "UPDATE " + schema_ +
          ".campaigns SET display_name = $2, tag = $3, start_date = $4::date, end_date = "
          "$5::date, region_codes = $6::text[], targets = $7::jsonb, revision = $8, update_time = "
          "now(), update_subject = $9 WHERE campaign_id = $1",
      record.id, campaign.display_name(), static_cast<int>(campaign.tag()),
      runtime::FormatIsoDate(runtime::FromProtoDate(campaign.date_range().start_date())),
      runtime::FormatIsoDate(runtime::FromProtoDate(campaign.date_range().end_date())),
      runtime::PlainTextArray({campaign.region_codes().begin(), campaign.region_codes().end()}),
      TargetsJson(campaign), record.revision, subject);
  InsertRegions(tx, record, region_paths);
}

std::optional<CampaignRecord> CampaignStore::Find(pqxx::transaction_base& tx, const std::string& id,
                                                  bool lock) const {
  const pqxx::result rows =
      tx.exec_params("SELECT " + kColumns + " FROM " + schema_ +
                         ".campaigns WHERE campaign_id = $1" + (lock ? " FOR UPDATE" : ""),
                     id);
  if (rows.empty()) return std::nullopt;
  return FromRow(rows[0]);
}

std::vector<CampaignRecord> CampaignStore::List(pqxx::transaction_base& tx,
                                                const CampaignListFilter& filter,
                                                const std::optional<CampaignCursor>& after,
                                                int limit) const {
  // Every value below was validated or goes through tx.quote.
  std::string where = " WHERE EXISTS (SELECT 1 FROM " + schema_ +
                      ".campaign_regions r WHERE r.campaign_id = c.campaign_id AND " +
                      filter.region_condition + ")";
  if (filter.overlapping.has_value()) {
    where += " AND c.start_date < " + tx.quote(runtime::FormatIsoDate(filter.overlapping->end)) +
             "::date AND c.end_date > " +
             tx.quote(runtime::FormatIsoDate(filter.overlapping->start)) + "::date";
  }
  if (after.has_value()) {
    where += " AND (c.start_date, c.campaign_id) < (" + tx.quote(after->start_date) + "::date, " +
             tx.quote(after->id) + ")";
  }
  std::vector<CampaignRecord> records;
  for (const pqxx::row& row :
       tx.exec("SELECT " + kColumns + " FROM " + schema_ + ".campaigns c" + where +
               " ORDER BY c.start_date DESC, c.campaign_id DESC LIMIT " + std::to_string(limit))) {
    records.push_back(FromRow(row));
  }
  return records;
}

}  // namespace jindu::publicity
