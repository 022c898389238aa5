// The SQLite side of the proposal cycle: reads and writes of the proposal tables, full-text
// search through proposals_fts, and the report's statistics as SQL aggregates. Internal to the
// SQLite backend; the Connection in sqlite_store.cpp forwards the Store interface here.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "store/records.h"
#include "store/sqlite/db.h"

namespace plenum::store::sqlite::proposal_tables {

std::optional<ProposalRecord> proposal(Db& db, int64_t id);
std::vector<ProposalHit> find(Db& db, const ProposalFilter& filter);
int64_t count(Db& db, const ProposalFilter& filter);
std::vector<ProposalRecord> merged_into(Db& db, int64_t into_id);
ProposalStats stats(Db& db, const ProposalFilter& filter, const std::string& as_of);
std::vector<std::pair<ProposalRecord, double>> similar(Db& db, const std::string& body,
                                                       const std::string& text, int limit,
                                                       int64_t exclude_id);
std::optional<HandlingUnitRecord> handling_unit(Db& db, int64_t id);
std::vector<HandlingUnitRecord> handling_units(Db& db, const std::string& body);
std::vector<int64_t> units_of_account(Db& db, const std::string& username);
std::vector<AssignmentRecord> assignments(Db& db, int64_t proposal_id);
std::vector<OverdueItem> overdue(Db& db, const std::string& body, const std::string& as_of);
std::vector<FeedbackRecord> feedback(Db& db, int64_t proposal_id);
std::vector<SupervisionRecord> supervision(Db& db, int64_t proposal_id);
std::vector<ExtensionRecord> extensions(Db& db, int64_t proposal_id);
std::vector<NotificationRecord> notifications(Db& db, const std::vector<std::string>& recipients,
                                              int64_t limit);

void put_proposal(Db& db, const ProposalRecord& p);
void put_handling_unit(Db& db, const HandlingUnitRecord& u);
void put_unit_account(Db& db, int64_t unit_id, const std::string& username);
void put_assignment(Db& db, const AssignmentRecord& a);
void put_feedback(Db& db, const FeedbackRecord& f);
void put_supervision(Db& db, const SupervisionRecord& s);
void put_extension(Db& db, const ExtensionRecord& e);
void put_notification(Db& db, const NotificationRecord& n);

// The text proposals_fts indexes besides the title: the parts (facts, analysis, suggestions)
// joined by newlines. Similarity compares title + "\n" + this.
std::string indexed_text(const ProposalRecord& p);

}  // namespace plenum::store::sqlite::proposal_tables
