#include "runtime/config/settings.h"

#include <utility>

#include "runtime/config/programming_error.h"

namespace jindu::runtime {
namespace {

template <typename T>
const T& As(const Settings::Entry& entry, std::string_view name, std::string_view wanted) {
  const T* value = std::get_if<T>(&entry.value);
  if (value == nullptr) {
    ProgrammingError("setting '" + std::string(name) + "' is not of type " + std::string(wanted));
  }
  return *value;
}

}  // namespace

Settings::Settings(std::map<std::string, Entry, std::less<>> entries)
    : entries_(std::move(entries)) {}

const Settings::Entry& Settings::Get(std::string_view name) const {
  auto it = entries_.find(name);
  if (it == entries_.end()) {
    ProgrammingError("setting '" + std::string(name) + "' was never declared");
  }
  return it->second;
}

const std::string& Settings::GetString(std::string_view name) const {
  return As<std::string>(Get(name), name, "string");
}

std::int64_t Settings::GetInt(std::string_view name) const {
  return As<std::int64_t>(Get(name), name, "int");
}

bool Settings::GetBool(std::string_view name) const { return As<bool>(Get(name), name, "bool"); }

std::chrono::milliseconds Settings::GetDuration(std::string_view name) const {
  return As<std::chrono::milliseconds>(Get(name), name, "duration");
}

const std::string& Settings::GetPath(std::string_view name) const {
  return As<std::string>(Get(name), name, "path");
}

nlohmann::json Settings::Describe() const {
  nlohmann::json described = nlohmann::json::object();
  for (const auto& [name, entry] : entries_) {
    std::string value = FormatSettingValue(entry.value);
    // An empty secret is shown as empty: "not configured" is what an operator needs to see.
    if (entry.secret && !value.empty()) value = "<redacted>";
    described[name] = {
        {"value", value},
        {"source", entry.source},
    };
  }
  return described;
}

}  // namespace jindu::runtime
