// TokenVerifier against tokens minted with keys generated at test time (no key files committed).

#include <gtest/gtest.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include <stdexcept>

#include "dev_token/key_pair.h"
#include "dev_token/signing_key.h"
#include "dev_token/token_minter.h"
#include "runtime/auth/base64url.h"
#include "runtime/auth/jwt.h"
#include "runtime/auth/token_verifier.h"

namespace jindu::runtime {
namespace {

using dev_token::EncodeAndSign;
using dev_token::GenerateKeyPair;
using dev_token::PemKeyPair;
using dev_token::SigningKey;
using std::chrono::seconds;
using std::chrono::system_clock;

constexpr char kIssuer[] = "https://idp.test.hn.gov.cn";
constexpr char kAudience[] = "jindu";
const system_clock::time_point kNow = system_clock::time_point(seconds(1'790'000'000));
const long long kNowSeconds = 1'790'000'000;

class TokenVerifierTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    rsa_ = new PemKeyPair(GenerateKeyPair(JwsAlgorithm::kRs256));
    ec_ = new PemKeyPair(GenerateKeyPair(JwsAlgorithm::kEs256));
    other_rsa_ = new PemKeyPair(GenerateKeyPair(JwsAlgorithm::kRs256));
  }
  static void TearDownTestSuite() {
    delete rsa_;
    delete ec_;
    delete other_rsa_;
  }

  static AuthConfig BaseConfig() {
    AuthConfig config;
    config.issuer = kIssuer;
    config.audience = kAudience;
    config.now = [] { return kNow; };
    return config;
  }
  static AuthConfig PublicKeyConfig() {
    AuthConfig config = BaseConfig();
    config.public_key_pems = {rsa_->public_pem, ec_->public_pem};
    return config;
  }
  static nlohmann::json GoodClaims() {
    return {{"sub", "u-7f3a"},          {"roles", {"caseworker", "viewer"}},
            {"regions", {"430102"}},    {"iss", kIssuer},
            {"aud", kAudience},         {"iat", kNowSeconds - 10},
            {"exp", kNowSeconds + 3600}};
  }
  static std::string Sign(const nlohmann::json& claims, const std::string& private_pem,
                          nlohmann::json header = nlohmann::json::object()) {
    return EncodeAndSign(std::move(header), claims, SigningKey::FromPrivateKeyPem(private_pem));
  }

  // Every rejection is UNAUTHENTICATED, names the failed check and never echoes the token.
  static void ExpectRejected(const TokenVerifier& verifier, const std::string& token,
                             const std::string& reason) {
    Principal principal;
    grpc::Status status = verifier.Verify(token, &principal);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAUTHENTICATED) << status.error_message();
    EXPECT_NE(status.error_message().find(reason), std::string::npos)
        << "message: " << status.error_message();
    for (size_t start = 0; start < token.size(); start = token.find('.', start) + 1) {
      std::string segment = token.substr(start, token.find('.', start) - start);
      if (segment.size() >= 8) {
        EXPECT_EQ(status.error_message().find(segment), std::string::npos) << "token echoed";
      }
      if (token.find('.', start) == std::string::npos) break;
    }
    EXPECT_TRUE(principal.subject.empty());
  }

