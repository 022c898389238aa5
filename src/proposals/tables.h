// The proposals feature's slice of storage (store/tables.h): its tables with their schema and
// their place in the state hash, and the reads and writes of its records.
#pragma once

#include <utility>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/names.h"
#include "store/store.h"
#include "store/tables.h"

namespace plenum::proposals {

// A proposal's states (below).
enum class ProposalState {
  kSubmitted,
  kRegistered,
  kAssigned,
  kReplied,
  kRehandling,
  kClosed,
  kMerged,
  kConverted,
  kWithdrawn,
  kNotRegistered
};
PLENUM_NAMES(ProposalState, {{ProposalState::kSubmitted, "submitted"},
                             {ProposalState::kRegistered, "registered"},
                             {ProposalState::kAssigned, "assigned"},
                             {ProposalState::kReplied, "replied"},
                             {ProposalState::kRehandling, "rehandling"},
                             {ProposalState::kClosed, "closed"},
                             {ProposalState::kMerged, "merged"},
                             {ProposalState::kConverted, "converted"},
                             {ProposalState::kWithdrawn, "withdrawn"},
                             {ProposalState::kNotRegistered, "not_registered"}})

// A proposal (提案) or a deputy's suggestion (建议), DOMAIN.md section 6. Its text never changes
// after submission; everything else is the cycle's state.
// States: submitted → registered → assigned → replied → closed, with rehandling (after 不满意)
// back to replied; or the review's other outcomes merged | converted | withdrawn | not_registered.
struct ProposalRecord {
  int64_t id = 0;
  std::string body;
  int64_t session_id = 0;
  int64_t number = 0;                 // registration number (提案号), per body and session; 0 until 立案
  std::string title;                  // 案由: "关于……的提案"
  std::string parts;                  // canonical JSON {facts, analysis, suggestions}
  std::string area;                   // economy | politics | culture | society | ecology
  std::string proposer_kind;          // member | party | organisation | special_committee | sector | group | delegation
  std::string proposer_name;          // the collective's name, or the first proposer's
  int64_t first_proposer_id = 0;      // member id; 0 for a collective proposal
  std::vector<int64_t> co_proposers;  // joint proposers after the first (联名)
  std::string stage;                  // plenary (大会期间) | intersession (闭会期间)
  std::string channel;                // online | paper
  std::string submitted_on;           // YYYY-MM-DD, Beijing time
  std::string submitted_by;           // username
  ProposalState state = ProposalState::kSubmitted;
  std::string outcome;  // review outcome: register | merge | convert | withdraw | reject | ""
  std::string reason;   // rejection reason id, or the withdrawal's/conversion's note
  std::string reviewed_on;
  int64_t merged_into = 0;
  std::string handling;    // lead | split | "" before assignment
  int64_t round = 0;       // handling round: 1, then +1 after each 不满意
  bool key = false;        // 重点提案 / 重点督办建议
  std::string replied_on;  // first date every required reply was in ("" until then)
  std::string rating;      // latest rating: satisfied | basically_satisfied | dissatisfied | ""
  std::string closed_on;
};

// A handling unit (承办单位): a ministry, a provincial government, a people's organisation.
struct HandlingUnitRecord {
  int64_t id = 0;
  std::string body;
  std::string name_zh;
  std::string name_en;
};

// A session's proposal work report (提案工作情况报告): its figures cover the session's proposals
// as of the day it records (2024-02-29 for the 14th CPPCC's 1st session, DOMAIN.md section 6).
struct ReportRecord {
  int64_t session_id = 0;
  std::string body;
  std::string as_of;  // YYYY-MM-DD
};

// A handling unit's assignment: assigned → replied (lead, split) | opinion_given (co); or returned.
enum class AssignmentState { kAssigned, kReturned, kOpinionGiven, kReplied };
PLENUM_NAMES(AssignmentState, {{AssignmentState::kAssigned, "assigned"},
                               {AssignmentState::kReturned, "returned"},
                               {AssignmentState::kOpinionGiven, "opinion_given"},
                               {AssignmentState::kReplied, "replied"}})

// One unit's part in handling a proposal in one round.
struct AssignmentRecord {
  int64_t proposal_id = 0;
  int64_t unit_id = 0;
  std::string role;  // lead (主办) | co (会办) | split (分办)
  int64_t round = 1;
  std::string assigned_on;
  std::string due_on;  // reply due (co: the opinion to the lead)
  AssignmentState state = AssignmentState::kAssigned;
  std::string reply_class;  // A | B | C | D
  std::string reply_text;   // the reply letter, or a co-handler's opinion
  std::string replied_on;
  std::string returned_reason;
  std::string by;  // username of the last act
};

// A proposer's rating of the replies in one round.
struct FeedbackRecord {
  int64_t proposal_id = 0;
  int64_t round = 0;
  std::string rater;   // username
  std::string rating;  // satisfied | basically_satisfied | dissatisfied
  std::string note;
  std::string on;
};

// A supervision activity on a key proposal: consultation, inspection, visit.
struct SupervisionRecord {
  int64_t id = 0;
  int64_t proposal_id = 0;
  std::string kind;  // consultation | inspection | visit | other
  std::string note;
  std::string on;
  std::string by;
};

// A reply deadline extended (延期): when, by whom, and the new due date of the round's lead or
// split units. Kept so the record shows every extension, not only the latest due date.
struct ExtensionRecord {
  int64_t id = 0;
  int64_t proposal_id = 0;
  int64_t round = 0;
  int64_t months = 0;  // after assignment
  std::string due_on;
  std::string on;
  std::string by;
};

// A message to a proposer (member or account) or a handling unit about one proposal.
struct NotificationRecord {
  int64_t id = 0;
  std::string body;
  std::string recipient;  // "member:<id>", "account:<username>" or "unit:<id>"
  int64_t proposal_id = 0;
  std::string kind;  // the event type that caused it
  std::string text_zh;
  std::string text_en;
  int64_t at = 0;
};

// Which proposals a list, search, export or statistics query covers. Empty fields do not filter.
struct ProposalFilter {
  std::string body;
  int64_t session_id = 0;
  std::string state;
  std::string area;
  std::string outcome;
  std::string proposer_kind;
  int64_t unit_id = 0;         // assigned (in any round, not returned) to this unit
  std::string party;           // "member:<id>" or "account:<username>": a proposer's own
  std::string submitted_from;  // YYYY-MM-DD inclusive
  std::string submitted_to;
  bool key_only = false;
  std::string query;  // full text (search::fts_query syntax); "" = none
  int64_t limit = 50;
  int64_t offset = 0;
};

// A stretch of a highlighted text: what a query matched (`matched`) or what lies between.
struct TextPart {
  std::string text;
  bool matched = false;
};

struct ProposalHit {
  ProposalRecord proposal;
  std::vector<TextPart> title_parts;    // the title, its matches marked (empty without a query)
  std::vector<TextPart> snippet_parts;  // an excerpt of the text, likewise
  double score = 0;                     // bm25 (lower is better) or 0
};

// The parts as one text with each match in 【】 (the form of a CSV or a plain screen; a title may
// hold 【】 itself, so screens that mark matches use the parts).
std::string bracketed(const std::vector<TextPart>& parts);

// The figures an annual proposal work report publishes, for the proposals a filter selects.
struct ProposalStats {
  int64_t received = 0, pending_review = 0, registered = 0, merged = 0, converted = 0, withdrawn = 0,
          not_registered = 0;
  int64_t by_members = 0, by_collectives = 0, online = 0, plenary = 0, intersession = 0;
  std::map<std::string, int64_t> registered_by_area;
  int64_t answered = 0;  // registered with every reply in by `as_of`
  int64_t rated = 0, satisfied = 0, basically_satisfied = 0, dissatisfied = 0;
  struct Unit {
    int64_t unit_id = 0;
    std::string name_zh;
    int64_t assigned = 0, replied = 0, overdue = 0;
  };
  std::vector<Unit> units;
};

// An assignment whose reply (or opinion) is past due and not in.
struct OverdueItem {
  AssignmentRecord assignment;
  std::string title;
  std::string unit_name;
};

}  // namespace plenum::proposals

