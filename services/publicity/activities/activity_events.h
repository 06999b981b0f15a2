#pragma once
// The events of an activity (jindu.publicity.events.v1, aggregate type "activity", topic
// jindu.publicity.activity.v1, key the activity id), appended to the outbox in the transaction of
// the change. Built from the countable facts alone: regions, dates, kinds, counts and pseudonymous
// ids of volunteers; never a title, description, attachment or review reason.
#include <pqxx/pqxx>

#include "jindu/publicity/events/v1/activity_events.pb.h"
#include "publicity/activities/activity_record.h"
#include "publicity/publicity_context.h"

namespace jindu::publicity {

inline constexpr const char* kActivityAggregate = "activity";

// At aggregate version record.revision.
void AppendActivityEvent(const PublicityContext& context, pqxx::work& tx,
                         const ActivityRecord& record, const google::protobuf::Message& event);

// The facts of the record's content at its approved revision.
events::v1::ActivityFacts ActivityFactsOf(const ActivityRecord& record);
// `correction`: a proposed correction is submitted (the facts are the proposal's).
events::v1::ActivitySubmitted ActivitySubmittedEvent(const ActivityRecord& record, bool correction);
events::v1::ActivityApproved ActivityApprovedEvent(const ActivityRecord& record);
events::v1::ActivityRejected ActivityRejectedEvent(const ActivityRecord& record, bool correction);
events::v1::ActivityCorrected ActivityCorrectedEvent(const ActivityRecord& record,
                                                     int previous_revision);

}  // namespace jindu::publicity
