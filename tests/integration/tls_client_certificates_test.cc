// Transport security of a real service binary (registration) over real PostgreSQL and Kafka, with
// certificates made by the openssl command line for this run: a CA, a server certificate for
// localhost/127.0.0.1, a client certificate of that CA and one of another CA.
//
// With --tls-client-ca-file the service answers only callers that present a certificate of the
// client CA: a good one gets SERVING and a real authorised call; plaintext, TLS without a client
// certificate and a certificate of another CA are all refused before any call. With only
// certificate and key the service serves TLS to anyone (the JWT still decides what they may do).
// Metrics stay plain HTTP. Wrong TLS settings stop start-up with a message naming the setting.

#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "grpc/health/v1/health.grpc.pb.h"
#include "harness/child_process.h"
#include "harness/metrics_scrape.h"
#include "harness/service_process.h"
#include "harness/temp_dir.h"
#include "jindu/registration/v1/region_service.grpc.pb.h"

namespace jindu::testing {
namespace {

using namespace std::chrono_literals;
using grpc::health::v1::HealthCheckResponse;

constexpr char kRegistration[] = "services/registration/jindu-registration";
const TestCaller kAdmin{.subject = "admin-1", .roles = {"province_admin"}, .regions = {"430000"}};

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

void WriteFile(const std::string& path, const std::string& text) { std::ofstream(path) << text; }

// The PEM files of one run; made once for all cases (EC P-256 keys: quick to generate).
class Certificates {
 public:
  Certificates() : dir_("tls") {
    WriteFile(File("server.ext"),
              "subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n"
              "keyUsage=critical,digitalSignature\n");
    WriteFile(File("client.ext"),
              "extendedKeyUsage=clientAuth\nkeyUsage=critical,digitalSignature\n");
    MakeCa("ca", "jindu test CA");
    MakeCa("other-ca", "some other CA");
    MakeSigned("server", "ca", "localhost", "server.ext");
    MakeSigned("client", "ca", "casework", "client.ext");
    MakeSigned("rogue", "other-ca", "casework", "client.ext");
    // The server's key under a passphrase: a service has nobody to type it.
    Openssl({"pkey", "-in", File("server.key"), "-aes256", "-passout", "pass:secret", "-out",
             File("encrypted.key")});
  }

  std::string File(const std::string& name) const { return dir_.File(name); }
  std::string Pem(const std::string& name) const { return ReadFile(File(name)); }

 private:
  void Openssl(std::vector<std::string> args) {
    args.insert(args.begin(), "openssl");
    std::string log = File("openssl.log");
    auto process = ChildProcess::Start(args, {}, log);
    ASSERT_EQ(process->Wait(30s), 0) << ReadFile(log);
  }

  void MakeCa(const std::string& name, const std::string& common_name) {
    Openssl({"req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
             "-keyout", File(name + ".key"), "-out", File(name + ".crt"), "-days", "2", "-subj",
             "/CN=" + common_name, "-addext", "basicConstraints=critical,CA:TRUE", "-addext",
             "keyUsage=critical,keyCertSign,cRLSign"});
  }

  void MakeSigned(const std::string& name, const std::string& ca, const std::string& common_name,
                  const std::string& extensions) {
    Openssl({"req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
             "-keyout", File(name + ".key"), "-out", File(name + ".csr"), "-subj",
             "/CN=" + common_name});
    Openssl({"x509", "-req", "-in", File(name + ".csr"), "-CA", File(ca + ".crt"), "-CAkey",
             File(ca + ".key"), "-CAcreateserial", "-out", File(name + ".crt"), "-days", "2",
             "-extfile", File(extensions)});
  }

  TempDir dir_;
};

class TlsClientCertificatesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    certificates_ = new Certificates();
    mutual_ = ServiceProcess::Start(kRegistration, "tls_mutual",
                                    {{"JINDU_TLS_CERT_FILE", certificates_->File("server.crt")},
                                     {"JINDU_TLS_KEY_FILE", certificates_->File("server.key")},
                                     {"JINDU_TLS_CLIENT_CA_FILE", certificates_->File("ca.crt")}},
                                    ClientCredentials("client"))
                  .release();
  }
  static void TearDownTestSuite() {
    delete mutual_;
    mutual_ = nullptr;
    delete certificates_;
    certificates_ = nullptr;
  }

  // TLS trusting the test CA, presenting `client`'s certificate ("" presents none).
  static std::shared_ptr<grpc::ChannelCredentials> ClientCredentials(const std::string& client) {
    grpc::SslCredentialsOptions options;
    options.pem_root_certs = certificates_->Pem("ca.crt");
    if (!client.empty()) {
      options.pem_cert_chain = certificates_->Pem(client + ".crt");
      options.pem_private_key = certificates_->Pem(client + ".key");
    }
    return grpc::SslCredentials(options);
  }

