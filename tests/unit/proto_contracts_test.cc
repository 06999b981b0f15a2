// Rules that hold across every contract in proto/, checked on the compiled descriptor set so that a
// new message cannot quietly break them:
// - no event payload reaches a field marked (jindu.common.v1.sensitive), however deeply nested;
// - every RPC takes <Method>Request; List methods page; Create methods take a request_id.

#include <google/protobuf/descriptor.h>
#include <google/protobuf/descriptor.pb.h>
#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>

#include "jindu/common/v1/annotations.pb.h"

namespace {

using google::protobuf::Descriptor;
using google::protobuf::DescriptorPool;
using google::protobuf::FieldDescriptor;
using google::protobuf::FileDescriptor;

class ProtoContractsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::ifstream in(JINDU_DESCRIPTOR_SET_PATH, std::ios::binary);
    ASSERT_TRUE(in) << "missing " << JINDU_DESCRIPTOR_SET_PATH;
    std::stringstream bytes;
    bytes << in.rdbuf();
    // Parsed with the generated extension registry, so field options keep `sensitive`.
    ASSERT_TRUE(set_.ParseFromString(bytes.str()));
    for (const auto& file : set_.file()) ASSERT_NE(pool_.BuildFile(file), nullptr) << file.name();
  }

  static std::vector<const FileDescriptor*> JinduFiles() {
    std::vector<const FileDescriptor*> files;
    for (const auto& file : set_.file()) {
      if (file.package().rfind("jindu.", 0) == 0)
        files.push_back(pool_.FindFileByName(file.name()));
    }
    return files;
  }

  static bool IsEventPackage(const std::string& package) {
    return package == "jindu.events.v1" ||
           (package.size() > 10 && package.substr(package.size() - 10) == ".events.v1");
  }

  static google::protobuf::FileDescriptorSet set_;
  static DescriptorPool pool_;
};

google::protobuf::FileDescriptorSet ProtoContractsTest::set_;
DescriptorPool ProtoContractsTest::pool_;

bool IsSensitive(const FieldDescriptor* field) {
  return field->options().GetExtension(jindu::common::v1::sensitive);
}

// Paths from `message` to sensitive fields, following message-typed fields (each type once).
void FindSensitivePaths(const Descriptor* message, const std::string& path,
                        std::set<const Descriptor*>& seen, std::vector<std::string>& found) {
  if (!seen.insert(message).second) return;
  for (int i = 0; i < message->field_count(); ++i) {
    const FieldDescriptor* field = message->field(i);
    std::string field_path = path + "." + field->name();
    if (IsSensitive(field)) found.push_back(field_path);
    if (field->message_type() != nullptr) {
      FindSensitivePaths(field->message_type(), field_path, seen, found);
    }
  }
}

TEST_F(ProtoContractsTest, TheSensitiveOptionIsUsedWhereCaseDataLives) {
  // Guards the check below against passing vacuously (e.g. the option failing to parse).
  int sensitive_fields = 0;
  for (const FileDescriptor* file : JinduFiles()) {
    for (int m = 0; m < file->message_type_count(); ++m) {
      std::set<const Descriptor*> seen;
      std::vector<std::string> found;
      FindSensitivePaths(file->message_type(m), file->message_type(m)->full_name(), seen, found);
      sensitive_fields += static_cast<int>(found.size());
    }
  }
  EXPECT_GT(sensitive_fields, 10);
}

TEST_F(ProtoContractsTest, NoEventPayloadCarriesASensitiveField) {
  int event_messages = 0;
  for (const FileDescriptor* file : JinduFiles()) {
    if (!IsEventPackage(file->package())) continue;
    for (int m = 0; m < file->message_type_count(); ++m) {
      ++event_messages;
      std::set<const Descriptor*> seen;
      std::vector<std::string> found;
      FindSensitivePaths(file->message_type(m), file->message_type(m)->full_name(), seen, found);
      for (const std::string& path : found) ADD_FAILURE() << "personal data in an event: " << path;
    }
  }
  EXPECT_GT(event_messages, 20) << "the event packages were not found";
}

TEST_F(ProtoContractsTest, EveryMethodFollowsTheApiConventions) {
  int methods = 0;
  for (const FileDescriptor* file : JinduFiles()) {
    for (int s = 0; s < file->service_count(); ++s) {
      for (int m = 0; m < file->service(s)->method_count(); ++m) {
        const auto* method = file->service(s)->method(m);
        const Descriptor* request = method->input_type();
        ++methods;
        EXPECT_EQ(request->name(), method->name() + "Request") << method->full_name();
        if (method->name().rfind("List", 0) == 0 && !method->server_streaming()) {
          EXPECT_NE(request->FindFieldByName("page_size"), nullptr) << method->full_name();
          EXPECT_NE(request->FindFieldByName("page_token"), nullptr) << method->full_name();
          EXPECT_NE(method->output_type()->FindFieldByName("next_page_token"), nullptr)
              << method->full_name();
        }
        if (method->name().rfind("Create", 0) == 0) {
          EXPECT_NE(request->FindFieldByName("request_id"), nullptr) << method->full_name();
        }
      }
    }
  }
  EXPECT_GT(methods, 50);
}

}  // namespace
