// Printing any resource by reflection, so every get/create command shows the same shapes without
// a hand-written printer per message.
#include <google/protobuf/descriptor.h>
#include <google/protobuf/reflection.h>

#include <cstdio>
#include <ctime>

#include "google/protobuf/timestamp.pb.h"
#include "google/type/date.pb.h"
#include "jinductl/commands.h"
#include "jinductl/errors.h"
#include "jinductl/values.h"

namespace jindu::jinductl {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

std::string MessageText(const Message& message);

std::string ScalarText(const Message& message, const FieldDescriptor* field, int index) {
  const Reflection* reflection = message.GetReflection();
  const bool repeated = field->is_repeated();
  switch (field->cpp_type()) {
    case FieldDescriptor::CPPTYPE_STRING:
      return repeated ? reflection->GetRepeatedString(message, field, index)
                      : reflection->GetString(message, field);
    case FieldDescriptor::CPPTYPE_INT32:
      return std::to_string(repeated ? reflection->GetRepeatedInt32(message, field, index)
                                     : reflection->GetInt32(message, field));
    case FieldDescriptor::CPPTYPE_INT64:
      return std::to_string(repeated ? reflection->GetRepeatedInt64(message, field, index)
                                     : reflection->GetInt64(message, field));
    case FieldDescriptor::CPPTYPE_UINT32:
      return std::to_string(repeated ? reflection->GetRepeatedUInt32(message, field, index)
                                     : reflection->GetUInt32(message, field));
    case FieldDescriptor::CPPTYPE_UINT64:
      return std::to_string(repeated ? reflection->GetRepeatedUInt64(message, field, index)
                                     : reflection->GetUInt64(message, field));
    case FieldDescriptor::CPPTYPE_BOOL:
      return (repeated ? reflection->GetRepeatedBool(message, field, index)
                       : reflection->GetBool(message, field))
                 ? "true"
                 : "false";
    case FieldDescriptor::CPPTYPE_DOUBLE: {
      char text[32];
      std::snprintf(text, sizeof text, "%g",
                    repeated ? reflection->GetRepeatedDouble(message, field, index)
                             : reflection->GetDouble(message, field));
      return text;
    }
    case FieldDescriptor::CPPTYPE_FLOAT:
      return std::to_string(repeated ? reflection->GetRepeatedFloat(message, field, index)
                                     : reflection->GetFloat(message, field));
    case FieldDescriptor::CPPTYPE_ENUM:
      return EnumShortName(field->enum_type(),
                           repeated ? reflection->GetRepeatedEnumValue(message, field, index)
                                    : reflection->GetEnumValue(message, field));
    case FieldDescriptor::CPPTYPE_MESSAGE:
      return MessageText(repeated ? reflection->GetRepeatedMessage(message, field, index)
                                  : reflection->GetMessage(message, field));
  }
  return "";
}

// Dates and timestamps read as themselves; other messages as "key=value" pairs in braces.
std::string MessageText(const Message& message) {
  const std::string& type = message.GetDescriptor()->full_name();
  if (type == "google.type.Date") {
    return FormatDate(static_cast<const google::type::Date&>(message));
  }
  if (type == "google.protobuf.Timestamp") {
    return FormatTimestampSeconds(
        static_cast<const google::protobuf::Timestamp&>(message).seconds());
  }
  std::vector<const FieldDescriptor*> fields;
  message.GetReflection()->ListFields(message, &fields);
  std::string text = "{";
  for (const FieldDescriptor* field : fields) {
    if (text.size() > 1) text += ", ";
    text += field->name() + "=";
    if (field->is_repeated()) {
      text += "[";
      const int size = message.GetReflection()->FieldSize(message, field);
      for (int i = 0; i < size; ++i) text += (i ? ", " : "") + ScalarText(message, field, i);
      text += "]";
    } else {
      text += ScalarText(message, field, 0);
    }
  }
  return text + "}";
}

}  // namespace

std::string FormatTimestampSeconds(long long seconds) {
  if (seconds == 0) return "-";
  // Asia/Shanghai has no daylight saving: UTC+8 all year.
  std::time_t shifted = static_cast<std::time_t>(seconds + 8 * 3600);
  std::tm parts{};
  gmtime_r(&shifted, &parts);
  char text[40];
  std::strftime(text, sizeof text, "%Y-%m-%d %H:%M:%S +08:00", &parts);
  return text;
}

std::string FieldText(const Message& message, const std::string& name) {
  const FieldDescriptor* field = message.GetDescriptor()->FindFieldByName(name);
  if (field == nullptr) return "";
  const Reflection* reflection = message.GetReflection();
  if (field->is_repeated()) {
    std::string text;
    for (int i = 0; i < reflection->FieldSize(message, field); ++i) {
      text += (i ? ", " : "") + ScalarText(message, field, i);
    }
    return text;
  }
  if (field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE &&
      !reflection->HasField(message, field)) {
    return "-";
  }
  return ScalarText(message, field, 0);
}

void PrintResource(const Invocation& invocation, const Message& message) {
  if (invocation.json()) {
    PrintJson(message);
    return;
  }
  Table table({"field", "value"});
  std::vector<const FieldDescriptor*> fields;
  message.GetReflection()->ListFields(message, &fields);
  for (const FieldDescriptor* field : fields)
    table.AddRow({field->name(), FieldText(message, field->name())});
  table.Print(std::cout);
}

std::vector<FlagSpec> PagingFlags() {
  return {{"page-size", "N", "results per page (the service's default when unset)"},
          {"page-token", "TOKEN", "next_page_token of the previous page"}};
}

long long ParsePageSize(const std::string& text) { return ParseCount("page-size", text, 1); }

void NoteNextPage(const std::string& next_page_token) {
  if (next_page_token.empty()) return;
  std::cerr << "more results: add --page-token " << next_page_token << "\n";
}

std::string Invocation::RequireFlag(const std::string& flag) const {
  std::string value = Flag(flag);
  if (value.empty()) throw UsageError("--" + flag + " is required for '" + command() + "'");
  return value;
}

std::string Invocation::command() const {
  if (parsed_.noun == nullptr) return "jinductl";
  if (parsed_.verb == nullptr || parsed_.verb->name.empty()) return parsed_.noun->name;
  return parsed_.noun->name + " " + parsed_.verb->name;
}

}  // namespace jindu::jinductl
