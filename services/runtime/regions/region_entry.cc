#include "runtime/regions/region_entry.h"

namespace jindu::runtime {
namespace {

google::type::Date ToProtoDate(CivilDate date) {
  google::type::Date proto;
  proto.set_year(date.year);
  proto.set_month(date.month);
  proto.set_day(date.day);
  return proto;
}

CivilDate FromProtoDate(const google::type::Date& date) {
  return {date.year(), date.month(), date.day()};
}

}  // namespace

bool RegionEntry::ValidOn(CivilDate date) const {
  return valid_from <= date && (!valid_to.has_value() || date < *valid_to);
}

bool RegionEntry::SameContent(const RegionEntry& other) const {
  return code == other.code && display_name == other.display_name && level == other.level &&
         parent == other.parent && valid_from == other.valid_from && valid_to == other.valid_to &&
         members == other.members && successors == other.successors;
}

registration::events::v1::RegionUpserted ToRegionUpserted(const RegionEntry& entry) {
  registration::events::v1::RegionUpserted event;
  event.set_region_code(entry.code);
  event.set_display_name(entry.display_name);
  event.set_level(entry.level);
  event.set_parent_region_code(entry.parent);
  *event.mutable_valid_from() = ToProtoDate(entry.valid_from);
  if (entry.valid_to.has_value()) *event.mutable_valid_to() = ToProtoDate(*entry.valid_to);
  for (const auto& member : entry.members) event.add_member_region_codes(member);
  for (const auto& successor : entry.successors) event.add_successor_region_codes(successor);
  event.set_revision(entry.revision);
  return event;
}

RegionEntry FromRegionUpserted(const registration::events::v1::RegionUpserted& event) {
  RegionEntry entry;
  entry.code = event.region_code();
  entry.display_name = event.display_name();
  entry.level = event.level();
  entry.parent = event.parent_region_code();
  entry.valid_from = FromProtoDate(event.valid_from());
  if (event.has_valid_to()) entry.valid_to = FromProtoDate(event.valid_to());
  entry.members.assign(event.member_region_codes().begin(), event.member_region_codes().end());
  entry.successors.assign(event.successor_region_codes().begin(),
                          event.successor_region_codes().end());
  entry.revision = event.revision();
  return entry;
}

}  // namespace jindu::runtime
