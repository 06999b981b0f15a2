#pragma once
// Small conversions between PostgreSQL values and protobuf types.
#include <google/protobuf/timestamp.pb.h>

#include <cstdint>
#include <string>

#include "google/type/date.pb.h"
#include "runtime/identity/civil_date.h"

// A timestamptz column as microseconds since the epoch, for TimestampFromMicros.
#define JINDU_MICROS(column) "(extract(epoch FROM " column ") * 1000000)::bigint"

namespace jindu::runtime {

google::protobuf::Timestamp TimestampFromMicros(int64_t micros);
google::type::Date ToProtoDate(CivilDate date);
CivilDate FromProtoDate(const google::type::Date& date);
// Bytes as lower-case hex, for a bytea parameter written decode($n, 'hex') (libpqxx 6 binds no
// optional binary parameters).
std::string BytesAsHex(const std::string& bytes);

}  // namespace jindu::runtime
