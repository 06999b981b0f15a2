// KeyedHash: HMAC-SHA256 lookup digests, checked against values computed independently with
// `openssl dgst -sha256 -mac hmac` on the command line.

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "runtime/crypto/hmac_sha256.h"
#include "runtime/crypto/keyed_hash.h"
#include "runtime/crypto/secret_key_file.h"

namespace jindu::runtime {
namespace {

// base64 of the bytes 0x00, 0x01, ..., 0x1f.
constexpr std::string_view kCountingKey = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
constexpr std::string_view kRandomKey = "4dHtJiqbU7TPfoyFxmzdUlxHnLDWN0X6FSSNCNucRb4=";
constexpr std::string_view kNationalId = "11010519491231002X";

KeyedHash HashWith(std::string_view key) {
  return KeyedHash(ParseSecretKeyFile("index-1 " + std::string(key)));
}

std::string Hex(const HmacSha256Digest& digest) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string hex;
  for (unsigned char byte : digest) {
    hex += kDigits[byte >> 4];
    hex += kDigits[byte & 0x0f];
  }
  return hex;
}

TEST(ComputeHmacSha256, MatchesRfc4231TestCase2) {
  std::string_view key = "Jefe";
  HmacSha256Digest digest =
      ComputeHmacSha256({reinterpret_cast<const unsigned char*>(key.data()), key.size()},
                        {"what do ya ", "", "want for nothing?"});  // parts are concatenated
  EXPECT_EQ(Hex(digest), "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(KeyedHash, MatchesAnIndependentlyComputedDigest) {
  // { printf 'volunteer.national_id'; printf '\0'; printf '11010519491231002X'; } |
  //   openssl dgst -sha256 -mac hmac -macopt hexkey:000102...1f
  KeyedHash hash = HashWith(kCountingKey);
  EXPECT_EQ(hash.Digest("volunteer.national_id", kNationalId),
            "c60b083350eba9eba5a3cdfd35b9b5b7e43b832c03ffe24385d31da4faee9a97");
  EXPECT_EQ(hash.Digest("tipster.national_id", kNationalId),
            "281437488f6da4b6cd80d0f40a29044eac70f6403444e8082bfb3bacfeafa5af");
  EXPECT_EQ(hash.key_id(), "index-1");
}

TEST(KeyedHash, EqualValuesMatchAndDifferentValuesDoNot) {
  KeyedHash hash = HashWith(kRandomKey);
  std::string digest = hash.Digest("volunteer.national_id", kNationalId);
  EXPECT_EQ(digest.size(), 64u);
  EXPECT_EQ(digest.find_first_not_of("0123456789abcdef"), std::string::npos) << digest;
  EXPECT_EQ(hash.Digest("volunteer.national_id", std::string(kNationalId)), digest);
  EXPECT_NE(hash.Digest("volunteer.national_id", "110105194912310021"), digest);
  EXPECT_NE(hash.Digest("volunteer.national_id", "11010519491231002x"), digest);
}

TEST(KeyedHash, SeparatesDomains) {
  KeyedHash hash = HashWith(kRandomKey);
  EXPECT_NE(hash.Digest("volunteer.national_id", kNationalId),
            hash.Digest("tipster.national_id", kNationalId));
  // The NUL separator keeps the boundary: ("ab", "c") and ("a", "bc") are different inputs.
  EXPECT_NE(hash.Digest("ab", "c"), hash.Digest("a", "bc"));
  EXPECT_NE(hash.Digest("a", ""), hash.Digest("a", std::string_view("\0", 1)));
}

TEST(KeyedHash, DependsOnTheKey) {
  EXPECT_NE(HashWith(kCountingKey).Digest("volunteer.national_id", kNationalId),
            HashWith(kRandomKey).Digest("volunteer.national_id", kNationalId));
}

TEST(KeyedHash, RejectsDomainsThatWouldBeAmbiguous) {
  KeyedHash hash = HashWith(kRandomKey);
  EXPECT_THROW(hash.Digest("", kNationalId), std::invalid_argument);
  EXPECT_THROW(hash.Digest(std::string_view("a\0b", 3), kNationalId), std::invalid_argument);
}

TEST(KeyedHash, RequiresExactlyOneKey) {
  SecretKeyFile two =
      ParseSecretKeyFile("new " + std::string(kRandomKey) + "\nold " + std::string(kCountingKey));
  EXPECT_THROW(KeyedHash{two}, std::invalid_argument);
  EXPECT_THROW(KeyedHash{SecretKeyFile{}}, std::invalid_argument);
}

}  // namespace
}  // namespace jindu::runtime
