#pragma once
// The news reports tables (migration track "publicity_news_reports").
#include "runtime/postgres/migrations.h"

namespace jindu::publicity {

runtime::MigrationTrack NewsReportMigrations();

}  // namespace jindu::publicity
