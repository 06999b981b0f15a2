// Reading "authorization: Bearer <token>" from call metadata.

#include <gtest/gtest.h>

#include "dev_token/signing_key.h"
#include "dev_token/token_minter.h"
#include "runtime/auth/authenticate_call.h"

namespace jindu::runtime {
namespace {

using Metadata = std::multimap<grpc::string_ref, grpc::string_ref>;

const std::string kSecret = "development-secret-of-at-least-32-bytes";

class AuthenticateCallTest : public ::testing::Test {
 protected:
  AuthenticateCallTest() : verifier_(Config()) {
    dev_token::DevTokenRequest request;
    request.subject = "u-19c2";
    request.roles = {"caseworker"};
    request.regions = {"430102"};
    request.issuer = "dev-idp";
    request.audience = "jindu";
    token_ = dev_token::MintDevToken(request, dev_token::SigningKey::FromHs256Secret(kSecret));
  }

  static AuthConfig Config() {
    AuthConfig config;
    config.issuer = "dev-idp";
    config.audience = "jindu";
    config.allow_dev_hs256 = true;
    config.dev_hs256_secret = kSecret;
    return config;
  }

  grpc::Status Authenticate(const std::vector<std::string>& values, Principal* principal) {
    Metadata metadata;
    metadata.emplace("x-request-id", "r-1");
    for (const auto& value : values) metadata.emplace("authorization", value);
    return AuthenticateMetadata(metadata, verifier_, principal);
  }

  TokenVerifier verifier_;
  std::string token_;
};

TEST_F(AuthenticateCallTest, AcceptsBearerToken) {
  Principal principal;
  grpc::Status status = Authenticate({"Bearer " + token_}, &principal);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(principal.subject, "u-19c2");
  // The scheme is case-insensitive.
  EXPECT_TRUE(Authenticate({"bearer " + token_}, &principal).ok());
}

TEST_F(AuthenticateCallTest, MissingMetadataSaysWhatToSend) {
  Principal principal;
  grpc::Status status = Authenticate({}, &principal);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(status.error_message(),
            "missing authorization metadata: send 'authorization: Bearer <token>'");

  grpc::ServerContext context;  // a call that carried no metadata at all
  status = AuthenticateCall(context, verifier_, &principal);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(status.error_message(),
            "missing authorization metadata: send 'authorization: Bearer <token>'");
}

TEST_F(AuthenticateCallTest, RejectsOtherSchemesEmptyTokensAndDuplicates) {
  Principal principal;
  grpc::Status status = Authenticate({"Basic dXNlcjpwYXNz"}, &principal);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_NE(status.error_message().find("Bearer scheme"), std::string::npos);

  status = Authenticate({"Bearer    "}, &principal);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_NE(status.error_message().find("empty bearer token"), std::string::npos);

  status = Authenticate({token_}, &principal);  // token without a scheme
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAUTHENTICATED);

  status = Authenticate({"Bearer " + token_, "Bearer " + token_}, &principal);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_NE(status.error_message().find("exactly one"), std::string::npos);
  EXPECT_TRUE(principal.subject.empty());
}

TEST_F(AuthenticateCallTest, PassesVerifierRejectionsThrough) {
  Principal principal;
  grpc::Status status = Authenticate({"Bearer " + token_ + "x"}, &principal);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(status.error_message().find(token_.substr(0, 20)), std::string::npos);
}

}  // namespace
}  // namespace jindu::runtime
