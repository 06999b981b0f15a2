#include "runtime/postgres/row_conversions.h"

namespace jindu::runtime {

google::protobuf::Timestamp TimestampFromMicros(int64_t micros) {
  google::protobuf::Timestamp timestamp;
  int64_t seconds = micros / 1000000;
  int64_t remainder = micros % 1000000;
  if (remainder < 0) {
    remainder += 1000000;
    --seconds;
  }
  timestamp.set_seconds(seconds);
  timestamp.set_nanos(static_cast<int32_t>(remainder * 1000));
  return timestamp;
}

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

std::string BytesAsHex(const std::string& bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(bytes.size() * 2);
  for (unsigned char byte : bytes) {
    hex += kHex[byte >> 4];
    hex += kHex[byte & 15];
  }
  return hex;
}

}  // namespace jindu::runtime
