#pragma once

// Base64url without padding (RFC 4648 §5), the encoding of every JWT segment (RFC 7515 §2).

#include <string>
#include <string_view>

namespace jindu::runtime {

std::string Base64UrlEncode(std::string_view bytes);

// Strict decoding: rejects padding, characters outside the url-safe alphabet, impossible lengths
// and non-zero trailing bits, so that each byte string has exactly one accepted encoding and a
// signature cannot be altered without changing its bytes. Returns false and leaves *bytes
// unspecified on malformed input.
bool Base64UrlDecode(std::string_view text, std::string* bytes);

}  // namespace jindu::runtime
