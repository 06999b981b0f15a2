// Base64url, compact JWS parsing and the JOSE <-> DER ECDSA signature conversion.

#include <gtest/gtest.h>

#include "runtime/auth/base64url.h"
#include "runtime/auth/ecdsa_signature.h"
#include "runtime/auth/jwt.h"

namespace jindu::runtime {
namespace {

TEST(Base64Url, RoundTripsEveryLengthAndByte) {
  std::string bytes;
  for (int i = 0; i < 300; ++i) {
    bytes.push_back(static_cast<char>(i * 37));
    std::string decoded;
    std::string encoded = Base64UrlEncode(bytes);
    EXPECT_EQ(encoded.find_first_of("+/="), std::string::npos);
    ASSERT_TRUE(Base64UrlDecode(encoded, &decoded)) << encoded;
    EXPECT_EQ(decoded, bytes);
  }
}

TEST(Base64Url, MatchesRfc4648Vectors) {
  EXPECT_EQ(Base64UrlEncode(""), "");
  EXPECT_EQ(Base64UrlEncode("f"), "Zg");
  EXPECT_EQ(Base64UrlEncode("fo"), "Zm8");
  EXPECT_EQ(Base64UrlEncode("foo"), "Zm9v");
  EXPECT_EQ(Base64UrlEncode("foob"), "Zm9vYg");
  EXPECT_EQ(Base64UrlEncode("\xfb\xff"), "-_8");
}

TEST(Base64Url, RejectsMalformedText) {
  std::string out;
  EXPECT_FALSE(Base64UrlDecode("Zg==", &out));    // padding
  EXPECT_FALSE(Base64UrlDecode("Zm9v+/", &out));  // standard alphabet
  EXPECT_FALSE(Base64UrlDecode("Zm9vY", &out));   // impossible length
  EXPECT_FALSE(Base64UrlDecode("Zh", &out));      // non-zero trailing bits ("Zg" is canonical)
  EXPECT_FALSE(Base64UrlDecode("Zm 9v", &out));
}

TEST(ParseJwt, SplitsAValidToken) {
  std::string header = Base64UrlEncode(R"({"alg":"RS256"})");
  std::string payload = Base64UrlEncode(R"({"sub":"u1"})");
  ParsedJwt jwt;
  std::string error;
  ASSERT_TRUE(ParseJwt(header + "." + payload + "." + Base64UrlEncode("sig"), &jwt, &error))
      << error;
  EXPECT_EQ(jwt.header["alg"], "RS256");
  EXPECT_EQ(jwt.payload["sub"], "u1");
  EXPECT_EQ(jwt.signing_input, header + "." + payload);
  EXPECT_EQ(jwt.signature, "sig");
}

TEST(ParseJwt, RejectsWrongShapes) {
  ParsedJwt jwt;
  std::string error;
  std::string object = Base64UrlEncode("{}");
  EXPECT_FALSE(ParseJwt(object + "." + object, &jwt, &error));
  EXPECT_FALSE(ParseJwt(object + "." + object + "..", &jwt, &error));
  EXPECT_FALSE(ParseJwt(Base64UrlEncode("{") + "." + object + ".", &jwt, &error));
  EXPECT_FALSE(ParseJwt(object + "." + Base64UrlEncode("\"text\"") + ".", &jwt, &error));
  EXPECT_FALSE(ParseJwt(object + "." + object + ".A", &jwt, &error));
}

TEST(EcdsaSignature, ConvertsBetweenJoseAndDer) {
  // r has its high bit set (DER needs a leading zero), s has leading zero bytes (DER drops them).
  std::string raw(64, '\0');
  for (int i = 0; i < 32; ++i) raw[i] = static_cast<char>(0x80 + i);
  for (int i = 34; i < 64; ++i) raw[i] = static_cast<char>(i);
  std::string der;
  ASSERT_TRUE(JoseEcdsaSignatureToDer(raw, kP256ComponentBytes, &der));
  EXPECT_EQ(static_cast<unsigned char>(der[0]), 0x30);
  std::string back;
  ASSERT_TRUE(DerEcdsaSignatureToJose(der, kP256ComponentBytes, &back));
  EXPECT_EQ(back, raw);

  EXPECT_FALSE(JoseEcdsaSignatureToDer(raw.substr(0, 63), kP256ComponentBytes, &der));
  EXPECT_FALSE(DerEcdsaSignatureToJose("not der", kP256ComponentBytes, &back));
}

}  // namespace
}  // namespace jindu::runtime
