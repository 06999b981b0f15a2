#include "casework/casework_service.h"

#include "casework/storage/sealed_column_catalog.h"
#include "runtime/grpc/call_budget_watchdog.h"
#include "runtime/grpc/handle_call.h"

namespace jindu::casework {

CaseworkServiceImpl::CaseworkServiceImpl(CaseworkContext& context)
    : policy_(context.resources.call_policy),
      cases_(context),
      transitions_(context),
      intake_(context),
      transfers_(context),
      teams_(context),
      pairings_(context),
      contacts_(context),
      urine_tests_(context),
      help_(context),
      resealing_(context.resources.database, context.schema(), context.personal_data.cipher,
                 CaseworkSealedColumns(), context.resources.all_settings,
                 context.resources.metrics) {}

grpc::Status CaseworkServiceImpl::CreateCase(grpc::ServerContext* context,
                                             const v1::CreateCaseRequest* request,
                                             v1::Case* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return cases_.Create(call, *request, response);
  });
}

grpc::Status CaseworkServiceImpl::GetCase(grpc::ServerContext* context,
                                          const v1::GetCaseRequest* request, v1::Case* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return cases_.Get(call, *request, response);
  });
}

grpc::Status CaseworkServiceImpl::ListCases(grpc::ServerContext* context,
                                            const v1::ListCasesRequest* request,
                                            v1::ListCasesResponse* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return cases_.List(call, *request, response);
  });
}

grpc::Status CaseworkServiceImpl::LookupCases(grpc::ServerContext* context,
                                              const v1::LookupCasesRequest* request,
                                              v1::LookupCasesResponse* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return cases_.Lookup(call, *request, response);
  });
}

grpc::Status CaseworkServiceImpl::UpdateCase(grpc::ServerContext* context,
                                             const v1::UpdateCaseRequest* request,
                                             v1::Case* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return cases_.Update(call, *request, response);
  });
}

grpc::Status CaseworkServiceImpl::GetWorkListSummary(grpc::ServerContext* context,
                                                     const v1::GetWorkListSummaryRequest* request,
                                                     v1::WorkListSummary* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return cases_.Summarize(call, *request, response);
  });
}

grpc::Status CaseworkServiceImpl::IngestMeasureDecisions(
    grpc::ServerContext* context, const v1::IngestMeasureDecisionsRequest* request,
    v1::IngestMeasureDecisionsResponse* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return intake_.IngestBatch(call, *request, response);
  });
}

grpc::Status CaseworkServiceImpl::StreamMeasureDecisions(
    grpc::ServerContext* context,
    grpc::ServerReaderWriter<v1::StreamMeasureDecisionsResponse, v1::StreamMeasureDecisionsRequest>*
        stream) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    // The handler waits for the client's messages: end the call when its budget runs out.
    runtime::CallBudgetWatchdog watchdog(*context, call.deadline(), call.request_id());
    return intake_.IngestStream(call, stream);
  });
}

grpc::Status CaseworkServiceImpl::RecordMeasureReport(grpc::ServerContext* context,
                                                      const v1::RecordMeasureReportRequest* request,
                                                      v1::Case* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return transitions_.RecordMeasureReport(call, *request, response);
  });
}

grpc::Status CaseworkServiceImpl::CreateCaseTransfer(grpc::ServerContext* context,
                                                     const v1::CreateCaseTransferRequest* request,
                                                     v1::CaseTransfer* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return transfers_.Create(call, *request, response);
  });
}

grpc::Status CaseworkServiceImpl::GetCaseTransfer(grpc::ServerContext* context,
                                                  const v1::GetCaseTransferRequest* request,
                                                  v1::CaseTransfer* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return transfers_.Get(call, *request, response);
  });
}

grpc::Status CaseworkServiceImpl::ListCaseTransfers(grpc::ServerContext* context,
                                                    const v1::ListCaseTransfersRequest* request,
                                                    v1::ListCaseTransfersResponse* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return transfers_.List(call, *request, response);
  });
}

grpc::Status CaseworkServiceImpl::AcceptCaseTransfer(grpc::ServerContext* context,
                                                     const v1::AcceptCaseTransferRequest* request,
                                                     v1::CaseTransfer* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return transfers_.Accept(call, *request, response);
  });
}

grpc::Status CaseworkServiceImpl::RejectCaseTransfer(grpc::ServerContext* context,
                                                     const v1::RejectCaseTransferRequest* request,
                                                     v1::CaseTransfer* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return transfers_.Reject(call, *request, response);
  });
}

grpc::Status CaseworkServiceImpl::CancelCaseTransfer(grpc::ServerContext* context,
                                                     const v1::CancelCaseTransferRequest* request,
                                                     v1::CaseTransfer* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return transfers_.Cancel(call, *request, response);
  });
}

grpc::Status CaseworkServiceImpl::GetCaseTeam(grpc::ServerContext* context,
                                              const v1::GetCaseTeamRequest* request,
                                              v1::CaseTeam* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return teams_.Get(call, *request, response);
  });
}

