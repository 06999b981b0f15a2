#include "reporting/filings/figures_diff.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/reflection.h>

#include <map>
#include <string>
#include <vector>

namespace jindu::reporting {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

// What identifies an entry of a repeated breakdown: its enum and string fields, display names
// excepted (a campaign renamed between freezing and now is still the same campaign).
std::string EntryKey(const Message& entry) {
  const Reflection& reflection = *entry.GetReflection();
  const auto& descriptor = *entry.GetDescriptor();
  std::string key;
  for (int i = 0; i < descriptor.field_count(); ++i) {
    const FieldDescriptor& field = *descriptor.field(i);
    if (field.is_repeated()) continue;
    if (field.cpp_type() == FieldDescriptor::CPPTYPE_ENUM) {
      key += std::to_string(reflection.GetEnumValue(entry, &field));
    } else if (field.cpp_type() == FieldDescriptor::CPPTYPE_STRING &&
               !field.name().ends_with("display_name") && field.name() != "currency_code") {
      key += reflection.GetString(entry, &field);
    } else {
      continue;
    }
    key += '\x1f';
  }
  return key;
}

// *out = current - frozen over the numeric fields of one message (both of out's type; either may
// be a default instance). Keys and names are copied from `current` when set, else from `frozen`.
// Returns whether any numeric difference is non-zero.
bool Diff(const Message& current, const Message& frozen, Message* out, int64_t* changed_cells);

bool DiffRepeated(const Message& current, const Message& frozen, const FieldDescriptor& field,
                  Message* out, int64_t* changed_cells) {
  const Reflection& reflection = *current.GetReflection();
  // Entries in the order they come (current's first, then those only frozen has).
  std::vector<std::string> order;
  std::map<std::string, std::pair<const Message*, const Message*>> pairs;
  for (int i = 0; i < reflection.FieldSize(current, &field); ++i) {
    const Message& entry = reflection.GetRepeatedMessage(current, &field, i);
    auto [it, added] = pairs.try_emplace(EntryKey(entry), nullptr, nullptr);
    if (added) order.push_back(it->first);
    it->second.first = &entry;
  }
  for (int i = 0; i < reflection.FieldSize(frozen, &field); ++i) {
    const Message& entry = reflection.GetRepeatedMessage(frozen, &field, i);
    auto [it, added] = pairs.try_emplace(EntryKey(entry), nullptr, nullptr);
    if (added) order.push_back(it->first);
    it->second.second = &entry;
  }
  bool any = false;
  for (const std::string& key : order) {
    const auto& [now, then] = pairs.at(key);
    const Message& prototype = now != nullptr ? *now : *then;
    std::unique_ptr<Message> entry(prototype.New());
    const Message& empty =
        *prototype.GetReflection()->GetMessageFactory()->GetPrototype(prototype.GetDescriptor());
    if (Diff(now != nullptr ? *now : empty, then != nullptr ? *then : empty, entry.get(),
             changed_cells)) {
      out->GetReflection()->AddMessage(out, &field)->CopyFrom(*entry);
      any = true;
    }
  }
  return any;
}

bool Diff(const Message& current, const Message& frozen, Message* out, int64_t* changed_cells) {
  const Reflection& reflection = *out->GetReflection();
  const auto& descriptor = *out->GetDescriptor();
  bool any = false;
  for (int i = 0; i < descriptor.field_count(); ++i) {
    const FieldDescriptor& field = *descriptor.field(i);
    if (field.is_repeated()) {
      if (field.cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
        any = DiffRepeated(current, frozen, field, out, changed_cells) || any;
      }
      continue;
    }
    switch (field.cpp_type()) {
      case FieldDescriptor::CPPTYPE_INT64: {
        const int64_t difference =
            reflection.GetInt64(current, &field) - reflection.GetInt64(frozen, &field);
        if (difference != 0) {
          reflection.SetInt64(out, &field, difference);
          ++*changed_cells;
          any = true;
        }
        break;
      }
      case FieldDescriptor::CPPTYPE_MESSAGE: {
        // Periods and timestamps are labels, not figures.
        if (field.message_type()->full_name() == "jindu.common.v1.Period") break;
        std::unique_ptr<Message> part(reflection.GetMessage(current, &field).New());
        if (Diff(reflection.GetMessage(current, &field), reflection.GetMessage(frozen, &field),
                 part.get(), changed_cells)) {
          reflection.MutableMessage(out, &field)->CopyFrom(*part);
          any = true;
        }
        break;
      }
      case FieldDescriptor::CPPTYPE_ENUM: {
        const int value = reflection.GetEnumValue(current, &field) != 0
                              ? reflection.GetEnumValue(current, &field)
                              : reflection.GetEnumValue(frozen, &field);
        reflection.SetEnumValue(out, &field, value);
        break;
      }
      case FieldDescriptor::CPPTYPE_STRING: {
        const std::string value = !reflection.GetString(current, &field).empty()
                                      ? reflection.GetString(current, &field)
                                      : reflection.GetString(frozen, &field);
        reflection.SetString(out, &field, value);
        break;
      }
      default:
        break;
    }
  }
  return any;
}

}  // namespace

FiguresDelta DiffFigures(const v1::RegionFigures& current, const v1::RegionFigures& frozen) {
  FiguresDelta result;
  v1::RegionFigures parts;
  Diff(current, frozen, &parts, &result.changed_cells);
  // Only the three parts carry numbers; the labels are the current figures'.
  result.delta.set_region_code(current.region_code());
  result.delta.set_region_display_name(current.region_display_name());
  *result.delta.mutable_period() = current.period();
  if (parts.has_publicity()) *result.delta.mutable_publicity() = parts.publicity();
  if (parts.has_registration()) *result.delta.mutable_registration() = parts.registration();
  if (parts.has_casework()) *result.delta.mutable_casework() = parts.casework();
  return result;
}

}  // namespace jindu::reporting
