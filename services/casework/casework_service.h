#pragma once
// CaseworkService (casework_service.proto): each RPC runs in HandleCall (authentication, deadline,
// request ids) and is handed to the handlers of its area. Methods not overridden here answer
// UNIMPLEMENTED.
#include "casework/assistance/pairing_handlers.h"
#include "casework/assistance/team_handlers.h"
#include "casework/cases/case_handlers.h"
#include "casework/cases/case_transition_handlers.h"
#include "casework/casework_context.h"
#include "casework/contacts/contact_handlers.h"
#include "casework/help/help_handlers.h"
#include "casework/intake/intake_handlers.h"
#include "casework/transfers/transfer_handlers.h"
#include "casework/urine_tests/urine_test_handlers.h"
#include "jindu/casework/v1/casework_service.grpc.pb.h"
#include "runtime/crypto/reseal_worker.h"

namespace jindu::casework {

class CaseworkServiceImpl final : public v1::CaseworkService::Service {
 public:
  explicit CaseworkServiceImpl(CaseworkContext& context);

  // --- cases ---
  grpc::Status CreateCase(grpc::ServerContext* context, const v1::CreateCaseRequest* request,
                          v1::Case* response) override;
  grpc::Status GetCase(grpc::ServerContext* context, const v1::GetCaseRequest* request,
                       v1::Case* response) override;
  grpc::Status ListCases(grpc::ServerContext* context, const v1::ListCasesRequest* request,
                         v1::ListCasesResponse* response) override;
  grpc::Status LookupCases(grpc::ServerContext* context, const v1::LookupCasesRequest* request,
                           v1::LookupCasesResponse* response) override;
  grpc::Status UpdateCase(grpc::ServerContext* context, const v1::UpdateCaseRequest* request,
                          v1::Case* response) override;
  grpc::Status GetWorkListSummary(grpc::ServerContext* context,
                                  const v1::GetWorkListSummaryRequest* request,
                                  v1::WorkListSummary* response) override;

  // --- intake ---
  grpc::Status IngestMeasureDecisions(grpc::ServerContext* context,
                                      const v1::IngestMeasureDecisionsRequest* request,
                                      v1::IngestMeasureDecisionsResponse* response) override;
  grpc::Status StreamMeasureDecisions(
      grpc::ServerContext* context,
      grpc::ServerReaderWriter<v1::StreamMeasureDecisionsResponse,
                               v1::StreamMeasureDecisionsRequest>* stream) override;
  grpc::Status RecordMeasureReport(grpc::ServerContext* context,
                                   const v1::RecordMeasureReportRequest* request,
                                   v1::Case* response) override;

  // --- status transitions ---
  grpc::Status ReportLostContact(grpc::ServerContext* context,
                                 const v1::ReportLostContactRequest* request,
                                 v1::Case* response) override;
  grpc::Status RestoreContact(grpc::ServerContext* context,
                              const v1::RestoreContactRequest* request,
                              v1::Case* response) override;
  grpc::Status ConfirmRelapse(grpc::ServerContext* context,
                              const v1::ConfirmRelapseRequest* request,
                              v1::Case* response) override;
  grpc::Status DismissSuspectedRelapse(grpc::ServerContext* context,
                                       const v1::DismissSuspectedRelapseRequest* request,
                                       v1::Case* response) override;
  grpc::Status ConfirmAbstinence(grpc::ServerContext* context,
                                 const v1::ConfirmAbstinenceRequest* request,
                                 v1::Case* response) override;
  grpc::Status CloseCase(grpc::ServerContext* context, const v1::CloseCaseRequest* request,
                         v1::Case* response) override;

