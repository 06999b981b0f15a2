#include "runtime/crypto/secret_key_file.h"

#include <fcntl.h>
#include <openssl/crypto.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <system_error>
#include <utility>

namespace jindu::runtime {
namespace {

// Wipes a buffer that held key material when the scope ends, on every path out of it.
class WipeOnExit {
 public:
  WipeOnExit(void* data, size_t size) : data_(data), size_(size) {}
  WipeOnExit(const WipeOnExit&) = delete;
  WipeOnExit& operator=(const WipeOnExit&) = delete;
  ~WipeOnExit() { OPENSSL_cleanse(data_, size_); }

 private:
  void* data_;
  size_t size_;
};

class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  ~FileDescriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }

 private:
  int fd_;
};

[[noreturn]] void ThrowLineError(size_t line_number, std::string_view problem) {
  throw std::invalid_argument("line " + std::to_string(line_number) + ": " + std::string(problem));
}

bool IsKeyIdCharacter(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-';
}

bool IsValidKeyId(std::string_view id) {
  return !id.empty() && id.size() <= kMaxSecretKeyIdLength &&
         std::all_of(id.begin(), id.end(), IsKeyIdCharacter);
}

// The 6-bit value of a standard base64 character, or -1.
int Base64Value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

// Strict standard base64 with padding: rejects characters outside the alphabet, missing or
// misplaced padding and non-zero trailing bits. Returns the decoded size, or nullopt when text is
// malformed; writes at most out.size() bytes and reports a size > out.size() without writing past
// the end, so a key of the wrong length never lands anywhere but out.
std::optional<size_t> DecodeBase64(std::string_view text, std::span<unsigned char> out) {
  if (text.empty() || text.size() % 4 != 0) return std::nullopt;
  size_t padding = 0;
  while (padding < 2 && text[text.size() - 1 - padding] == '=') ++padding;
  size_t decoded_size = text.size() / 4 * 3 - padding;
  std::string_view digits = text.substr(0, text.size() - padding);
  uint32_t accumulator = 0;
  int bits = 0;
  size_t written = 0;
  for (char c : digits) {
    int value = Base64Value(c);
    if (value < 0) return std::nullopt;
    accumulator = (accumulator << 6) | static_cast<uint32_t>(value);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      if (written < out.size()) out[written] = static_cast<unsigned char>(accumulator >> bits);
      ++written;
      accumulator &= (1u << bits) - 1;
    }
  }
  // Leftover bits of the last character must be zero, so each byte string has one encoding.
  if (bits != 0 && (accumulator & ((1u << bits) - 1)) != 0) return std::nullopt;
  return decoded_size;
}

// Splits a line on spaces and tabs; returns at most max_fields + 1 fields so callers can tell
// "too many" without collecting them all.
std::vector<std::string_view> SplitFields(std::string_view line, size_t max_fields) {
  std::vector<std::string_view> fields;
  size_t position = 0;
  while (fields.size() <= max_fields) {
    position = line.find_first_not_of(" \t", position);
    if (position == std::string_view::npos) break;
    size_t end = line.find_first_of(" \t", position);
    if (end == std::string_view::npos) end = line.size();
    fields.push_back(line.substr(position, end - position));
    position = end;
  }
  return fields;
}

}  // namespace

SecretKey::SecretKey(std::string id, std::span<const unsigned char, kSecretKeyBytes> bytes)
    : id_(std::move(id)) {
  std::copy(bytes.begin(), bytes.end(), bytes_.begin());
}

SecretKey::~SecretKey() { OPENSSL_cleanse(bytes_.data(), bytes_.size()); }

SecretKeyFile ParseSecretKeyFile(std::string_view text) {
  constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";
  if (text.starts_with(kByteOrderMark)) text.remove_prefix(kByteOrderMark.size());

  SecretKeyFile file;
  std::vector<size_t> key_line_numbers;
  for (size_t line_number = 1; !text.empty(); ++line_number) {
    size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    if (line.ends_with('\r')) line.remove_suffix(1);

    std::vector<std::string_view> fields = SplitFields(line, 2);
    if (fields.empty() || fields.front().starts_with('#')) continue;
    if (fields.size() != 2) ThrowLineError(line_number, "expected \"<key_id> <base64 key>\"");

    std::string_view id = fields[0];
    if (!IsValidKeyId(id)) {
      ThrowLineError(line_number, "key id must be 1 to " + std::to_string(kMaxSecretKeyIdLength) +
                                      " characters of A-Z, a-z, 0-9, '_' or '-'");
    }
    for (size_t i = 0; i < file.keys.size(); ++i) {
      if (file.keys[i].id() == id) {
        ThrowLineError(line_number, "duplicate key id (first defined on line " +
                                        std::to_string(key_line_numbers[i]) + ")");
      }
    }

    std::array<unsigned char, kSecretKeyBytes> bytes;
    WipeOnExit wipe_bytes(bytes.data(), bytes.size());
    std::optional<size_t> decoded_size = DecodeBase64(fields[1], bytes);
    if (!decoded_size) ThrowLineError(line_number, "key is not valid standard base64");
    if (*decoded_size != kSecretKeyBytes) {
      ThrowLineError(line_number, "key must be " + std::to_string(kSecretKeyBytes) +
                                      " bytes, found " + std::to_string(*decoded_size) +
                                      " (generate one with `openssl rand -base64 32`)");
    }
    file.keys.emplace_back(std::string(id), bytes);
    key_line_numbers.push_back(line_number);
  }
  if (file.keys.empty()) {
    throw std::invalid_argument(
        "no key found: expected at least one \"<key_id> <base64 key>\" line");
  }
  return file;
}

SecretKeyFile LoadSecretKeyFile(const std::filesystem::path& path) {
  // Key files hold a few lines; anything much larger is the wrong file.
  constexpr off_t kMaxFileBytes = 64 * 1024;
  auto read_failure = [&path](std::string_view what, int error) {
    return std::runtime_error(path.string() + ": cannot read secret key file: " +
                              std::string(what) + ": " + std::generic_category().message(error));
  };

  FileDescriptor fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) throw read_failure("open", errno);
  struct stat status {};
  if (::fstat(fd.get(), &status) != 0) throw read_failure("stat", errno);
  if (!S_ISREG(status.st_mode)) {
    throw std::runtime_error(path.string() + ": secret key file is not a regular file");
  }
  if (status.st_size > kMaxFileBytes) {
    throw std::invalid_argument(path.string() + ": too large for a secret key file (" +
                                std::to_string(status.st_size) + " bytes)");
  }

  // Sized once so the text never moves: a reallocation would leave an unwiped copy behind.
  std::string text(static_cast<size_t>(kMaxFileBytes) + 1, '\0');
  WipeOnExit wipe_text(text.data(), text.size());
  size_t length = 0;
  while (length < text.size()) {
    ssize_t count = ::read(fd.get(), text.data() + length, text.size() - length);
    if (count < 0) {
      if (errno == EINTR) continue;
      throw read_failure("read", errno);
    }
    if (count == 0) break;
    length += static_cast<size_t>(count);
  }
  if (length > static_cast<size_t>(kMaxFileBytes)) {
    throw std::invalid_argument(path.string() + ": too large for a secret key file");
  }

  try {
    return ParseSecretKeyFile(std::string_view(text).substr(0, length));
  } catch (const std::invalid_argument& e) {
    throw std::invalid_argument(path.string() + ": " + e.what());
  }
}

}  // namespace jindu::runtime