namespace plenum::proposals::tables {

const store::TableSet& slice();

// The text proposals_fts indexes besides the title: the parts (facts, analysis, suggestions)
// joined by newlines. Similarity compares title + "\n" + this.
std::string indexed_text(const ProposalRecord& p);

std::optional<ProposalRecord> proposal(store::Reader& r, int64_t id);
// Matching proposals, newest first, or by relevance (bm25) when the filter has a query.
std::vector<ProposalHit> find_proposals(store::Reader& r, const ProposalFilter& filter);
int64_t count_proposals(store::Reader& r, const ProposalFilter& filter);
// Proposals merged into this one (并案: each of their proposers gets its replies).
std::vector<ProposalRecord> merged_proposals(store::Reader& r, int64_t into_id);
// The report's figures for the filtered proposals; `as_of` (YYYY-MM-DD) bounds "answered".
ProposalStats proposal_stats(store::Reader& r, const ProposalFilter& filter, const std::string& as_of);
// Up to `limit` proposals of `body` most like `text` (by the Chinese-aware similarity of
// search/), most similar first, leaving out `exclude_id`: (proposal, score in [0, 1]).
std::vector<std::pair<ProposalRecord, double>> similar_proposals(store::Reader& r, const std::string& body,
                                                                 const std::string& text, int limit,
                                                                 int64_t exclude_id);
std::optional<HandlingUnitRecord> handling_unit(store::Reader& r, int64_t id);
std::vector<HandlingUnitRecord> handling_units(store::Reader& r, const std::string& body);
std::optional<ReportRecord> report(store::Reader& r, int64_t session_id);
std::vector<ReportRecord> reports(store::Reader& r, const std::string& body);  // by session id
std::vector<int64_t> units_of_account(store::Reader& r, const std::string& username);
std::vector<AssignmentRecord> assignments(store::Reader& r, int64_t proposal_id);  // by round, role, unit
// Assignments of `body` in their proposal's current round, not in by `as_of`'s eve.
std::vector<OverdueItem> overdue(store::Reader& r, const std::string& body, const std::string& as_of);
std::vector<FeedbackRecord> feedback(store::Reader& r, int64_t proposal_id);
std::vector<SupervisionRecord> supervision(store::Reader& r, int64_t proposal_id);
std::vector<ExtensionRecord> extensions(store::Reader& r, int64_t proposal_id);
std::vector<NotificationRecord> notifications(store::Reader& r, const std::vector<std::string>& recipients,
                                              int64_t limit);
void put_proposal(store::TableWriter& w, const ProposalRecord& proposal);  // insert or replace; indexes the text once
void put_handling_unit(store::TableWriter& w, const HandlingUnitRecord& unit);
void put_unit_account(store::TableWriter& w, int64_t unit_id, const std::string& username);
void put_report(store::TableWriter& w, const ReportRecord& report);              // by session
void put_assignment(store::TableWriter& w, const AssignmentRecord& assignment);  // by (proposal, unit, round)
void put_feedback(store::TableWriter& w, const FeedbackRecord& feedback);        // by (proposal, round, rater)
void put_supervision(store::TableWriter& w, const SupervisionRecord& record);
void put_extension(store::TableWriter& w, const ExtensionRecord& record);
void put_notification(store::TableWriter& w, const NotificationRecord& notification);

}  // namespace plenum::proposals::tables
