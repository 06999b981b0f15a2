#include "registration/organizations/organization_handlers.h"

namespace jindu::registration {

grpc::Status OrganizationHandlers::Create(const runtime::CallContext&,
                                          const v1::CreateOrganizationRequest&, v1::Organization*) {
  return {grpc::StatusCode::UNIMPLEMENTED, "not implemented yet"};
}

grpc::Status OrganizationHandlers::Get(const runtime::CallContext&,
                                       const v1::GetOrganizationRequest&, v1::Organization*) {
  return {grpc::StatusCode::UNIMPLEMENTED, "not implemented yet"};
}

grpc::Status OrganizationHandlers::List(const runtime::CallContext&,
                                        const v1::ListOrganizationsRequest&,
                                        v1::ListOrganizationsResponse*) {
  return {grpc::StatusCode::UNIMPLEMENTED, "not implemented yet"};
}

grpc::Status OrganizationHandlers::Update(const runtime::CallContext&,
                                          const v1::UpdateOrganizationRequest&, v1::Organization*) {
  return {grpc::StatusCode::UNIMPLEMENTED, "not implemented yet"};
}

grpc::Status OrganizationHandlers::Dissolve(const runtime::CallContext&,
                                            const v1::DissolveOrganizationRequest&,
                                            v1::Organization*) {
  return {grpc::StatusCode::UNIMPLEMENTED, "not implemented yet"};
}

}  // namespace jindu::registration
