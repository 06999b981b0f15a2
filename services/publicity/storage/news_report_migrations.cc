#include "publicity/storage/news_report_migrations.h"

namespace jindu::publicity {

runtime::MigrationTrack NewsReportMigrations() { return {"publicity_news_reports", {}}; }

}  // namespace jindu::publicity