  static PemKeyPair* rsa_;
  static PemKeyPair* ec_;
  static PemKeyPair* other_rsa_;
};

PemKeyPair* TokenVerifierTest::rsa_ = nullptr;
PemKeyPair* TokenVerifierTest::ec_ = nullptr;
PemKeyPair* TokenVerifierTest::other_rsa_ = nullptr;

TEST_F(TokenVerifierTest, AcceptsValidRs256AndFillsPrincipal) {
  TokenVerifier verifier(PublicKeyConfig());
  Principal principal;
  grpc::Status status = verifier.Verify(Sign(GoodClaims(), rsa_->private_pem), &principal);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(principal.subject, "u-7f3a");
  EXPECT_EQ(principal.roles, (std::vector<std::string>{"caseworker", "viewer"}));
  EXPECT_EQ(principal.region_scopes, (std::vector<std::string>{"430102"}));
  EXPECT_TRUE(principal.HasRole("caseworker"));
  EXPECT_FALSE(principal.HasRole("admin"));
}

TEST_F(TokenVerifierTest, AcceptsValidEs256) {
  TokenVerifier verifier(PublicKeyConfig());
  Principal principal;
  grpc::Status status = verifier.Verify(Sign(GoodClaims(), ec_->private_pem), &principal);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(principal.subject, "u-7f3a");
}

TEST_F(TokenVerifierTest, AcceptsAudienceArrayAndMissingOptionalClaims) {
  TokenVerifier verifier(PublicKeyConfig());
  nlohmann::json claims = GoodClaims();
  claims["aud"] = {"other-service", kAudience};
  claims.erase("roles");
  claims.erase("regions");
  claims.erase("iat");
  Principal principal;
  grpc::Status status = verifier.Verify(Sign(claims, ec_->private_pem), &principal);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_TRUE(principal.roles.empty());
  EXPECT_TRUE(principal.region_scopes.empty());
}

// A verified token is remembered (the next call skips the signature check), but only its exact
// bytes and only inside its own time window: the expiry still ends it, a tampered copy is still
// checked, a token not yet valid is never remembered.
TEST_F(TokenVerifierTest, RemembersAVerifiedTokenOnlyWhileItIsValid) {
  static std::chrono::system_clock::time_point clock;
  clock = kNow;
  AuthConfig config = PublicKeyConfig();
  config.now = [] { return clock; };
  const TokenVerifier verifier(config);
  const std::string token = Sign(GoodClaims(), ec_->private_pem);
  Principal principal;
  ASSERT_TRUE(verifier.Verify(token, &principal).ok());
  principal = {};
  ASSERT_TRUE(verifier.Verify(token, &principal).ok());  // remembered
  EXPECT_EQ(principal.subject, "u-7f3a");
  EXPECT_EQ(principal.roles, (std::vector<std::string>{"caseworker", "viewer"}));

  std::string tampered = token;
  tampered.back() = tampered.back() == 'A' ? 'B' : 'A';
  ExpectRejected(verifier, tampered, "signature");

  clock = kNow + std::chrono::seconds(3600) + config.leeway + std::chrono::seconds(1);
  ExpectRejected(verifier, token, "expired");
  clock = kNow;
  EXPECT_TRUE(verifier.Verify(token, &principal).ok());

  nlohmann::json later = GoodClaims();
  later["nbf"] = kNowSeconds + 600;
  const std::string early = Sign(later, ec_->private_pem);
  ExpectRejected(verifier, early, "not valid before");
  ExpectRejected(verifier, early, "not valid before");
  clock = kNow + std::chrono::seconds(600);
  EXPECT_TRUE(verifier.Verify(early, &principal).ok());
}

TEST_F(TokenVerifierTest, RejectsExpiredButToleratesLeeway) {
  TokenVerifier verifier(PublicKeyConfig());
  nlohmann::json claims = GoodClaims();
  claims["exp"] = kNowSeconds - 120;
  ExpectRejected(verifier, Sign(claims, rsa_->private_pem), "expired");

  claims["exp"] = kNowSeconds - 10;  // within the 30 s leeway
  Principal principal;
  EXPECT_TRUE(verifier.Verify(Sign(claims, rsa_->private_pem), &principal).ok());
}

TEST_F(TokenVerifierTest, RejectsMissingOrNonNumericExpiry) {
  TokenVerifier verifier(PublicKeyConfig());
  nlohmann::json claims = GoodClaims();
  claims.erase("exp");
  ExpectRejected(verifier, Sign(claims, rsa_->private_pem), "'exp'");
  claims["exp"] = "tomorrow";
  ExpectRejected(verifier, Sign(claims, rsa_->private_pem), "NumericDate");
}

TEST_F(TokenVerifierTest, RejectsNotYetValid) {
  TokenVerifier verifier(PublicKeyConfig());
  nlohmann::json claims = GoodClaims();
  claims["nbf"] = kNowSeconds + 120;
  ExpectRejected(verifier, Sign(claims, rsa_->private_pem), "not valid before");
}

TEST_F(TokenVerifierTest, SurvivesAbsurdTimes) {
  TokenVerifier verifier(PublicKeyConfig());
  nlohmann::json claims = GoodClaims();
  claims["nbf"] = 1e300;
  ExpectRejected(verifier, Sign(claims, rsa_->private_pem), "not valid before (out of range)");
  claims = GoodClaims();
  claims["exp"] = -1e300;
  ExpectRejected(verifier, Sign(claims, rsa_->private_pem), "expired at (out of range)");
}

TEST_F(TokenVerifierTest, RejectsIssuedInTheFuture) {
  TokenVerifier verifier(PublicKeyConfig());
  nlohmann::json claims = GoodClaims();
  claims["iat"] = kNowSeconds + 600;
  ExpectRejected(verifier, Sign(claims, rsa_->private_pem), "issued in the future");
}

TEST_F(TokenVerifierTest, RejectsWrongIssuer) {
  TokenVerifier verifier(PublicKeyConfig());
  nlohmann::json claims = GoodClaims();
  claims["iss"] = "https://idp.elsewhere.example";
  ExpectRejected(verifier, Sign(claims, rsa_->private_pem), "issuer");
}

TEST_F(TokenVerifierTest, RejectsWrongAudience) {
  TokenVerifier verifier(PublicKeyConfig());
  nlohmann::json claims = GoodClaims();
  claims["aud"] = {"reporting-only"};
  ExpectRejected(verifier, Sign(claims, rsa_->private_pem), "audience");
  claims.erase("aud");
  ExpectRejected(verifier, Sign(claims, rsa_->private_pem), "audience");
}

TEST_F(TokenVerifierTest, RejectsMissingSubjectAndBadlyTypedGrants) {
  TokenVerifier verifier(PublicKeyConfig());
  nlohmann::json claims = GoodClaims();
  claims.erase("sub");
  ExpectRejected(verifier, Sign(claims, rsa_->private_pem), "subject");
  claims = GoodClaims();
  claims["regions"] = "430102";
  ExpectRejected(verifier, Sign(claims, rsa_->private_pem), "'regions' must be an array");
  claims = GoodClaims();
  claims["roles"] = {"caseworker", 7};
  ExpectRejected(verifier, Sign(claims, rsa_->private_pem), "'roles' must be an array");
}

TEST_F(TokenVerifierTest, RejectsTamperedPayload) {
  TokenVerifier verifier(PublicKeyConfig());
  std::string token = Sign(GoodClaims(), rsa_->private_pem);
  nlohmann::json widened = GoodClaims();
  widened["regions"] = {"430000"};  // try to widen the scope to the whole province
  size_t first = token.find('.');
  size_t second = token.find('.', first + 1);
  std::string tampered =
      token.substr(0, first + 1) + Base64UrlEncode(widened.dump()) + token.substr(second);
  ExpectRejected(verifier, tampered, "signature does not verify");

  // Flipping one signature bit must fail too.
  std::string signature;
  ASSERT_TRUE(Base64UrlDecode(token.substr(second + 1), &signature));
  signature[10] = static_cast<char>(signature[10] ^ 0x01);
  ExpectRejected(verifier, token.substr(0, second + 1) + Base64UrlEncode(signature),
                 "signature does not verify");
}

TEST_F(TokenVerifierTest, RejectsTokenSignedByAnotherKey) {
  TokenVerifier verifier(PublicKeyConfig());
  ExpectRejected(verifier, Sign(GoodClaims(), other_rsa_->private_pem),
                 "signature does not verify");
}

TEST_F(TokenVerifierTest, RejectsAlgNone) {
  TokenVerifier verifier(PublicKeyConfig());
  for (const char* alg : {"none", "None", "NONE"}) {
    nlohmann::json header = {{"alg", alg}, {"typ", "JWT"}};
    std::string token =
        Base64UrlEncode(header.dump()) + "." + Base64UrlEncode(GoodClaims().dump()) + ".";
    ExpectRejected(verifier, token, "alg 'none'");
  }
}

TEST_F(TokenVerifierTest, RejectsKeyConfusionHs256SignedWithPublicKeyPem) {
  TokenVerifier verifier(PublicKeyConfig());
  // The classic attack: take the service's RS256 public key, use its PEM bytes as an HMAC secret.
  SigningKey forged = SigningKey::FromHs256Secret(rsa_->public_pem);
  std::string token = EncodeAndSign(nlohmann::json::object(), GoodClaims(), forged);
  ExpectRejected(verifier, token, "algorithm 'HS256' is not accepted");
}

TEST_F(TokenVerifierTest, RejectsHeaderAlgorithmThatDisagreesWithTheKey) {
  TokenVerifier verifier(PublicKeyConfig());
  // Signed with the EC key but labelled RS256: only the RSA key is consulted, and it fails.
  SigningKey ec = SigningKey::FromPrivateKeyPem(ec_->private_pem);
  std::string input = Base64UrlEncode(nlohmann::json{{"alg", "RS256"}}.dump()) + "." +
                      Base64UrlEncode(GoodClaims().dump());
  ExpectRejected(verifier, input + "." + Base64UrlEncode(ec.Sign(input)),
                 "signature does not verify");
}

TEST_F(TokenVerifierTest, RejectsCriticalHeaderExtensions) {
  TokenVerifier verifier(PublicKeyConfig());
  nlohmann::json header = {{"crit", {"exp-v2"}}, {"exp-v2", 1}};
  ExpectRejected(verifier, Sign(GoodClaims(), rsa_->private_pem, header), "crit");
}

TEST_F(TokenVerifierTest, RejectsMalformedTokens) {
  TokenVerifier verifier(PublicKeyConfig());
  ExpectRejected(verifier, "", "empty");
  ExpectRejected(verifier, "not-a-token", "compact JWS");
  ExpectRejected(verifier, "a.b.c.d", "compact JWS");
  ExpectRejected(verifier, "eyJ!.e30.AAAA", "base64url");
  ExpectRejected(verifier, Base64UrlEncode("[1,2]") + ".e30.AAAA", "JSON object");
  ExpectRejected(verifier, std::string(kMaxJwtLength + 1, 'a'), "longer than");
  // Padding is not base64url as JWS uses it.
  std::string token = Sign(GoodClaims(), rsa_->private_pem);
  ExpectRejected(verifier, token + "==", "base64url");
}

TEST_F(TokenVerifierTest, SelectsKeyByKid) {
  AuthConfig config = BaseConfig();
  config.public_key_pems_by_kid = {{"rsa-2026", rsa_->public_pem}, {"ec-2026", ec_->public_pem}};
  TokenVerifier verifier(config);
  Principal principal;
  EXPECT_TRUE(
      verifier.Verify(Sign(GoodClaims(), ec_->private_pem, {{"kid", "ec-2026"}}), &principal).ok());
  EXPECT_TRUE(verifier.Verify(Sign(GoodClaims(), rsa_->private_pem), &principal).ok());
  // The RSA key's kid names the RSA key only: an EC signature is not tried against the EC key.
  ExpectRejected(verifier, Sign(GoodClaims(), ec_->private_pem, {{"kid", "rsa-2026"}}),
                 "algorithm 'ES256' is not accepted");
  ExpectRejected(verifier, Sign(GoodClaims(), rsa_->private_pem, {{"kid", "rsa-2019"}}),
                 "key id 'rsa-2019' is not among");
}

TEST_F(TokenVerifierTest, AcceptsHs256OnlyInDevelopmentMode) {
  const std::string secret = "development-secret-of-at-least-32-bytes";
  std::string token =
      EncodeAndSign(nlohmann::json::object(), GoodClaims(), SigningKey::FromHs256Secret(secret));

  AuthConfig dev = BaseConfig();
  dev.allow_dev_hs256 = true;
  dev.dev_hs256_secret = secret;
  Principal principal;
  grpc::Status status = TokenVerifier(dev).Verify(token, &principal);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(principal.subject, "u-7f3a");

  // The same token against a production configuration.
  ExpectRejected(TokenVerifier(PublicKeyConfig()), token, "algorithm 'HS256' is not accepted");
  // And a development verifier refuses a token with another secret or an RS256 token.
  std::string other = EncodeAndSign(nlohmann::json::object(), GoodClaims(),
                                    SigningKey::FromHs256Secret(secret + "-other"));
  ExpectRejected(TokenVerifier(dev), other, "signature does not verify");
  ExpectRejected(TokenVerifier(dev), Sign(GoodClaims(), rsa_->private_pem),
                 "algorithm 'RS256' is not accepted");
}

// Construction must fail loudly, naming the problem, rather than start a service that accepts
// the wrong tokens.
void ExpectConfigRefused(const AuthConfig& config, const std::string& reason) {
  try {
    TokenVerifier verifier(config);
    ADD_FAILURE() << "accepted a configuration that should fail with: " << reason;
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find(reason), std::string::npos) << e.what();
  }
}