  // One health check on a fresh channel (no connection reused from an earlier case).
  static grpc::Status Health(int port, std::shared_ptr<grpc::ChannelCredentials> credentials,
                             HealthCheckResponse* response) {
    grpc::ChannelArguments arguments;
    arguments.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
    auto channel = grpc::CreateCustomChannel("127.0.0.1:" + std::to_string(port),
                                             std::move(credentials), arguments);
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + 5s);
    return grpc::health::v1::Health::NewStub(channel)->Check(
        &context, grpc::health::v1::HealthCheckRequest(), response);
  }

  static Certificates* certificates_;
  static ServiceProcess* mutual_;
};

Certificates* TlsClientCertificatesTest::certificates_ = nullptr;
ServiceProcess* TlsClientCertificatesTest::mutual_ = nullptr;

TEST_F(TlsClientCertificatesTest, AClientCertificateOfTheClientCaIsServedAndCallsGoThrough) {
  HealthCheckResponse health;
  grpc::Status status = Health(mutual_->grpc_port(), ClientCredentials("client"), &health);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(health.status(), HealthCheckResponse::SERVING);

  // A real call over the mutual-TLS channel: the certificate admits the connection, the JWT
  // still authorises the call.
  auto regions = registration::v1::RegionService::NewStub(mutual_->Channel());
  registration::v1::ListRegionsRequest request;
  registration::v1::ListRegionsResponse response;
  status = regions->ListRegions(mutual_->Context(kAdmin).get(), request, &response);
  EXPECT_TRUE(status.ok()) << status.error_message();
  grpc::ClientContext anonymous;
  anonymous.set_deadline(std::chrono::system_clock::now() + 5s);
  EXPECT_EQ(regions->ListRegions(&anonymous, request, &response).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);

  EXPECT_NE(mutual_->Log().find("\"transport_security\":\"mutual-tls\""), std::string::npos)
      << mutual_->Log();
  // The access log names the system that connected: the client certificate's common name.
  EXPECT_NE(mutual_->Log().find("\"client_certificate\":\"casework\""), std::string::npos)
      << mutual_->Log();
}

TEST_F(TlsClientCertificatesTest, PlaintextCallsAreRefused) {
  HealthCheckResponse health;
  grpc::Status status = Health(mutual_->grpc_port(), grpc::InsecureChannelCredentials(), &health);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE) << status.error_message();
}

TEST_F(TlsClientCertificatesTest, TlsWithoutAClientCertificateIsRefused) {
  HealthCheckResponse health;
  grpc::Status status = Health(mutual_->grpc_port(), ClientCredentials(""), &health);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE) << status.error_message();
}

TEST_F(TlsClientCertificatesTest, AClientCertificateOfAnotherCaIsRefused) {
  HealthCheckResponse health;
  grpc::Status status = Health(mutual_->grpc_port(), ClientCredentials("rogue"), &health);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE) << status.error_message();
}

TEST_F(TlsClientCertificatesTest, AClientThatDoesNotTrustTheServersCaRefusesIt) {
  grpc::SslCredentialsOptions options;
  options.pem_root_certs = certificates_->Pem("other-ca.crt");
  options.pem_cert_chain = certificates_->Pem("client.crt");
  options.pem_private_key = certificates_->Pem("client.key");
  HealthCheckResponse health;
  grpc::Status status = Health(mutual_->grpc_port(), grpc::SslCredentials(options), &health);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE) << status.error_message();
}

TEST_F(TlsClientCertificatesTest, MetricsStayPlainHttp) {
  std::string metrics = ScrapeMetrics(mutual_->metrics_port());
  EXPECT_NE(metrics.find("grpc_server_handled_total"), std::string::npos);
}

TEST_F(TlsClientCertificatesTest, WithoutAClientCaTheServiceServesTlsToAnyClient) {
  auto tls_only = ServiceProcess::Start(kRegistration, "tls_only",
                                        {{"JINDU_TLS_CERT_FILE", certificates_->File("server.crt")},
                                         {"JINDU_TLS_KEY_FILE", certificates_->File("server.key")}},
                                        ClientCredentials(""));
  HealthCheckResponse health;
  grpc::Status status = Health(tls_only->grpc_port(), ClientCredentials(""), &health);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(health.status(), HealthCheckResponse::SERVING);
  EXPECT_EQ(Health(tls_only->grpc_port(), grpc::InsecureChannelCredentials(), &health).error_code(),
            grpc::StatusCode::UNAVAILABLE);
  EXPECT_NE(tls_only->Log().find("\"transport_security\":\"tls\""), std::string::npos)
      << tls_only->Log();
}