grpc::Status CaseworkServiceImpl::UpdateCaseTeam(grpc::ServerContext* context,
                                                 const v1::UpdateCaseTeamRequest* request,
                                                 v1::CaseTeam* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return teams_.Update(call, *request, response);
  });
}

grpc::Status CaseworkServiceImpl::CreatePairing(grpc::ServerContext* context,
                                                const v1::CreatePairingRequest* request,
                                                v1::Pairing* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return pairings_.Create(call, *request, response);
  });
}

grpc::Status CaseworkServiceImpl::ListPairings(grpc::ServerContext* context,
                                               const v1::ListPairingsRequest* request,
                                               v1::ListPairingsResponse* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return pairings_.List(call, *request, response);
  });
}

grpc::Status CaseworkServiceImpl::EndPairing(grpc::ServerContext* context,
                                             const v1::EndPairingRequest* request,
                                             v1::Pairing* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return pairings_.End(call, *request, response);
  });
}

grpc::Status CaseworkServiceImpl::ReportLostContact(grpc::ServerContext* context,
                                                    const v1::ReportLostContactRequest* request,
                                                    v1::Case* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return transitions_.ReportLostContact(call, *request, response);
  });
}

grpc::Status CaseworkServiceImpl::RestoreContact(grpc::ServerContext* context,
                                                 const v1::RestoreContactRequest* request,
                                                 v1::Case* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return transitions_.RestoreContact(call, *request, response);
  });
}

grpc::Status CaseworkServiceImpl::ConfirmRelapse(grpc::ServerContext* context,
                                                 const v1::ConfirmRelapseRequest* request,
                                                 v1::Case* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return transitions_.ConfirmRelapse(call, *request, response);
  });
}

grpc::Status CaseworkServiceImpl::DismissSuspectedRelapse(
    grpc::ServerContext* context, const v1::DismissSuspectedRelapseRequest* request,
    v1::Case* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return transitions_.DismissSuspectedRelapse(call, *request, response);
  });
}

grpc::Status CaseworkServiceImpl::ConfirmAbstinence(grpc::ServerContext* context,
                                                    const v1::ConfirmAbstinenceRequest* request,
                                                    v1::Case* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return transitions_.ConfirmAbstinence(call, *request, response);
  });
}

grpc::Status CaseworkServiceImpl::CloseCase(grpc::ServerContext* context,
                                            const v1::CloseCaseRequest* request,
                                            v1::Case* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return transitions_.Close(call, *request, response);
  });
}

grpc::Status CaseworkServiceImpl::CreateContact(grpc::ServerContext* context,
                                                const v1::CreateContactRequest* request,
                                                v1::Contact* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return contacts_.Create(call, *request, response);
  });
}

grpc::Status CaseworkServiceImpl::GetContact(grpc::ServerContext* context,
                                             const v1::GetContactRequest* request,
                                             v1::Contact* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return contacts_.Get(call, *request, response);
  });
}

grpc::Status CaseworkServiceImpl::ListContacts(grpc::ServerContext* context,
                                               const v1::ListContactsRequest* request,
                                               v1::ListContactsResponse* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return contacts_.List(call, *request, response);
  });
}

grpc::Status CaseworkServiceImpl::UpdateContact(grpc::ServerContext* context,
                                                const v1::UpdateContactRequest* request,
                                                v1::Contact* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return contacts_.Update(call, *request, response);
  });
}

grpc::Status CaseworkServiceImpl::RecordUrineTest(grpc::ServerContext* context,
                                                  const v1::RecordUrineTestRequest* request,
                                                  v1::UrineTest* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return urine_tests_.Record(call, *request, response);
  });
}

grpc::Status CaseworkServiceImpl::GetUrineTest(grpc::ServerContext* context,
                                               const v1::GetUrineTestRequest* request,
                                               v1::UrineTest* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return urine_tests_.Get(call, *request, response);
  });
}

grpc::Status CaseworkServiceImpl::ListUrineTests(grpc::ServerContext* context,
                                                 const v1::ListUrineTestsRequest* request,
                                                 v1::ListUrineTestsResponse* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return urine_tests_.List(call, *request, response);
  });
}

grpc::Status CaseworkServiceImpl::CreateHelpRecord(grpc::ServerContext* context,
                                                   const v1::CreateHelpRecordRequest* request,
                                                   v1::HelpRecord* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return help_.Create(call, *request, response);
  });
}

grpc::Status CaseworkServiceImpl::GetHelpRecord(grpc::ServerContext* context,
                                                const v1::GetHelpRecordRequest* request,
                                                v1::HelpRecord* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return help_.Get(call, *request, response);
  });
}

grpc::Status CaseworkServiceImpl::ListHelpRecords(grpc::ServerContext* context,
                                                  const v1::ListHelpRecordsRequest* request,
                                                  v1::ListHelpRecordsResponse* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return help_.List(call, *request, response);
  });
}

grpc::Status CaseworkServiceImpl::UpdateHelpRecord(grpc::ServerContext* context,
                                                   const v1::UpdateHelpRecordRequest* request,
                                                   v1::HelpRecord* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return help_.Update(call, *request, response);
  });
}

}  // namespace jindu::casework
