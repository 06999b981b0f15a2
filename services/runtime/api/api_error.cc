#include "runtime/api/api_error.h"

#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"

namespace jindu::runtime {
namespace {

using common::v1::ErrorReason;
using common::v1::FieldViolationReason;

// What an end user reads for each kind of violation; the field path says where.
const char* LocalizedText(FieldViolationReason reason) {
  switch (reason) {
    case common::v1::FIELD_REQUIRED:
      return "必填项为空";
    case common::v1::FIELD_MALFORMED:
      return "格式不正确";
    case common::v1::FIELD_OUT_OF_RANGE:
      return "超出允许范围";
    case common::v1::FIELD_TOO_LONG:
      return "内容过长";
    case common::v1::FIELD_IMMUTABLE:
      return "该项创建后不可修改";
    case common::v1::FIELD_OUTPUT_ONLY:
      return "该项由系统生成,不可填写";
    case common::v1::VALUE_NOT_ALLOWED:
      return "取值不被允许";
    case common::v1::REFERENCE_NOT_FOUND:
      return "引用的对象不存在";
    case common::v1::CHECK_DIGIT_MISMATCH:
      return "身份证号码校验位错误";
    case common::v1::ID_NUMBER_INCONSISTENT:
      return "身份证号码中的地区或出生日期无效";
    case common::v1::END_BEFORE_START:
      return "结束日期早于开始日期";
    case common::v1::DATE_IN_FUTURE:
      return "日期不能晚于今天";
    case common::v1::DUPLICATE_IN_REQUEST:
      return "与本次提交中的其他项重复";
    case common::v1::UNKNOWN_FIELD_PATH:
      return "未知的字段路径";
    default:
      return "输入有误";
  }
}

grpc::Status Pack(grpc::StatusCode code, const std::string& message, ErrorReason reason,
                  const std::map<std::string, std::string>& metadata,
                  const std::vector<const google::protobuf::Message*>& extra_details) {
  google::rpc::Status status;
  status.set_code(static_cast<int>(code));
  status.set_message(message);
  google::rpc::ErrorInfo info;
  info.set_domain("jindu");
  info.set_reason(common::v1::ErrorReason_Name(reason));
  for (const auto& [key, value] : metadata) (*info.mutable_metadata())[key] = value;
  status.add_details()->PackFrom(info);
  for (const google::protobuf::Message* detail : extra_details) {
    status.add_details()->PackFrom(*detail);
  }
  return grpc::Status(code, message, status.SerializeAsString());
}

}  // namespace

grpc::Status ApiError(grpc::StatusCode code, ErrorReason reason, const std::string& message,
                      const std::map<std::string, std::string>& metadata) {
  return Pack(code, message, reason, metadata, {});
}

grpc::Status InvalidArgumentError(const std::vector<FieldViolation>& violations) {
  google::rpc::BadRequest bad_request;
  std::string message;
  for (const FieldViolation& violation : violations) {
    auto* detail = bad_request.add_field_violations();
    detail->set_field(violation.field);
    detail->set_description(violation.description);
    detail->set_reason(common::v1::FieldViolationReason_Name(violation.reason));
    detail->mutable_localized_message()->set_locale("zh-CN");
    detail->mutable_localized_message()->set_message(LocalizedText(violation.reason));
    if (!message.empty()) message += "; ";
    message += violation.field + ": " + violation.description;
  }
  return Pack(grpc::StatusCode::INVALID_ARGUMENT, message, common::v1::INVALID_FIELD, {},
              {&bad_request});
}

grpc::Status InvalidFieldError(std::string field, FieldViolationReason reason,
                               std::string description) {
  return InvalidArgumentError({{std::move(field), reason, std::move(description)}});
}

grpc::Status NotFoundError(const std::string& resource_type, const std::string& resource_name) {
  google::rpc::ResourceInfo resource;
  resource.set_resource_type(resource_type);
  resource.set_resource_name(resource_name);
  return Pack(grpc::StatusCode::NOT_FOUND, resource_name + " not found",
              common::v1::RESOURCE_NOT_FOUND, {}, {&resource});
}

grpc::Status AlreadyExistsError(ErrorReason reason, const std::string& message,
                                const std::string& resource_type,
                                const std::string& resource_name) {
  if (resource_name.empty()) {
    return Pack(grpc::StatusCode::ALREADY_EXISTS, message, reason, {}, {});
  }
  google::rpc::ResourceInfo resource;
  resource.set_resource_type(resource_type);
  resource.set_resource_name(resource_name);
  return Pack(grpc::StatusCode::ALREADY_EXISTS, message, reason, {}, {&resource});
}

grpc::Status FailedPreconditionError(ErrorReason reason, const std::string& message,
                                     const std::string& subject) {
  google::rpc::PreconditionFailure failure;
  auto* violation = failure.add_violations();
  violation->set_type(common::v1::ErrorReason_Name(reason));
  violation->set_subject(subject);
  violation->set_description(message);
  return Pack(grpc::StatusCode::FAILED_PRECONDITION, message, reason, {}, {&failure});
}

grpc::Status EtagMismatchError(const std::string& resource_name) {
  return Pack(grpc::StatusCode::ABORTED,
              resource_name + " changed since it was read (etag mismatch): read it again",
              common::v1::ETAG_MISMATCH, {}, {});
}

grpc::Status PermissionDeniedError(ErrorReason reason, const std::string& message) {
  return Pack(grpc::StatusCode::PERMISSION_DENIED, message, reason, {}, {});
}

void FieldViolations::Add(std::string field, FieldViolationReason reason, std::string description) {
  violations_.push_back({std::move(field), reason, std::move(description)});
}

grpc::Status FieldViolations::ToStatus() const {
  if (violations_.empty()) return grpc::Status::OK;
  return InvalidArgumentError(violations_);
}

}  // namespace jindu::runtime
