#pragma once
// Flag values in the forms people type: enums by short lower-case names ("township_branch" for
// ORGANIZATION_KIND_TOWNSHIP_BRANCH), dates, periods, resource names with or without their prefix.
// Each parser throws UsageError naming the flag and the accepted forms.
#include <google/protobuf/generated_enum_reflection.h>

#include <string>

#include "google/type/date.pb.h"
#include "jindu/common/v1/period.pb.h"

namespace jindu::jinductl {

// "township_branch" -> ORGANIZATION_KIND_TOWNSHIP_BRANCH's number; the full upper-case name is
// accepted too. UNSPECIFIED is never accepted.
int ParseEnumValue(const google::protobuf::EnumDescriptor* descriptor, const std::string& flag,
                   const std::string& text);
// ORGANIZATION_KIND_TOWNSHIP_BRANCH -> "township_branch"; an unknown number prints as itself.
std::string EnumShortName(const google::protobuf::EnumDescriptor* descriptor, int value);
// "association, township_branch, ..." for help texts and messages.
std::string EnumChoices(const google::protobuf::EnumDescriptor* descriptor);

template <typename Enum>
Enum ParseEnum(const std::string& flag, const std::string& text) {
  return static_cast<Enum>(ParseEnumValue(google::protobuf::GetEnumDescriptor<Enum>(), flag, text));
}
template <typename Enum>
std::string ShortName(Enum value) {
  return EnumShortName(google::protobuf::GetEnumDescriptor<Enum>(), static_cast<int>(value));
}

// YYYY-MM-DD, a real calendar day.
google::type::Date ParseDate(const std::string& flag, const std::string& text);
std::string FormatDate(const google::type::Date& date);
// Today in Asia/Shanghai (UTC+8 all year), the civil calendar every jindu date is in.
google::type::Date Today();

// 2024 (year), 2024-Q3 (quarter), 2024-07 (month), 2024-07-01 (day), or an inclusive range
// 2024-07-01..2024-10-31, sent as the proto's half-open range [2024-07-01, 2024-11-01).
common::v1::Period ParsePeriod(const std::string& flag, const std::string& text);
std::string FormatPeriod(const common::v1::Period& period);

// "volunteers/abc" for "abc" or "volunteers/abc".
std::string ResourceName(const std::string& collection, const std::string& id_or_name);

// A positive integer flag; throws UsageError.
long long ParseCount(const std::string& flag, const std::string& text, long long minimum = 0);

// A random RFC 4122 version-4 UUID for request ids: a retried command repeats it, a new command
// gets a new one.
std::string NewRequestId();

}  // namespace jindu::jinductl
