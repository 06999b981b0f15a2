#pragma once
// A small JSON writer for the checker's reports (objects of numbers, strings, nested objects).
#include <cstdint>
#include <string>

namespace jindu::check {

inline std::string JsonString(const std::string& text) {
  std::string out = "\"";
  for (unsigned char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20) {
          static const char kHex[] = "0123456789abcdef";
          out += "\\u00";
          out += kHex[c >> 4];
          out += kHex[c & 15];
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "\"";
}

// Builds one object: Add(...) in order, then Close().
class JsonObject {
 public:
  JsonObject& Add(const std::string& name, int64_t value) {
    return Raw(name, std::to_string(value));
  }
  JsonObject& Add(const std::string& name, const std::string& value) {
    return Raw(name, JsonString(value));
  }
  // `json` is already JSON (an object or array).
  JsonObject& Raw(const std::string& name, const std::string& json) {
    text_ += (text_.size() > 1 ? "," : "") + JsonString(name) + ":" + json;
    return *this;
  }
  std::string Close() const { return text_ + "}"; }

 private:
  std::string text_ = "{";
};

}  // namespace jindu::check