  // --- transfers between counties ---
  grpc::Status CreateCaseTransfer(grpc::ServerContext* context,
                                  const v1::CreateCaseTransferRequest* request,
                                  v1::CaseTransfer* response) override;
  grpc::Status GetCaseTransfer(grpc::ServerContext* context,
                               const v1::GetCaseTransferRequest* request,
                               v1::CaseTransfer* response) override;
  grpc::Status ListCaseTransfers(grpc::ServerContext* context,
                                 const v1::ListCaseTransfersRequest* request,
                                 v1::ListCaseTransfersResponse* response) override;
  grpc::Status AcceptCaseTransfer(grpc::ServerContext* context,
                                  const v1::AcceptCaseTransferRequest* request,
                                  v1::CaseTransfer* response) override;
  grpc::Status RejectCaseTransfer(grpc::ServerContext* context,
                                  const v1::RejectCaseTransferRequest* request,
                                  v1::CaseTransfer* response) override;
  grpc::Status CancelCaseTransfer(grpc::ServerContext* context,
                                  const v1::CancelCaseTransferRequest* request,
                                  v1::CaseTransfer* response) override;

  // --- help team and pairings ---
  grpc::Status GetCaseTeam(grpc::ServerContext* context, const v1::GetCaseTeamRequest* request,
                           v1::CaseTeam* response) override;
  grpc::Status UpdateCaseTeam(grpc::ServerContext* context,
                              const v1::UpdateCaseTeamRequest* request,
                              v1::CaseTeam* response) override;
  grpc::Status CreatePairing(grpc::ServerContext* context, const v1::CreatePairingRequest* request,
                             v1::Pairing* response) override;
  grpc::Status ListPairings(grpc::ServerContext* context, const v1::ListPairingsRequest* request,
                            v1::ListPairingsResponse* response) override;
  grpc::Status EndPairing(grpc::ServerContext* context, const v1::EndPairingRequest* request,
                          v1::Pairing* response) override;
  // --- contacts ---
  grpc::Status CreateContact(grpc::ServerContext* context, const v1::CreateContactRequest* request,
                             v1::Contact* response) override;
  grpc::Status GetContact(grpc::ServerContext* context, const v1::GetContactRequest* request,
                          v1::Contact* response) override;
  grpc::Status ListContacts(grpc::ServerContext* context, const v1::ListContactsRequest* request,
                            v1::ListContactsResponse* response) override;
  grpc::Status UpdateContact(grpc::ServerContext* context, const v1::UpdateContactRequest* request,
                             v1::Contact* response) override;

  // --- urine tests ---
  grpc::Status RecordUrineTest(grpc::ServerContext* context,
                               const v1::RecordUrineTestRequest* request,
                               v1::UrineTest* response) override;
  grpc::Status GetUrineTest(grpc::ServerContext* context, const v1::GetUrineTestRequest* request,
                            v1::UrineTest* response) override;
  grpc::Status ListUrineTests(grpc::ServerContext* context,
                              const v1::ListUrineTestsRequest* request,
                              v1::ListUrineTestsResponse* response) override;

  // --- help ---
  grpc::Status CreateHelpRecord(grpc::ServerContext* context,
                                const v1::CreateHelpRecordRequest* request,
                                v1::HelpRecord* response) override;
  grpc::Status GetHelpRecord(grpc::ServerContext* context, const v1::GetHelpRecordRequest* request,
                             v1::HelpRecord* response) override;
  grpc::Status ListHelpRecords(grpc::ServerContext* context,
                               const v1::ListHelpRecordsRequest* request,
                               v1::ListHelpRecordsResponse* response) override;
  grpc::Status UpdateHelpRecord(grpc::ServerContext* context,
                                const v1::UpdateHelpRecordRequest* request,
                                v1::HelpRecord* response) override;

 private:
  const runtime::CallPolicy& policy_;
  CaseHandlers cases_;
  CaseTransitionHandlers transitions_;
  IntakeHandlers intake_;
  TransferHandlers transfers_;
  TeamHandlers teams_;
  PairingHandlers pairings_;
  ContactHandlers contacts_;
  UrineTestHandlers urine_tests_;
  HelpHandlers help_;
  // Re-seals values left on a retired field key after a rotation; lives as long as the server, so
  // its thread stops before the database pool goes. Last: it starts once the handlers exist.
  runtime::ResealWorker resealing_;
};

}  // namespace jindu::casework