// Each wrong TLS configuration stops the process at start-up (exit status 2, the status of every
// configuration problem) with one problem that names the setting. The rest of the configuration is
// complete and the infrastructure unreachable, so getting past the settings would show as exit 1.
TEST_F(TlsClientCertificatesTest, WrongTlsSettingsStopStartUpNamingTheSetting) {
  WriteFile(certificates_->File("garbage.pem"), "not a key\n");
  const std::string missing = certificates_->File("missing.crt");
  const std::string server_crt = certificates_->File("server.crt");
  const std::string server_key = certificates_->File("server.key");
  struct Case {
    std::string name;
    std::map<std::string, std::string> tls;
    std::string expected;
  };
  const std::vector<Case> cases = {
      {"missing_cert",
       {{"JINDU_TLS_CERT_FILE", missing}, {"JINDU_TLS_KEY_FILE", server_key}},
       "--tls-cert-file (JINDU_TLS_CERT_FILE): cannot read file " + missing},
      {"cert_without_key",
       {{"JINDU_TLS_CERT_FILE", server_crt}},
       "--tls-cert-file and --tls-key-file must be given together"},
      {"key_without_cert",
       {{"JINDU_TLS_KEY_FILE", server_key}},
       "--tls-cert-file and --tls-key-file must be given together"},
      {"key_not_pem",
       {{"JINDU_TLS_CERT_FILE", server_crt},
        {"JINDU_TLS_KEY_FILE", certificates_->File("garbage.pem")}},
       "--tls-key-file (JINDU_TLS_KEY_FILE): "},
      {"key_encrypted",
       {{"JINDU_TLS_CERT_FILE", server_crt},
        {"JINDU_TLS_KEY_FILE", certificates_->File("encrypted.key")}},
       "--tls-key-file (JINDU_TLS_KEY_FILE): " + certificates_->File("encrypted.key") +
           " holds an encrypted private key"},
      {"key_of_another_certificate",
       {{"JINDU_TLS_CERT_FILE", server_crt},
        {"JINDU_TLS_KEY_FILE", certificates_->File("client.key")}},
       "--tls-key-file: the key in"},
      {"client_ca_is_a_key",
       {{"JINDU_TLS_CERT_FILE", server_crt},
        {"JINDU_TLS_KEY_FILE", server_key},
        {"JINDU_TLS_CLIENT_CA_FILE", server_key}},
       "--tls-client-ca-file (JINDU_TLS_CLIENT_CA_FILE): "},
      {"client_ca_without_certificate",
       {{"JINDU_TLS_CLIENT_CA_FILE", certificates_->File("ca.crt")}},
       "--tls-client-ca-file needs --tls-cert-file"},
  };
  std::vector<std::unique_ptr<ChildProcess>> processes;
  for (const Case& wrong : cases) {
    std::map<std::string, std::string> environment = {
        {"JINDU_POSTGRES_URL", "postgresql://127.0.0.1:1/none?connect_timeout=1"},
        {"JINDU_KAFKA_BOOTSTRAP", "127.0.0.1:1"},
        {"JINDU_REDIS_ADDRESS", "127.0.0.1:1"},
        {"JINDU_JWT_PUBLIC_KEYS", certificates_->Pem("ca.crt")},
        {"JINDU_JWT_ISSUER", "https://idp.hunan.example"},
        {"JINDU_JWT_AUDIENCE", "jindu"},
        {"JINDU_FIELD_KEYS", "k1 AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="},
        {"JINDU_LOOKUP_KEY", "l1 AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="},
        {"JINDU_GRPC_PORT", "0"},
        {"JINDU_METRICS_PORT", "0"}};
    environment.insert(wrong.tls.begin(), wrong.tls.end());
    processes.push_back(ChildProcess::Start({std::string(JINDU_BUILD_DIR) + "/" + kRegistration},
                                            environment, certificates_->File(wrong.name + ".log")));
  }
  for (std::size_t i = 0; i < cases.size(); ++i) {
    SCOPED_TRACE(cases[i].name);
    EXPECT_EQ(processes[i]->Wait(30s), 2);
    std::string log = ReadFile(processes[i]->log_path());
    EXPECT_NE(log.find("1 configuration problem:"), std::string::npos) << log;
    EXPECT_NE(log.find(cases[i].expected), std::string::npos) << log;
    EXPECT_EQ(log.find("BEGIN"), std::string::npos) << "PEM content in the message:\n" << log;
  }
}

}  // namespace
}  // namespace jindu::testing