TEST_F(TokenVerifierTest, RefusesHs256BesidePublicKeys) {
  AuthConfig config = PublicKeyConfig();
  config.allow_dev_hs256 = true;
  config.dev_hs256_secret = "development-secret-of-at-least-32-bytes";
  ExpectConfigRefused(config, "beside public keys");
}

TEST_F(TokenVerifierTest, RefusesIncompleteOrUnsafeConfigurations) {
  ExpectConfigRefused(BaseConfig(), "no verification public keys");

  AuthConfig config = PublicKeyConfig();
  config.public_key_pems.push_back(
      "-----BEGIN PUBLIC KEY-----\nnot base64\n-----END PUBLIC KEY-----\n");
  ExpectConfigRefused(config, "public key #3");

  config = PublicKeyConfig();
  config.public_key_pems = {rsa_->private_pem};  // a private key where a public one belongs
  ExpectConfigRefused(config, "not a readable PEM public key");

  config = PublicKeyConfig();
  config.issuer.clear();
  ExpectConfigRefused(config, "issuer");

  config = PublicKeyConfig();
  config.audience.clear();
  ExpectConfigRefused(config, "audience");

  config = PublicKeyConfig();
  config.dev_hs256_secret = "development-secret-of-at-least-32-bytes";
  ExpectConfigRefused(config, "flag is off");

  config = BaseConfig();
  config.allow_dev_hs256 = true;
  config.dev_hs256_secret = "short";
  ExpectConfigRefused(config, "at least 32");

  config = BaseConfig();
  config.allow_dev_hs256 = true;
  ExpectConfigRefused(config, "secret is empty");
}

TEST_F(TokenVerifierTest, RefusesWeakRsaKeys) {
  EvpPkeyPtr weak(EVP_RSA_gen(1024));
  ASSERT_TRUE(weak);
  BioPtr bio(BIO_new(BIO_s_mem()));
  ASSERT_EQ(PEM_write_bio_PUBKEY(bio.get(), weak.get()), 1);
  char* data = nullptr;
  long length = BIO_get_mem_data(bio.get(), &data);
  AuthConfig config = BaseConfig();
  config.public_key_pems = {std::string(data, static_cast<size_t>(length))};
  ExpectConfigRefused(config, "1024 bits");
}

}  // namespace
}  // namespace jindu::runtime
