#include "reporting/tables/seed_table_handlers.h"

namespace jindu::reporting {

SeedTableHandlers::SeedTableHandlers(ReportingContext& context) : context_(context) {}

grpc::Status SeedTableHandlers::LectureTeams(const runtime::CallContext&,
                                             const v1::ComputeLectureTeamTableRequest&,
                                             v1::ComputeLectureTeamTableResponse*) {
  return grpc::Status(grpc::StatusCode::UNIMPLEMENTED, "not built yet");
}

grpc::Status SeedTableHandlers::Lecturers(const runtime::CallContext&,
                                          const v1::ComputeLecturerTableRequest&,
                                          v1::ComputeLecturerTableResponse*) {
  return grpc::Status(grpc::StatusCode::UNIMPLEMENTED, "not built yet");
}

grpc::Status SeedTableHandlers::SixInto(const runtime::CallContext&,
                                        const v1::ComputeSixIntoTableRequest&,
                                        v1::ComputeSixIntoTableResponse*) {
  return grpc::Status(grpc::StatusCode::UNIMPLEMENTED, "not built yet");
}

grpc::Status SeedTableHandlers::MediaTiers(const runtime::CallContext&,
                                           const v1::ComputeMediaTierTableRequest&,
                                           v1::ComputeMediaTierTableResponse*) {
  return grpc::Status(grpc::StatusCode::UNIMPLEMENTED, "not built yet");
}

grpc::Status SeedTableHandlers::BranchHeads(const runtime::CallContext&,
                                            const v1::ComputeBranchHeadTableRequest&,
                                            v1::ComputeBranchHeadTableResponse*) {
  return grpc::Status(grpc::StatusCode::UNIMPLEMENTED, "not built yet");
}

}  // namespace jindu::reporting
