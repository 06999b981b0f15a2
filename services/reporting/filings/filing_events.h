#pragma once
// FilingSubmitted and FilingReconciled on jindu.reporting.filing.v1, keyed
// "{region_code}~{period_id}" at the filing's revision, written in the transaction that freezes the
// figures.
#include <pqxx/pqxx>

#include "reporting/filings/filing_period.h"
#include "reporting/filings/filing_store.h"
#include "runtime/outbox/outbox_writer.h"

namespace jindu::reporting {

void AppendFilingSubmitted(const runtime::OutboxWriter& outbox, pqxx::work& tx,
                           const FilingPeriod& period, const FilingRecord& record, bool late);
void AppendFilingReconciled(const runtime::OutboxWriter& outbox, pqxx::work& tx,
                            const FilingPeriod& period, const std::string& region_code,
                            int32_t revision, int64_t late_event_count);

}  // namespace jindu::reporting
