#pragma once

// HMAC-SHA256 (RFC 2104) over a sequence of byte strings, without concatenating them first. The
// building block of KeyedHash and of the SM4 mode of FieldCipher (key derivation and tag).

#include <array>
#include <cstddef>
#include <initializer_list>
#include <span>
#include <string_view>

namespace jindu::runtime {

inline constexpr size_t kHmacSha256Bytes = 32;
using HmacSha256Digest = std::array<unsigned char, kHmacSha256Bytes>;

// HMAC-SHA256 under key of the concatenation of parts. Thread-safe. Throws std::runtime_error
// only when OpenSSL itself fails.
HmacSha256Digest ComputeHmacSha256(std::span<const unsigned char> key,
                                   std::initializer_list<std::string_view> parts);

}  // namespace jindu::runtime
