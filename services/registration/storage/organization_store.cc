#include "registration/storage/organization_store.h"

#include "runtime/api/paging.h"
#include "runtime/postgres/prepared_statements.h"
#include "runtime/postgres/row_conversions.h"

namespace jindu::registration {
namespace {

constexpr const char* kColumns =
    "organization_id, display_name, kind, sector, coalesce(parent_id, ''), region_code, "
    "founding_date::text, state, dissolution_date::text, officers_sealed, officers_key_id, "
    "revision, " JINDU_MICROS("create_time") ", " JINDU_MICROS(
        "update_time") ", create_subject, update_subject";

// Binds sealed officers to their organisation: a sealed list copied onto another row fails.
std::string OfficersAssociatedData(const std::string& id) {
  return "organization/" + id + "/officers";
}

std::optional<std::string> DateText(const google::type::Date& date, bool present) {
  if (!present) return std::nullopt;
  return runtime::FormatIsoDate(runtime::FromProtoDate(date));
}

}  // namespace

std::string OrganizationName(const std::string& id) { return "organizations/" + id; }

// The sealed officer list as hex for decode(..., 'hex') and its key id; nulls without officers.
std::pair<std::optional<std::string>, std::optional<std::string>> OrganizationStore::SealOfficers(
    const StoredOrganization& stored) const {
  if (stored.organization.officers_size() == 0) return {std::nullopt, std::nullopt};
  v1::Organization officers;
  *officers.mutable_officers() = stored.organization.officers();
  runtime::SealedField sealed =
      cipher_.Encrypt(officers.SerializeAsString(), OfficersAssociatedData(stored.id));
  return {runtime::BytesAsHex(sealed.ciphertext), std::move(sealed.key_id)};
}

StoredOrganization OrganizationStore::FromRow(const pqxx::row& row) const {
  StoredOrganization stored;
  stored.id = row[0].as<std::string>();
  stored.parent_id = row[4].as<std::string>();
  stored.revision = row[11].as<int64_t>();
  v1::Organization& organization = stored.organization;
  organization.set_name(OrganizationName(stored.id));
  organization.set_display_name(row[1].as<std::string>());
  organization.set_kind(static_cast<v1::OrganizationKind>(row[2].as<int>()));
  organization.set_sector(static_cast<v1::BranchSector>(row[3].as<int>()));
  if (!stored.parent_id.empty()) organization.set_parent(OrganizationName(stored.parent_id));
  organization.set_region_code(row[5].as<std::string>());
  *organization.mutable_founding_date() =
      runtime::ToProtoDate(*runtime::ParseIsoDate(row[6].as<std::string>()));
  organization.set_state(static_cast<v1::OrganizationState>(row[7].as<int>()));
  if (!row[8].is_null()) {
    *organization.mutable_dissolution_date() =
        runtime::ToProtoDate(*runtime::ParseIsoDate(row[8].as<std::string>()));
  }
  if (!row[9].is_null()) {
    pqxx::binarystring sealed(row[9]);
    const std::string plain =
        cipher_.Decrypt({.key_id = row[10].as<std::string>(), .ciphertext = sealed.str()},
                        OfficersAssociatedData(stored.id));
    v1::Organization officers;
    officers.ParseFromString(plain);
    *organization.mutable_officers() = officers.officers();
  }
  auto* audit = organization.mutable_audit();
  *audit->mutable_create_time() = runtime::TimestampFromMicros(row[12].as<int64_t>());
  *audit->mutable_update_time() = runtime::TimestampFromMicros(row[13].as<int64_t>());
  audit->set_create_subject(row[14].as<std::string>());
  audit->set_update_subject(row[15].as<std::string>());
  audit->set_etag(std::to_string(stored.revision));
  return stored;
}

std::optional<StoredOrganization> OrganizationStore::Find(pqxx::transaction_base& tx,
                                                          const std::string& id, bool lock) const {
  pqxx::result rows = runtime::ExecPrepared(tx,
                                            std::string("SELECT ") + kColumns + " FROM " + schema_ +
                                                ".organizations WHERE organization_id = $1" +
                                                (lock ? " FOR UPDATE" : ""),
                                            id);
  if (rows.empty()) return std::nullopt;
  return FromRow(rows[0]);
}

std::optional<std::string> OrganizationStore::FindByNaturalKey(
    pqxx::transaction_base& tx, const std::string& parent_id, int kind,
    const std::string& display_name) const {
  pqxx::result rows = runtime::ExecPrepared(
      tx,
      "SELECT organization_id FROM " + schema_ +
          ".organizations WHERE coalesce(parent_id, '') = $1 AND kind = $2 AND display_name = $3",
      parent_id, kind, display_name);
  if (rows.empty()) return std::nullopt;
  return rows[0][0].as<std::string>();
}

void OrganizationStore::Insert(pqxx::work& tx, const StoredOrganization& stored,
                               const std::string& region_path, const std::string& subject) const {
  const v1::Organization& organization = stored.organization;
  std::optional<std::string> parent;
  if (!stored.parent_id.empty()) parent = stored.parent_id;
  auto [sealed_officers, officers_key] = SealOfficers(stored);
  runtime::ExecPrepared(
      tx,
      "INSERT INTO " + schema_ +
          ".organizations (organization_id, display_name, kind, sector, parent_id, region_code, "
          "region_path, founding_date, state, dissolution_date, officers_sealed, officers_key_id, "
          "revision, create_time, update_time, create_subject, update_subject) VALUES ($1, $2, "
          "$3, $4, $5, $6, $7, $8::date, $9, $10::date, decode($11, 'hex'), $12, $13, now(), "
          "now(), "
          "$14, $14)",
      stored.id, organization.display_name(), static_cast<int>(organization.kind()),
      static_cast<int>(organization.sector()), parent, organization.region_code(), region_path,
      *DateText(organization.founding_date(), true), static_cast<int>(organization.state()),
      DateText(organization.dissolution_date(), organization.has_dissolution_date()),
      sealed_officers, officers_key, stored.revision, subject);
}

void OrganizationStore::Update(pqxx::work& tx, const StoredOrganization& stored,
                               const std::string& region_path, const std::string& subject) const {
  const v1::Organization& organization = stored.organization;
  std::optional<std::string> parent;
  if (!stored.parent_id.empty()) parent = stored.parent_id;
  auto [sealed_officers, officers_key] = SealOfficers(stored);
  tx.exec_params(
      "UPDATE " + schema_ +
          ".organizations SET display_name = $2, parent_id = $3, region_code = $4, "
          "region_path = $5, founding_date = $6::date, state = $7, dissolution_date = $8::date, "
          "officers_sealed = decode($9, 'hex'), officers_key_id = $10, revision = $11, update_time "
          "= now(), "
          "update_subject = $12 WHERE organization_id = $1",
      stored.id, organization.display_name(), parent, organization.region_code(), region_path,
      *DateText(organization.founding_date(), true), static_cast<int>(organization.state()),
      DateText(organization.dissolution_date(), organization.has_dissolution_date()),
      sealed_officers, officers_key, stored.revision, subject);
}

int OrganizationStore::CountActiveChildren(pqxx::transaction_base& tx,
                                           const std::string& id) const {
  return tx
      .exec_params1(
          "SELECT count(*) FROM " + schema_ + ".organizations WHERE parent_id = $1 AND state = 1",
          id)[0]
      .as<int>();
}

std::vector<StoredOrganization> OrganizationStore::List(pqxx::transaction_base& tx,
                                                        const OrganizationListQuery& query) const {
  std::string sql = std::string("SELECT ") + kColumns + " FROM " + schema_ +
                    ".organizations WHERE " + query.region_condition +
                    " AND state = " + std::to_string(query.state);
  if (!query.kinds.empty()) {
    sql += " AND kind IN (";
    for (size_t i = 0; i < query.kinds.size(); ++i) {
      sql += (i ? "," : "") + std::to_string(query.kinds[i]);
    }
    sql += ")";
  }
  if (!query.parent_id.empty()) sql += " AND parent_id = " + tx.quote(query.parent_id);
  std::vector<std::string> cursor;
  if (!query.after_cursor.empty() && runtime::SplitCursor(query.after_cursor, 3, &cursor)) {
    sql += " AND (region_code, display_name, organization_id) > (" + tx.quote(cursor[0]) + ", " +
           tx.quote(cursor[1]) + ", " + tx.quote(cursor[2]) + ")";
  }
  sql += " ORDER BY region_code, display_name, organization_id LIMIT " +
         std::to_string(query.limit + 1);
  std::vector<StoredOrganization> page;
  for (const auto& row : tx.exec(sql)) page.push_back(FromRow(row));
  return page;
}

}  // namespace jindu::registration
