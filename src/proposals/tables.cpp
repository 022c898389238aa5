#include "proposals/tables.h"

#include <cstring>

#include "base/json.h"
#include "search/query.h"
#include "store/sql.h"

namespace plenum::proposals::tables {

namespace {

constexpr const char* kCols =
    "p.id, p.body, p.session_id, p.number, p.title, p.parts, p.area, p.proposer_kind, "
    "p.proposer_name, p.first_proposer_id, p.co_proposers, p.stage, p.channel, p.submitted_on, "
    "p.submitted_by, p.state, p.outcome, p.reason, p.reviewed_on, p.merged_into, p.handling, "
    "p.round, p.key, p.replied_on, p.rating, p.closed_on";
constexpr int kColCount = 26;
// The same columns unqualified, for writing the row.
constexpr const char* kProposalCols =
    "id, body, session_id, number, title, parts, area, proposer_kind, proposer_name, "
    "first_proposer_id, co_proposers, stage, channel, submitted_on, submitted_by, state, outcome, "
    "reason, reviewed_on, merged_into, handling, round, key, replied_on, rating, closed_on";

ProposalRecord row(const store::Query& q) {
  ProposalRecord p;
  p.id = q.i(0);
  p.body = q.s(1);
  p.session_id = q.i(2);
  p.number = q.i(3);
  p.title = q.s(4);
  p.parts = q.s(5);
  p.area = q.s(6);
  p.proposer_kind = q.s(7);
  p.proposer_name = q.s(8);
  p.first_proposer_id = q.i(9);
  p.co_proposers = store::split_ids(q.s(10));
  p.stage = q.s(11);
  p.channel = q.s(12);
  p.submitted_on = q.s(13);
  p.submitted_by = q.s(14);
  p.state = store::name_column<ProposalState>(q, 15);
  p.outcome = q.s(16);
  p.reason = q.s(17);
  p.reviewed_on = q.s(18);
  p.merged_into = q.i(19);
  p.handling = q.s(20);
  p.round = q.i(21);
  p.key = q.i(22) != 0;
  p.replied_on = q.s(23);
  p.rating = q.s(24);
  p.closed_on = q.s(25);
  return p;
}

AssignmentRecord assignment_row(const store::Query& q) {
  return AssignmentRecord{q.i(0), q.i(1), q.s(2), q.i(3),  q.s(4), q.s(5), store::name_column<AssignmentState>(q, 6),
                          q.s(7), q.s(8), q.s(9), q.s(10), q.s(11)};
}
constexpr const char* kAssignmentCols =
    "proposal_id, unit_id, role, round, assigned_on, due_on, state, reply_class, reply_text, "
    "replied_on, returned_reason, by_user";

// The WHERE clause of a filter over `proposals p` (and its binder, in the same order).
std::string where(const ProposalFilter& f) {
  std::string sql = " WHERE p.body = ?";
  if (f.session_id) sql += " AND p.session_id = ?";
  if (!f.state.empty()) sql += " AND p.state = ?";
  if (!f.area.empty()) sql += " AND p.area = ?";
  if (!f.outcome.empty()) sql += " AND p.outcome = ?";
  if (!f.proposer_kind.empty()) sql += " AND p.proposer_kind = ?";
  if (f.unit_id)
    sql +=
        " AND p.id IN (SELECT proposal_id FROM proposal_assignments WHERE unit_id = ? "
        "AND state != 'returned')";
  if (!f.party.empty()) sql += " AND p.id IN (SELECT proposal_id FROM proposal_parties WHERE party = ?)";
  if (!f.submitted_from.empty()) sql += " AND p.submitted_on >= ?";
  if (!f.submitted_to.empty()) sql += " AND p.submitted_on <= ?";
  if (f.key_only) sql += " AND p.key = 1";
  return sql;
}
void bind_where(store::Query& q, const ProposalFilter& f) {
  q.bind(f.body);
  if (f.session_id) q.bind(f.session_id);
  if (!f.state.empty()) q.bind(f.state);
  if (!f.area.empty()) q.bind(f.area);
  if (!f.outcome.empty()) q.bind(f.outcome);
  if (!f.proposer_kind.empty()) q.bind(f.proposer_kind);
  if (f.unit_id) q.bind(f.unit_id);
  if (!f.party.empty()) q.bind(f.party);
  if (!f.submitted_from.empty()) q.bind(f.submitted_from);
  if (!f.submitted_to.empty()) q.bind(f.submitted_to);
}

// highlight() marks each matched phrase on its own, so a word matched as a bigram and its end
// mark comes out as two marks side by side; private-use characters (never in a proposal's text)
// let adjacent marks be joined before the text is cut into its parts.
constexpr const char* kOpen = "\uE000";
constexpr const char* kClose = "\uE001";
std::vector<TextPart> parts_of(std::string text) {
  const std::string open = kOpen, close = kClose, join = close + open;
  for (size_t at; (at = text.find(join)) != std::string::npos;) text.erase(at, join.size());
  std::vector<TextPart> parts;
  bool matched = false;
  size_t from = 0;
  while (from <= text.size()) {
    size_t at = text.find(matched ? close : open, from);
    std::string piece = text.substr(from, at == std::string::npos ? std::string::npos : at - from);
    if (!piece.empty()) parts.push_back({std::move(piece), matched});
    if (at == std::string::npos) break;
    from = at + open.size();  // both marks are three bytes
    matched = !matched;
  }
  return parts;
}

}  // namespace

const store::TableSet& slice() {
  static const store::TableSet kSlice{
      "proposals",
      R"sql(
-- Proposals and suggestions (src/proposals).
CREATE TABLE IF NOT EXISTS proposals(
  id INTEGER PRIMARY KEY, body TEXT NOT NULL, session_id INTEGER NOT NULL,
  number INTEGER NOT NULL, title TEXT NOT NULL, parts TEXT NOT NULL, area TEXT NOT NULL,
  proposer_kind TEXT NOT NULL, proposer_name TEXT NOT NULL, first_proposer_id INTEGER NOT NULL,
  co_proposers TEXT NOT NULL, stage TEXT NOT NULL, channel TEXT NOT NULL,
  submitted_on TEXT NOT NULL, submitted_by TEXT NOT NULL, state TEXT NOT NULL,
  outcome TEXT NOT NULL, reason TEXT NOT NULL, reviewed_on TEXT NOT NULL,
  merged_into INTEGER NOT NULL, handling TEXT NOT NULL, round INTEGER NOT NULL,
  key INTEGER NOT NULL, replied_on TEXT NOT NULL, rating TEXT NOT NULL, closed_on TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS proposals_session ON proposals(body, session_id);
CREATE INDEX IF NOT EXISTS proposals_submitted ON proposals(body, submitted_on);
CREATE INDEX IF NOT EXISTS proposals_merged ON proposals(merged_into) WHERE merged_into != 0;
-- Who may see a proposal as its proposer ("member:<id>", "account:<username>"); derived from
-- proposals, so not hashed.
CREATE TABLE IF NOT EXISTS proposal_parties(
  party TEXT NOT NULL, proposal_id INTEGER NOT NULL,
  PRIMARY KEY(party, proposal_id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS handling_units(
  id INTEGER PRIMARY KEY, body TEXT NOT NULL, name_zh TEXT NOT NULL, name_en TEXT NOT NULL,
  UNIQUE(body, name_zh));
CREATE TABLE IF NOT EXISTS handling_unit_accounts(
  username TEXT NOT NULL, unit_id INTEGER NOT NULL,
  PRIMARY KEY(username, unit_id)) WITHOUT ROWID;
-- The day each session's proposal work report is stated as of (proposals.set_report_date).
CREATE TABLE IF NOT EXISTS proposal_reports(
  session_id INTEGER PRIMARY KEY, body TEXT NOT NULL, as_of TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS proposal_assignments(
  proposal_id INTEGER NOT NULL, round INTEGER NOT NULL, unit_id INTEGER NOT NULL,
  role TEXT NOT NULL, assigned_on TEXT NOT NULL, due_on TEXT NOT NULL, state TEXT NOT NULL,
  reply_class TEXT NOT NULL, reply_text TEXT NOT NULL, replied_on TEXT NOT NULL,
  returned_reason TEXT NOT NULL, by_user TEXT NOT NULL,
  PRIMARY KEY(proposal_id, round, unit_id)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS proposal_assignments_unit ON proposal_assignments(unit_id, state);
CREATE TABLE IF NOT EXISTS proposal_feedback(
  proposal_id INTEGER NOT NULL, round INTEGER NOT NULL, rater TEXT NOT NULL,
  rating TEXT NOT NULL, note TEXT NOT NULL, on_date TEXT NOT NULL,
  PRIMARY KEY(proposal_id, round, rater)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS proposal_supervision(
  id INTEGER PRIMARY KEY, proposal_id INTEGER NOT NULL, kind TEXT NOT NULL, note TEXT NOT NULL,
  on_date TEXT NOT NULL, by_user TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS proposal_extensions(
  id INTEGER PRIMARY KEY, proposal_id INTEGER NOT NULL, round INTEGER NOT NULL, months INTEGER NOT NULL,
  due_on TEXT NOT NULL, on_date TEXT NOT NULL, by_user TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS proposal_extensions_proposal ON proposal_extensions(proposal_id, id);
CREATE TABLE IF NOT EXISTS notifications(
  id INTEGER PRIMARY KEY, body TEXT NOT NULL, recipient TEXT NOT NULL,
  proposal_id INTEGER NOT NULL, kind TEXT NOT NULL, text_zh TEXT NOT NULL, text_en TEXT NOT NULL,
  at INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS notifications_recipient ON notifications(recipient, id);
)sql",
      R"sql(
-- Full text of each proposal (title; facts, analysis and suggestions), segmented for Chinese by
-- the plenum_chinese tokenizer (src/store/sqlite/chinese_tokenizer.h). Derived, so not hashed.
CREATE VIRTUAL TABLE IF NOT EXISTS proposals_fts USING fts5(title, text, tokenize='plenum_chinese');
)sql",
      {
          {"proposals", "SELECT * FROM proposals ORDER BY id", "", false},
          {"proposal_parties", "", "derived from proposals in the same write (who may see a proposal as a proposer)",
           false},
          {"handling_units", "SELECT * FROM handling_units ORDER BY id", "", false},
          {"handling_unit_accounts", "SELECT * FROM handling_unit_accounts ORDER BY username, unit_id", "", false},
          {"proposal_reports", "SELECT * FROM proposal_reports ORDER BY session_id", "", false},
          {"proposal_assignments", "SELECT * FROM proposal_assignments ORDER BY proposal_id, round, unit_id", "",
           false},
          {"proposal_feedback", "SELECT * FROM proposal_feedback ORDER BY proposal_id, round, rater", "", false},
          {"proposal_supervision", "SELECT * FROM proposal_supervision ORDER BY id", "", false},
          {"proposal_extensions", "SELECT * FROM proposal_extensions ORDER BY id", "", false},
          {"notifications", "SELECT * FROM notifications ORDER BY id", "", false},
          {"proposals_fts", "", "the full-text index, derived from proposals; with its FTS5 shadow tables", false,
           true},
      }};
  return kSlice;
}

std::string indexed_text(const ProposalRecord& p) {
  std::string text;
  auto parts = parse_json(p.parts);
  if (!parts || !parts->is_object()) return text;
  for (const char* key : {"facts", "analysis", "suggestions"}) {
    auto it = parts->find(key);
    if (it == parts->end() || !it->is_string()) continue;
    if (!text.empty()) text += '\n';
    text += it->get<std::string>();
  }
  return text;
}

std::optional<ProposalRecord> proposal(store::Reader& r, int64_t id) {
  store::Query q(r.sql(), std::string("SELECT ") + kCols + " FROM proposals p WHERE p.id = ?");
  q.bind(id);
  if (!q.step()) return std::nullopt;
  return row(q);
}

std::vector<ProposalHit> find_proposals(store::Reader& r, const ProposalFilter& f) {
  std::vector<ProposalHit> out;
  std::string match = f.query.empty() ? "" : search::fts5_match_expression(f.query);
  if (!f.query.empty() && match.empty()) return out;  // nothing searchable in the query
  std::string sql;
  if (match.empty()) {
    sql = std::string("SELECT ") + kCols + " FROM proposals p" + where(f) +
          " ORDER BY p.submitted_on DESC, p.id DESC LIMIT ? OFFSET ?";
  } else {
    // Title matches weigh five times the body's (bm25 column weights).
    sql = std::string("SELECT ") + kCols + ", highlight(proposals_fts, 0, '" + std::string(kOpen) + "', '" + kClose +
          "'), "
          "snippet(proposals_fts, 1, '" +
          kOpen + "', '" + kClose +
          "', '…', 32), "
          "bm25(proposals_fts, 5.0, 1.0) "
          "FROM proposals_fts JOIN proposals p ON p.id = proposals_fts.rowid" +
          where(f) +
          " AND proposals_fts MATCH ? ORDER BY bm25(proposals_fts, 5.0, 1.0), p.id "
          "LIMIT ? OFFSET ?";
  }
  store::Query q(r.sql(), sql);
  bind_where(q, f);
  if (!match.empty()) q.bind(match);
  q.bind(f.limit).bind(f.offset);
  while (q.step()) {
    ProposalHit hit;
    hit.proposal = row(q);
    if (!match.empty()) {
      hit.title_parts = parts_of(q.s(kColCount));
      hit.snippet_parts = parts_of(q.s(kColCount + 1));
      hit.score = q.d(kColCount + 2);
    }
    out.push_back(std::move(hit));
  }
  return out;
}

int64_t count_proposals(store::Reader& r, const ProposalFilter& f) {
  std::string match = f.query.empty() ? "" : search::fts5_match_expression(f.query);
  if (!f.query.empty() && match.empty()) return 0;
  std::string sql = match.empty() ? "SELECT COUNT(*) FROM proposals p" + where(f)
                                  : "SELECT COUNT(*) FROM proposals_fts JOIN proposals p ON p.id = "
                                    "proposals_fts.rowid" +
                                        where(f) + " AND proposals_fts MATCH ?";
  store::Query q(r.sql(), sql);
  bind_where(q, f);
  if (!match.empty()) q.bind(match);
  q.step();
  return q.i(0);
}

std::vector<ProposalRecord> merged_proposals(store::Reader& r, int64_t into_id) {
  store::Query q(r.sql(), std::string("SELECT ") + kCols + " FROM proposals p WHERE p.merged_into = ? ORDER BY p.id");
  q.bind(into_id);
  std::vector<ProposalRecord> out;
  while (q.step()) out.push_back(row(q));
  return out;
}

ProposalStats proposal_stats(store::Reader& r, const ProposalFilter& f, const std::string& as_of) {
  ProposalStats s;
  {
    store::Query q(r.sql(),
                   "SELECT COUNT(*), TOTAL(p.outcome = ''), TOTAL(p.outcome = 'register'), "
                   "TOTAL(p.outcome = 'merge'), TOTAL(p.outcome = 'convert'), "
                   "TOTAL(p.outcome = 'withdraw'), TOTAL(p.outcome = 'reject'), "
                   "TOTAL(p.proposer_kind = 'member'), TOTAL(p.proposer_kind != 'member'), "
                   "TOTAL(p.channel = 'online'), TOTAL(p.stage = 'plenary'), "
                   "TOTAL(p.stage = 'intersession'), "
                   "TOTAL(p.outcome = 'register' AND p.replied_on != '' AND p.replied_on <= ?), "
                   "TOTAL(p.rating != ''), TOTAL(p.rating = 'satisfied'), "
                   "TOTAL(p.rating = 'basically_satisfied'), TOTAL(p.rating = 'dissatisfied') "
                   "FROM proposals p" +
                       where(f));
    q.bind(as_of);
    bind_where(q, f);
    q.step();
    int64_t* fields[] = {&s.received,       &s.pending_review, &s.registered,     &s.merged,
                         &s.converted,      &s.withdrawn,      &s.not_registered, &s.by_members,
                         &s.by_collectives, &s.online,         &s.plenary,        &s.intersession,
                         &s.answered,       &s.rated,          &s.satisfied,      &s.basically_satisfied,
                         &s.dissatisfied};
    for (int i = 0; i < 17; ++i) *fields[i] = q.i(i);
  }
  {
    store::Query q(r.sql(), "SELECT p.area, COUNT(*) FROM proposals p" + where(f) +
                                " AND p.outcome = 'register' GROUP BY p.area ORDER BY p.area");
    bind_where(q, f);
    while (q.step()) s.registered_by_area[q.s(0)] = q.i(1);
  }
  {
    // Per unit: proposals it handles (not returned), those it has answered in the current
    // round, and those past due.
    store::Query q(r.sql(),
                   "SELECT a.unit_id, u.name_zh, COUNT(DISTINCT a.proposal_id), "
                   "TOTAL(a.round = p.round AND a.state IN ('replied', 'opinion_given')), "
                   "TOTAL(a.round = p.round AND a.state = 'assigned' AND a.due_on < ? "
                   "      AND p.state IN ('assigned', 'rehandling')) "
                   "FROM proposal_assignments a JOIN proposals p ON p.id = a.proposal_id "
                   "JOIN handling_units u ON u.id = a.unit_id" +
                       where(f) + " AND a.state != 'returned' GROUP BY a.unit_id ORDER BY a.unit_id");
    q.bind(as_of);
    bind_where(q, f);
    while (q.step()) s.units.push_back({q.i(0), q.s(1), q.i(2), q.i(3), q.i(4)});
  }
  return s;
}

std::vector<std::pair<ProposalRecord, double>> similar_proposals(store::Reader& r, const std::string& body,
                                                                 const std::string& text, int limit,
                                                                 int64_t exclude_id) {
  std::vector<std::pair<ProposalRecord, double>> out;
  // Ask for a few more than needed: candidates of other bodies are dropped here.
  for (const auto& hit : r.similar_texts("proposals_fts", text, limit * 3, exclude_id)) {
    auto p = proposal(r, hit.rowid);
    if (!p || p->body != body) continue;
    out.emplace_back(std::move(*p), hit.score);
    if (static_cast<int>(out.size()) == limit) break;
  }
  return out;
}

std::optional<HandlingUnitRecord> handling_unit(store::Reader& r, int64_t id) {
  store::Query q(r.sql(), "SELECT id, body, name_zh, name_en FROM handling_units WHERE id = ?");
  q.bind(id);
  if (!q.step()) return std::nullopt;
  return HandlingUnitRecord{q.i(0), q.s(1), q.s(2), q.s(3)};
}

std::optional<ReportRecord> report(store::Reader& r, int64_t session_id) {
  store::Query q(r.sql(), "SELECT session_id, body, as_of FROM proposal_reports WHERE session_id = ?");
  q.bind(session_id);
  if (!q.step()) return std::nullopt;
  return ReportRecord{q.i(0), q.s(1), q.s(2)};
}

std::vector<ReportRecord> reports(store::Reader& r, const std::string& body) {
  store::Query q(r.sql(), "SELECT session_id, body, as_of FROM proposal_reports WHERE body = ? ORDER BY session_id");
  q.bind(body);
  std::vector<ReportRecord> out;
  while (q.step()) out.push_back({q.i(0), q.s(1), q.s(2)});
  return out;
}

std::vector<HandlingUnitRecord> handling_units(store::Reader& r, const std::string& body) {
  store::Query q(r.sql(), "SELECT id, body, name_zh, name_en FROM handling_units WHERE body = ? ORDER BY id");
  q.bind(body);
  std::vector<HandlingUnitRecord> out;
  while (q.step()) out.push_back({q.i(0), q.s(1), q.s(2), q.s(3)});
  return out;
}

std::vector<int64_t> units_of_account(store::Reader& r, const std::string& username) {
  store::Query q(r.sql(), "SELECT unit_id FROM handling_unit_accounts WHERE username = ? ORDER BY unit_id");
  q.bind(username);
  std::vector<int64_t> out;
  while (q.step()) out.push_back(q.i(0));
  return out;
}

std::vector<AssignmentRecord> assignments(store::Reader& r, int64_t proposal_id) {
  store::Query q(r.sql(), std::string("SELECT ") + kAssignmentCols +
                              " FROM proposal_assignments WHERE proposal_id = ? "
                              "ORDER BY round, CASE role WHEN 'lead' THEN 0 WHEN 'split' THEN 1 ELSE 2 END, "
                              "unit_id");
  q.bind(proposal_id);
  std::vector<AssignmentRecord> out;
  while (q.step()) out.push_back(assignment_row(q));
  return out;
}

std::vector<OverdueItem> overdue(store::Reader& r, const std::string& body, const std::string& as_of) {
  store::Query q(r.sql(),
                 "SELECT a.proposal_id, a.unit_id, a.role, a.round, a.assigned_on, a.due_on, a.state, "
                 "a.reply_class, a.reply_text, a.replied_on, a.returned_reason, a.by_user, p.title, "
                 "u.name_zh FROM proposal_assignments a JOIN proposals p ON p.id = a.proposal_id "
                 "JOIN handling_units u ON u.id = a.unit_id "
                 "WHERE p.body = ? AND a.round = p.round AND a.state = 'assigned' AND a.due_on < ? "
                 "AND p.state IN ('assigned', 'rehandling') ORDER BY a.due_on, a.proposal_id, a.unit_id");
  q.bind(body).bind(as_of);
  std::vector<OverdueItem> out;
  while (q.step()) out.push_back({assignment_row(q), q.s(12), q.s(13)});
  return out;
}

std::vector<FeedbackRecord> feedback(store::Reader& r, int64_t proposal_id) {
  store::Query q(r.sql(),
                 "SELECT proposal_id, round, rater, rating, note, on_date FROM proposal_feedback "
                 "WHERE proposal_id = ? ORDER BY round, rater");
  q.bind(proposal_id);
  std::vector<FeedbackRecord> out;
  while (q.step()) out.push_back({q.i(0), q.i(1), q.s(2), q.s(3), q.s(4), q.s(5)});
  return out;
}

std::vector<SupervisionRecord> supervision(store::Reader& r, int64_t proposal_id) {
  store::Query q(r.sql(),
                 "SELECT id, proposal_id, kind, note, on_date, by_user FROM proposal_supervision "
                 "WHERE proposal_id = ? ORDER BY id");
  q.bind(proposal_id);
  std::vector<SupervisionRecord> out;
  while (q.step()) out.push_back({q.i(0), q.i(1), q.s(2), q.s(3), q.s(4), q.s(5)});
  return out;
}

std::vector<ExtensionRecord> extensions(store::Reader& r, int64_t proposal_id) {
  store::Query q(r.sql(),
                 "SELECT id, proposal_id, round, months, due_on, on_date, by_user FROM proposal_extensions "
                 "WHERE proposal_id = ? ORDER BY id");
  q.bind(proposal_id);
  std::vector<ExtensionRecord> out;
  while (q.step()) out.push_back({q.i(0), q.i(1), q.i(2), q.i(3), q.s(4), q.s(5), q.s(6)});
  return out;
}

std::vector<NotificationRecord> notifications(store::Reader& r, const std::vector<std::string>& recipients,
                                              int64_t limit) {
  std::vector<NotificationRecord> out;
  if (recipients.empty()) return out;
  std::string in = "?";
  for (size_t i = 1; i < recipients.size(); ++i) in += ",?";
  store::Query q(r.sql(),
                 "SELECT id, body, recipient, proposal_id, kind, text_zh, text_en, at "
                 "FROM notifications WHERE recipient IN (" +
                     in + ") ORDER BY id DESC LIMIT ?");
  for (const auto& r : recipients) q.bind(r);
  q.bind(limit);
  while (q.step()) out.push_back({q.i(0), q.s(1), q.s(2), q.i(3), q.s(4), q.s(5), q.s(6), q.i(7)});
  return out;
}

void put_proposal(store::TableWriter& w, const ProposalRecord& p) {
  bool is_new;
  {
    store::Query exists(w.own_tables(), "SELECT 1 FROM proposals WHERE id = ?");
    exists.bind(p.id);
    is_new = !exists.step();
  }
  store::put_row(w.own_tables(), "proposals", kProposalCols, p.id, p.body, p.session_id, p.number, p.title, p.parts,
                 p.area, p.proposer_kind, p.proposer_name, p.first_proposer_id, store::join_ids(p.co_proposers),
                 p.stage, p.channel, p.submitted_on, p.submitted_by, p.state, p.outcome, p.reason, p.reviewed_on,
                 p.merged_into, p.handling, p.round, p.key, p.replied_on, p.rating, p.closed_on);
  // Proposers only join (co-signing before review), never leave: adding is enough.
  std::vector<std::string> parties{"account:" + p.submitted_by};
  if (p.first_proposer_id) parties.push_back("member:" + std::to_string(p.first_proposer_id));
  for (int64_t id : p.co_proposers) parties.push_back("member:" + std::to_string(id));
  for (const auto& party : parties) {
    store::exec(w.own_tables(), "INSERT OR IGNORE INTO proposal_parties(party, proposal_id) VALUES(?,?)", party, p.id);
  }
  if (!is_new) return;  // the text never changes after submission
  std::string text = indexed_text(p);
  store::exec(w.own_tables(), "INSERT INTO proposals_fts(rowid, title, text) VALUES(?,?,?)", p.id, p.title, text);
  w.add_to_text_index("proposals_fts", p.title + "\n" + text);
}

void put_handling_unit(store::TableWriter& w, const HandlingUnitRecord& u) {
  store::put_row(w.own_tables(), "handling_units", "id, body, name_zh, name_en", u.id, u.body, u.name_zh, u.name_en);
}

void put_report(store::TableWriter& w, const ReportRecord& report) {
  store::put_row(w.own_tables(), "proposal_reports", "session_id, body, as_of", report.session_id, report.body,
                 report.as_of);
}

void put_unit_account(store::TableWriter& w, int64_t unit_id, const std::string& username) {
  store::exec(w.own_tables(), "INSERT OR IGNORE INTO handling_unit_accounts(username, unit_id) VALUES(?,?)", username,
              unit_id);
}

void put_assignment(store::TableWriter& w, const AssignmentRecord& a) {
  store::put_row(w.own_tables(), "proposal_assignments", kAssignmentCols, a.proposal_id, a.unit_id, a.role, a.round,
                 a.assigned_on, a.due_on, a.state, a.reply_class, a.reply_text, a.replied_on, a.returned_reason, a.by);
}

void put_feedback(store::TableWriter& w, const FeedbackRecord& f) {
  store::put_row(w.own_tables(), "proposal_feedback", "proposal_id, round, rater, rating, note, on_date", f.proposal_id,
                 f.round, f.rater, f.rating, f.note, f.on);
}

void put_supervision(store::TableWriter& w, const SupervisionRecord& s) {
  store::exec(w.own_tables(),
              "INSERT INTO proposal_supervision(id, proposal_id, kind, note, on_date, by_user) "
              "VALUES(?,?,?,?,?,?)",
              s.id, s.proposal_id, s.kind, s.note, s.on, s.by);
}

void put_extension(store::TableWriter& w, const ExtensionRecord& e) {
  store::exec(w.own_tables(),
              "INSERT INTO proposal_extensions(id, proposal_id, round, months, due_on, on_date, by_user) "
              "VALUES(?,?,?,?,?,?,?)",
              e.id, e.proposal_id, e.round, e.months, e.due_on, e.on, e.by);
}

void put_notification(store::TableWriter& w, const NotificationRecord& n) {
  store::exec(w.own_tables(),
              "INSERT INTO notifications(id, body, recipient, proposal_id, kind, text_zh, "
              "text_en, at) VALUES(?,?,?,?,?,?,?,?)",
              n.id, n.body, n.recipient, n.proposal_id, n.kind, n.text_zh, n.text_en, n.at);
}

}  // namespace plenum::proposals::tables

namespace plenum::proposals {

std::string bracketed(const std::vector<TextPart>& parts) {
  std::string out;
  for (const auto& p : parts) out += p.matched ? "【" + p.text + "】" : p.text;
  return out;
}

}  // namespace plenum::proposals
