// The SQLite backend: one write connection owned by whoever holds the Writer, a pool of
// read-only connections, and a separate connection for login sessions.
#include <mutex>
#include <sstream>

#include "base/text.h"
#include "store/sqlite/db.h"
#include "store/sqlite/proposal_tables.h"
#include "store/sqlite/similar_search.h"
#include "store/sqlite/schema.sql.h"
#include "store/store.h"

namespace plenum::store {
namespace sqlite {
namespace {

constexpr const char* kEventCols =
    "position, body, seq, type, actor, at, request_id, payload, prev_hash, hash";
EventRecord event_row(const Query& q) {
  return EventRecord{q.i(0), q.s(1), q.i(2), q.s(3), q.s(4), q.i(5),
                     q.s(6), q.s(7), q.s(8), q.s(9)};
}

BodyRecord body_row(const Query& q) {
  return BodyRecord{q.s(0), q.s(1), q.s(2), q.s(3), q.s(4), q.s(5)};
}

constexpr const char* kSessionCols =
    "id, body, term, number, name_zh, name_en, short_name_zh, opens_on, closes_on, "
    "proposal_cutoff_at";
SessionRecord session_row(const Query& q) {
  return SessionRecord{q.i(0), q.s(1), q.i(2), q.i(3), q.s(4), q.s(5), q.s(6), q.s(7), q.s(8),
                       q.i(9)};
}

constexpr const char* kSittingCols =
    "id, session_id, body, kind, number, title_zh, title_en, starts_at, state, unit_ids, "
    "group_name, opened_at, closed_at";
SittingRecord sitting_row(const Query& q) {
  return SittingRecord{q.i(0), q.i(1), q.s(2), q.s(3), q.i(4), q.s(5), q.s(6),
                       q.s(7), q.s(8), split_ids(q.s(9)), q.s(10), q.i(11), q.i(12)};
}

constexpr const char* kMemberCols =
    "id, body, seat, card, name, gender, unit_id, group_name, joined_on, vacated_on, "
    "vacancy_reason, roles";
MemberRecord member_row(const Query& q) {
  return MemberRecord{q.i(0), q.s(1), q.s(2), q.s(3), q.s(4),  q.s(5),
                      q.i(6), q.s(7), q.s(8), q.s(9), q.s(10), split_words(q.s(11))};
}

constexpr const char* kAccountCols =
    "username, password_hash, display_name, member_id, disabled, credentials_changed_at";
AccountRecord account_row(const Query& q) {
  return AccountRecord{q.s(0), q.s(1), q.s(2), q.i(3), q.i(4) != 0, q.i(5)};
}

constexpr const char* kLeaveCols =
    "id, sitting_id, member_id, reason, state, requested_by, requested_at, decided_by, "
    "decided_at, note";
LeaveRecord leave_row(const Query& q) {
  return LeaveRecord{q.i(0), q.i(1), q.i(2), q.s(3), q.s(4), q.s(5), q.i(6), q.s(7), q.i(8), q.s(9)};
}

constexpr const char* kMotionCols =
    "id, body, session_id, sitting_id, kind, title_zh, title_en, submitter_kind, submitter, "
    "signers, sections, items, state, parent_id, clause, referred_to, decided_how, decided_at, "
    "submitted_by, submitted_at";
MotionRecord motion_row(const Query& q) {
  return MotionRecord{q.i(0),  q.s(1),  q.i(2),  q.i(3),  q.s(4),  q.s(5),  q.s(6),
                      q.s(7),  q.s(8),  split_ids(q.s(9)), q.s(10), q.s(11), q.s(12), q.i(13),
                      q.s(14), q.s(15), q.s(16), q.i(17), q.s(18), q.i(19)};
}

CosignatureRecord cosignature_row(const Query& q) {
  return CosignatureRecord{q.s(0), q.i(1), q.i(2), q.s(3), q.s(4), q.s(5), q.s(6), q.i(7)};
}

constexpr const char* kPollCols =
    "id, body, sitting_id, motion_id, mode, state, method, opened_by, opened_at, closed_by, "
    "closed_at, yes, no, abstain, not_voted, present, base_size, adopted, rule, manual, "
    "announcement_zh, announcement_en";
PollRecord poll_row(const Query& q) {
  return PollRecord{q.i(0),  q.s(1),  q.i(2),  q.i(3),  q.s(4),  q.s(5),       q.s(6),  q.s(7),
                    q.i(8),  q.s(9),  q.i(10), q.i(11), q.i(12), q.i(13),      q.i(14), q.i(15),
                    q.i(16), q.i(17) != 0,     q.s(18), q.s(19), q.s(20),      q.s(21)};
}

constexpr const char* kPromulgationCols =
    "id, body, term, series, number, motion_id, title_zh, enacted_by_zh, adopted_on, "
    "effective_on, promulgated_on, text_zh, by_user";
PromulgationRecord promulgation_row(const Query& q) {
  return PromulgationRecord{q.i(0), q.s(1), q.i(2), q.s(3),  q.i(4),  q.i(5), q.s(6),
                            q.s(7), q.s(8), q.s(9), q.s(10), q.s(11), q.s(12)};
}

constexpr const char* kElectionCols =
    "id, body, session_id, title_zh, title_en, seats, ballot_kind, mode, state, round, candidates, "
    "scrutineers, elected, electronic, margin";
ElectionRecord election_row(const Query& q) {
  return ElectionRecord{q.i(0), q.s(1), q.i(2), q.s(3),  q.s(4),  q.i(5), q.s(6),
                        q.s(7), q.s(8), q.i(9), q.s(10), q.s(11), q.s(12), q.s(13), q.s(14)};
}

constexpr const char* kRoundCols =
    "election_id, number, sitting_id, kind, seats, candidate_ids, members, members_hash, boxes, "
    "entry, state, result, signed_by, manifest";
ElectionRoundRecord round_row(const Query& q) {
  return ElectionRoundRecord{q.i(0), q.i(1), q.i(2),  q.s(3),  q.i(4),  q.s(5), q.i(6),
                             q.s(7), q.s(8), q.s(9), q.s(10), q.s(11), q.s(12), q.s(13)};
}

ElectionBoardRecord board_row(const Query& q) {
  return ElectionBoardRecord{q.i(0), q.i(1), q.s(2), q.i(3), q.s(4), q.s(5)};
}
ElectionCredentialRecord credential_row(const Query& q) {
  return ElectionCredentialRecord{q.i(0), q.s(1), q.i(2), q.i(3), q.s(4)};
}

CheckInRecord check_in_row(const Query& q) {
  return CheckInRecord{q.i(0), q.i(1), q.s(2), q.i(3), q.s(4)};
}

// Builds the WHERE clause of a member filter; binds in the same order via bind_filter.
std::string filter_sql(const MemberFilter& f) {
  std::string sql = " WHERE body = ?";
  if (!f.sitting_on.empty()) sql += " AND joined_on <= ? AND (vacated_on = '' OR vacated_on > ?)";
  if (!f.unit_ids.empty()) {
    sql += " AND unit_id IN (";
    for (size_t i = 0; i < f.unit_ids.size(); ++i) sql += i ? ",?" : "?";
    sql += ")";
  }
  if (!f.group_name.empty()) sql += " AND group_name = ?";
  if (!f.role.empty()) sql += " AND (',' || roles || ',') LIKE ?";
  return sql;
}

void bind_filter(Query& q, const MemberFilter& f) {
  q.bind(f.body);
  if (!f.sitting_on.empty()) q.bind(f.sitting_on).bind(f.sitting_on);
  for (auto id : f.unit_ids) q.bind(id);
  if (!f.group_name.empty()) q.bind(f.group_name);
  if (!f.role.empty()) q.bind("%," + f.role + ",%");
}

// The statements of one connection, refused by the tables they write: none at all for reads,
// the current room's for a projector (or only those it marks handler_writes, for an action's
// documented exception).
class CheckedSql final : public Sql {
 public:
  explicit CheckedSql(Db& db) : db_(db) {}
  void allow(const TableSet* room, bool handler_writes_only) {
    room_ = room;
    handler_writes_only_ = handler_writes_only;
  }
  Statement& prepare(const std::string& text) override {
    CachedStatement& st = db_.prepare(text);
    for (const auto& table : st.writes()) check(table);
    return st;
  }
  void check(const std::string& table) const {
    if (!room_) throw StoreFailure("a read may not write (table " + table + ")");
    const Table* owned = room_->table(table);
    if (!owned) throw StoreFailure(room_->feature + " may not write table " + table + ", which it does not own");
    if (handler_writes_only_ && !owned->handler_writes)
      throw StoreFailure("an action of " + room_->feature + " may not write table " + table +
                         " directly: only through an event");
  }

 private:
  Db& db_;
  const TableSet* room_ = nullptr;
  bool handler_writes_only_ = false;
};

// Both the write transaction and pooled readers are a Connection; readers only read.
class Connection : public Writer {
 public:
  Connection(Db& db, const std::vector<TableSet>& slices)
      : db_(db), slices_(slices), reads_(db), room_writes_(db) {}

  Sql& sql() override { return reads_; }
  Sql& own_tables() override { return room_writes_; }
  void enter_room(const TableSet* room, bool handler_writes_only) override {
    room_writes_.allow(room, handler_writes_only);
  }
  std::vector<TextMatch> similar_texts(const std::string& index, const std::string& text, int limit,
                                       int64_t exclude_rowid) override {
    text_index(index);
    std::vector<TextMatch> out;
    for (const auto& hit : similar_documents(db_.raw(), index, text, limit, exclude_rowid))
      out.push_back({hit.rowid, hit.score});
    return out;
  }
  void add_to_text_index(const std::string& index, const std::string& text) override {
    room_writes_.check(index);
    text_index(index);
    add_to_similarity_index(db_.raw(), index, text);
  }

  // ---- ledger
  std::optional<EventRecord> last_event(const std::string& body) override {
    Query q(db_, std::string("SELECT ") + kEventCols +
                     " FROM events WHERE body = ? ORDER BY seq DESC LIMIT 1");
    q.bind(body);
    return one<EventRecord>(q, event_row);
  }
  std::vector<EventRecord> events_since(const std::string& body, int64_t after_seq,
                                        int64_t limit) override {
    Query q(db_, std::string("SELECT ") + kEventCols +
                     " FROM events WHERE body = ? AND seq > ? ORDER BY seq LIMIT ?");
    q.bind(body).bind(after_seq).bind(limit);
    return all<EventRecord>(q, event_row);
  }
  void for_each_event(const std::function<bool(const EventRecord&)>& fn) override {
    Query q(db_, std::string("SELECT ") + kEventCols + " FROM events ORDER BY position");
    while (q.step())
      if (!fn(event_row(q))) break;
  }
  std::vector<std::string> event_bodies() override {
    Query q(db_, "SELECT DISTINCT body FROM events ORDER BY body");
    return all<std::string>(q, [](const Query& r) { return r.s(0); });
  }
  std::optional<RequestOutcome> request_outcome(const std::string& request_id) override {
    Query q(db_, "SELECT actor, action, args_hash, response FROM requests WHERE request_id = ?");
    q.bind(request_id);
    return one<RequestOutcome>(
        q, [](const Query& r) { return RequestOutcome{r.s(0), r.s(1), r.s(2), r.s(3)}; });
  }

  // ---- assembly
  std::optional<BodyRecord> body(const std::string& id) override {
    Query q(db_, "SELECT id, name_zh, name_en, rulebook, quorum_override, level FROM bodies "
                 "WHERE id = ?");
    q.bind(id);
    return one<BodyRecord>(q, body_row);
  }
  std::vector<BodyRecord> bodies() override {
    Query q(db_, "SELECT id, name_zh, name_en, rulebook, quorum_override, level FROM bodies "
                 "ORDER BY id");
    return all<BodyRecord>(q, body_row);
  }
  std::optional<TermRecord> term(const std::string& body, int64_t number) override {
    Query q(db_, "SELECT body, number, name_zh, starts_on FROM terms WHERE body = ? AND number = ?");
    q.bind(body).bind(number);
    return one<TermRecord>(
        q, [](const Query& r) { return TermRecord{r.s(0), r.i(1), r.s(2), r.s(3)}; });
  }
  std::vector<TermRecord> terms(const std::string& body) override {
    Query q(db_, "SELECT body, number, name_zh, starts_on FROM terms WHERE body = ? ORDER BY number");
    q.bind(body);
    return all<TermRecord>(
        q, [](const Query& r) { return TermRecord{r.s(0), r.i(1), r.s(2), r.s(3)}; });
  }
  std::optional<SessionRecord> session(int64_t id) override {
    Query q(db_, std::string("SELECT ") + kSessionCols + " FROM sessions WHERE id = ?");
    q.bind(id);
    return one<SessionRecord>(q, session_row);
  }
  std::vector<SessionRecord> sessions(const std::string& body) override {
    Query q(db_, std::string("SELECT ") + kSessionCols +
                     " FROM sessions WHERE body = ? ORDER BY term, number");
    q.bind(body);
    return all<SessionRecord>(q, session_row);
  }
  std::optional<SittingRecord> sitting(int64_t id) override {
    Query q(db_, std::string("SELECT ") + kSittingCols + " FROM sittings WHERE id = ?");
    q.bind(id);
    return one<SittingRecord>(q, sitting_row);
  }
  std::vector<SittingRecord> sittings(int64_t session_id) override {
    Query q(db_, std::string("SELECT ") + kSittingCols +
                     " FROM sittings WHERE session_id = ? ORDER BY starts_at, id");
    q.bind(session_id);
    return all<SittingRecord>(q, sitting_row);
  }
  std::optional<UnitRecord> unit(int64_t id) override {
    Query q(db_, "SELECT id, body, kind, name FROM units WHERE id = ?");
    q.bind(id);
    return one<UnitRecord>(q, [](const Query& r) { return UnitRecord{r.i(0), r.s(1), r.s(2), r.s(3)}; });
  }
  std::optional<UnitRecord> unit_by_name(const std::string& body, const std::string& name) override {
    Query q(db_, "SELECT id, body, kind, name FROM units WHERE body = ? AND name = ?");
    q.bind(body).bind(name);
    return one<UnitRecord>(q, [](const Query& r) { return UnitRecord{r.i(0), r.s(1), r.s(2), r.s(3)}; });
  }
  std::vector<UnitRecord> units(const std::string& body) override {
    Query q(db_, "SELECT id, body, kind, name FROM units WHERE body = ? ORDER BY id");
    q.bind(body);
    return all<UnitRecord>(q, [](const Query& r) { return UnitRecord{r.i(0), r.s(1), r.s(2), r.s(3)}; });
  }
  std::optional<MemberRecord> member(int64_t id) override {
    Query q(db_, std::string("SELECT ") + kMemberCols + " FROM members WHERE id = ?");
    q.bind(id);
    return one<MemberRecord>(q, member_row);
  }
  std::optional<MemberRecord> member_by_seat(const std::string& body, const std::string& seat) override {
    Query q(db_, std::string("SELECT ") + kMemberCols + " FROM members WHERE body = ? AND seat = ?");
    q.bind(body).bind(seat);
    return one<MemberRecord>(q, member_row);
  }
  std::optional<MemberRecord> member_by_card(const std::string& body, const std::string& card) override {
    Query q(db_, std::string("SELECT ") + kMemberCols + " FROM members WHERE body = ? AND card = ?");
    q.bind(body).bind(card);
    return one<MemberRecord>(q, member_row);
  }
  std::vector<MemberRecord> members(const MemberFilter& filter) override {
    Query q(db_, std::string("SELECT ") + kMemberCols + " FROM members" + filter_sql(filter) +
                     " ORDER BY id");
    bind_filter(q, filter);
    return all<MemberRecord>(q, member_row);
  }
  int64_t count_members(const MemberFilter& filter) override {
    Query q(db_, "SELECT COUNT(*) FROM members" + filter_sql(filter));
    bind_filter(q, filter);
    q.step();
    return q.i(0);
  }
  int64_t next_id(const char* table) override {
    static const char* const kAllowed[] = {
        "members", "units",     "sessions",  "sittings",       "leaves",
        "motions", "polls",     "promulgations", "proposals",  "handling_units",
        "proposal_supervision", "proposal_extensions", "notifications", "elections"};
    for (const char* t : kAllowed) {
      if (std::string_view(t) == table) {
        Query q(db_, std::string("SELECT COALESCE(MAX(id), 0) + 1 FROM ") + t);
        q.step();
        return q.i(0);
      }
    }
    throw StoreFailure(std::string("next_id: unknown table ") + table);
  }

  // ---- accounts
  std::optional<AccountRecord> account(const std::string& username) override {
    Query q(db_, std::string("SELECT ") + kAccountCols + " FROM accounts WHERE username = ?");
    q.bind(username);
    return one<AccountRecord>(q, account_row);
  }
  std::optional<AccountRecord> account_of_member(int64_t member_id) override {
    Query q(db_, std::string("SELECT ") + kAccountCols + " FROM accounts WHERE member_id = ? LIMIT 1");
    q.bind(member_id);
    return one<AccountRecord>(q, account_row);
  }
  std::vector<AccountRole> roles(const std::string& username) override {
    Query q(db_, "SELECT username, body, role FROM account_roles WHERE username = ? ORDER BY body, role");
    q.bind(username);
    return all<AccountRole>(q, [](const Query& r) { return AccountRole{r.s(0), r.s(1), r.s(2)}; });
  }
  std::vector<AccountRecord> accounts() override {
    Query q(db_, std::string("SELECT ") + kAccountCols + " FROM accounts ORDER BY username");
    return all<AccountRecord>(q, account_row);
  }
  std::optional<LoginSession> login_session(const std::string& token_hash) override {
    Query q(db_, "SELECT token_hash, username, csrf_token, created_at, expires_at "
                 "FROM login_sessions WHERE token_hash = ?");
    q.bind(token_hash);
    return one<LoginSession>(q, [](const Query& r) {
      return LoginSession{r.s(0), r.s(1), r.s(2), r.i(3), r.i(4)};
    });
  }

  // ---- attendance
  std::optional<CheckInRecord> check_in(int64_t sitting_id, int64_t member_id) override {
    Query q(db_, "SELECT sitting_id, member_id, method, at, by_user FROM check_ins "
                 "WHERE sitting_id = ? AND member_id = ?");
    q.bind(sitting_id).bind(member_id);
    return one<CheckInRecord>(q, check_in_row);
  }
  std::vector<CheckInRecord> check_ins(int64_t sitting_id) override {
    Query q(db_, "SELECT sitting_id, member_id, method, at, by_user FROM check_ins "
                 "WHERE sitting_id = ? ORDER BY member_id");
    q.bind(sitting_id);
    return all<CheckInRecord>(q, check_in_row);
  }
  std::vector<CheckInRecord> check_ins_of_member(int64_t member_id) override {
    Query q(db_, "SELECT sitting_id, member_id, method, at, by_user FROM check_ins "
                 "WHERE member_id = ? ORDER BY sitting_id");
    q.bind(member_id);
    return all<CheckInRecord>(q, check_in_row);
  }
  int64_t count_check_ins(int64_t sitting_id) override {
    Query q(db_, "SELECT COUNT(*) FROM check_ins WHERE sitting_id = ?");
    q.bind(sitting_id);
    q.step();
    return q.i(0);
  }
  std::optional<LeaveRecord> leave(int64_t id) override {
    Query q(db_, std::string("SELECT ") + kLeaveCols + " FROM leaves WHERE id = ?");
    q.bind(id);
    return one<LeaveRecord>(q, leave_row);
  }
  std::vector<LeaveRecord> leaves(int64_t sitting_id) override {
    Query q(db_, std::string("SELECT ") + kLeaveCols + " FROM leaves WHERE sitting_id = ? ORDER BY id");
    q.bind(sitting_id);
    return all<LeaveRecord>(q, leave_row);
  }
  std::vector<LeaveRecord> leaves_of_member(int64_t member_id) override {
    Query q(db_, std::string("SELECT ") + kLeaveCols + " FROM leaves WHERE member_id = ? ORDER BY id");
    q.bind(member_id);
    return all<LeaveRecord>(q, leave_row);
  }

  // ---- motions, polls, promulgation
  std::optional<MotionRecord> motion(int64_t id) override {
    Query q(db_, std::string("SELECT ") + kMotionCols + " FROM motions WHERE id = ?");
    q.bind(id);
    return one<MotionRecord>(q, motion_row);
  }
  std::vector<MotionRecord> motions(int64_t session_id) override {
    Query q(db_, std::string("SELECT ") + kMotionCols + " FROM motions WHERE session_id = ? ORDER BY id");
    q.bind(session_id);
    return all<MotionRecord>(q, motion_row);
  }
  std::vector<MotionRecord> clauses(int64_t parent_id) override {
    Query q(db_, std::string("SELECT ") + kMotionCols + " FROM motions WHERE parent_id = ? ORDER BY id");
    q.bind(parent_id);
    return all<MotionRecord>(q, motion_row);
  }
  std::vector<MotionVersionRecord> motion_versions(int64_t motion_id) override {
    Query q(db_, "SELECT motion_id, number, stage, text, note, by_user, at FROM motion_versions "
                 "WHERE motion_id = ? ORDER BY number");
    q.bind(motion_id);
    return all<MotionVersionRecord>(q, [](const Query& r) {
      return MotionVersionRecord{r.i(0), r.i(1), r.s(2), r.s(3), r.s(4), r.s(5), r.i(6)};
    });
  }
  std::vector<CosignatureRecord> cosignatures(const std::string& subject, int64_t subject_id) override {
    Query q(db_, "SELECT subject, subject_id, member_id, state, via, form_ref, by_user, at FROM cosignatures "
                 "WHERE subject = ? AND subject_id = ? ORDER BY member_id");
    q.bind(subject).bind(subject_id);
    return all<CosignatureRecord>(q, cosignature_row);
  }
  std::vector<CosignatureRecord> requested_cosignatures(int64_t member_id) override {
    Query q(db_, "SELECT subject, subject_id, member_id, state, via, form_ref, by_user, at FROM cosignatures "
                 "WHERE member_id = ? AND state = 'requested' ORDER BY at, subject, subject_id");
    q.bind(member_id);
    return all<CosignatureRecord>(q, cosignature_row);
  }
  std::optional<PollRecord> poll(int64_t id) override {
    Query q(db_, std::string("SELECT ") + kPollCols + " FROM polls WHERE id = ?");
    q.bind(id);
    return one<PollRecord>(q, poll_row);
  }
  std::vector<PollRecord> polls_of_sitting(int64_t sitting_id) override {
    Query q(db_, std::string("SELECT ") + kPollCols + " FROM polls WHERE sitting_id = ? ORDER BY id");
    q.bind(sitting_id);
    return all<PollRecord>(q, poll_row);
  }
  std::vector<PollRecord> polls_of_motion(int64_t motion_id) override {
    Query q(db_, std::string("SELECT ") + kPollCols + " FROM polls WHERE motion_id = ? ORDER BY id");
    q.bind(motion_id);
    return all<PollRecord>(q, poll_row);
  }
  std::optional<std::string> ballot_choice(int64_t poll_id, const std::string& ballot) override {
    Query q(db_, "SELECT choice FROM poll_ballots WHERE poll_id = ? AND ballot = ?");
    q.bind(poll_id).bind(ballot);
    return one<std::string>(q, [](const Query& r) { return r.s(0); });
  }
  bool has_voted(int64_t poll_id, int64_t member_id) override {
    Query q(db_, "SELECT 1 FROM poll_voters WHERE poll_id = ? AND member_id = ?");
    q.bind(poll_id).bind(member_id);
    return q.step();
  }
  int64_t count_voters(int64_t poll_id) override {
    Query q(db_, "SELECT COUNT(*) FROM poll_voters WHERE poll_id = ?");
    q.bind(poll_id);
    q.step();
    return q.i(0);
  }
  int64_t count_voters_present(int64_t poll_id, int64_t sitting_id) override {
    Query q(db_, "SELECT COUNT(*) FROM poll_voters v JOIN check_ins c "
                 "ON c.sitting_id = ? AND c.member_id = v.member_id WHERE v.poll_id = ?");
    q.bind(sitting_id).bind(poll_id);
    q.step();
    return q.i(0);
  }
  Tally tally(int64_t poll_id) override {
    Query q(db_, "SELECT choice, SUM(weight) FROM poll_ballots WHERE poll_id = ? GROUP BY choice");
    q.bind(poll_id);
    Tally t;
    while (q.step()) {
      std::string choice = q.s(0);
      if (choice == "for") t.yes = q.i(1);
      else if (choice == "against") t.no = q.i(1);
      else if (choice == "abstain") t.abstain = q.i(1);
      else throw StoreFailure("unknown choice " + choice + " in poll " + std::to_string(poll_id));
    }
    return t;
  }
  std::vector<Ballot> anonymous_ballots(int64_t poll_id) override {
    // By choice, then ballot: an order that says nothing about who voted or when.
    Query q(db_, "SELECT ballot, choice, weight FROM poll_ballots WHERE poll_id = ? AND member_id = 0 "
                 "ORDER BY choice, ballot");
    q.bind(poll_id);
    return all<Ballot>(q, [](const Query& r) { return Ballot{r.s(0), r.s(1), r.i(2)}; });
  }
  std::vector<int64_t> voters(int64_t poll_id) override {
    Query q(db_, "SELECT member_id FROM poll_voters WHERE poll_id = ? ORDER BY member_id");
    q.bind(poll_id);
    return all<int64_t>(q, [](const Query& r) { return r.i(0); });
  }
  std::map<int64_t, int64_t> member_weights(const std::string& body) override {
    Query q(db_, "SELECT member_id, weight FROM member_weights WHERE body = ?");
    q.bind(body);
    std::map<int64_t, int64_t> out;
    while (q.step()) out[q.i(0)] = q.i(1);
    return out;
  }
  std::vector<std::pair<int64_t, int64_t>> proxies(int64_t sitting_id) override {
    Query q(db_, "SELECT grantor_id, holder_id FROM proxies WHERE sitting_id = ? ORDER BY grantor_id");
    q.bind(sitting_id);
    return all<std::pair<int64_t, int64_t>>(q, [](const Query& r) { return std::make_pair(r.i(0), r.i(1)); });
  }
  std::vector<std::pair<int64_t, std::string>> named_votes(int64_t poll_id) override {
    Query q(db_, "SELECT member_id, choice FROM poll_ballots WHERE poll_id = ? AND member_id > 0 "
                 "ORDER BY member_id");
    q.bind(poll_id);
    return all<std::pair<int64_t, std::string>>(
        q, [](const Query& r) { return std::make_pair(r.i(0), r.s(1)); });
  }
  std::optional<PromulgationRecord> promulgation(int64_t id) override {
    Query q(db_, std::string("SELECT ") + kPromulgationCols + " FROM promulgations WHERE id = ?");
    q.bind(id);
    return one<PromulgationRecord>(q, promulgation_row);
  }
  std::optional<PromulgationRecord> promulgation_of_motion(int64_t motion_id) override {
    Query q(db_, std::string("SELECT ") + kPromulgationCols +
                     " FROM promulgations WHERE motion_id = ? ORDER BY id LIMIT 1");
    q.bind(motion_id);
    return one<PromulgationRecord>(q, promulgation_row);
  }
  std::vector<PromulgationRecord> promulgations(const std::string& body) override {
    Query q(db_, std::string("SELECT ") + kPromulgationCols +
                     " FROM promulgations WHERE body = ? ORDER BY term, series, number");
    q.bind(body);
    return all<PromulgationRecord>(q, promulgation_row);
  }
  int64_t next_number(const std::string& body, int64_t term, const std::string& series) override {
    Query q(db_, "SELECT MAX(COALESCE((SELECT next FROM numbering WHERE body = ?1 AND term = ?2 "
                 "AND series = ?3), 1), COALESCE((SELECT MAX(number) + 1 FROM promulgations "
                 "WHERE body = ?1 AND term = ?2 AND series = ?3), 1))");
    q.bind(body).bind(term).bind(series);
    q.step();
    return q.i(0);
  }

  std::string state_hash() override {
    FieldHasher h;
    for (const auto& slice : slices_) {
      for (const auto& t : slice.tables) {
        if (t.hash_query.empty()) continue;
        h.field(t.name);
        Query q(reads_, t.hash_query);
        while (q.step()) {
          h.field("row");
          for (int c = 0; c < q.columns(); ++c) h.field(q.is_null(c) ? std::string("\x01null") : q.s(c));
        }
      }
    }
    return h.hex();
  }

  // ---- proposals (proposal_tables.cpp)
  std::optional<ProposalRecord> proposal(int64_t id) override {
    return proposal_tables::proposal(db_, id);
  }
  std::vector<ProposalHit> find_proposals(const ProposalFilter& f) override {
    return proposal_tables::find(db_, f);
  }
  int64_t count_proposals(const ProposalFilter& f) override { return proposal_tables::count(db_, f); }
  std::vector<ProposalRecord> merged_proposals(int64_t into_id) override {
    return proposal_tables::merged_into(db_, into_id);
  }
  ProposalStats proposal_stats(const ProposalFilter& f, const std::string& as_of) override {
    return proposal_tables::stats(db_, f, as_of);
  }
  std::vector<std::pair<ProposalRecord, double>> similar_proposals(
      const std::string& body, const std::string& text, int limit, int64_t exclude_id) override {
    return proposal_tables::similar(db_, body, text, limit, exclude_id);
  }
  std::optional<HandlingUnitRecord> handling_unit(int64_t id) override {
    return proposal_tables::handling_unit(db_, id);
  }
  std::vector<HandlingUnitRecord> handling_units(const std::string& body) override {
    return proposal_tables::handling_units(db_, body);
  }
  std::vector<int64_t> units_of_account(const std::string& username) override {
    return proposal_tables::units_of_account(db_, username);
  }
  std::vector<AssignmentRecord> assignments(int64_t proposal_id) override {
    return proposal_tables::assignments(db_, proposal_id);
  }
  std::vector<OverdueItem> overdue(const std::string& body, const std::string& as_of) override {
    return proposal_tables::overdue(db_, body, as_of);
  }
  std::vector<FeedbackRecord> feedback(int64_t proposal_id) override {
    return proposal_tables::feedback(db_, proposal_id);
  }
  std::vector<SupervisionRecord> supervision(int64_t proposal_id) override {
    return proposal_tables::supervision(db_, proposal_id);
  }
  std::vector<ExtensionRecord> extensions(int64_t proposal_id) override {
    return proposal_tables::extensions(db_, proposal_id);
  }
  std::vector<NotificationRecord> notifications(const std::vector<std::string>& recipients,
                                                int64_t limit) override {
    return proposal_tables::notifications(db_, recipients, limit);
  }
  void put_proposal(const ProposalRecord& p) override { proposal_tables::put_proposal(db_, p); }
  void put_handling_unit(const HandlingUnitRecord& u) override {
    proposal_tables::put_handling_unit(db_, u);
  }
  void put_unit_account(int64_t unit_id, const std::string& username) override {
    proposal_tables::put_unit_account(db_, unit_id, username);
  }
  void put_assignment(const AssignmentRecord& a) override { proposal_tables::put_assignment(db_, a); }
  void put_feedback(const FeedbackRecord& f) override { proposal_tables::put_feedback(db_, f); }
  void put_extension(const ExtensionRecord& e) override {
    proposal_tables::put_extension(db_, e);
  }
  void put_supervision(const SupervisionRecord& s) override {
    proposal_tables::put_supervision(db_, s);
  }
  void put_notification(const NotificationRecord& n) override {
    proposal_tables::put_notification(db_, n);
  }

  // ---- elections
  std::optional<ElectionRecord> election(int64_t id) override {
    Query q(db_, std::string("SELECT ") + kElectionCols + " FROM elections WHERE id = ?");
    q.bind(id);
    return one<ElectionRecord>(q, election_row);
  }
  std::vector<ElectionRecord> elections(int64_t session_id) override {
    Query q(db_, std::string("SELECT ") + kElectionCols + " FROM elections WHERE session_id = ? ORDER BY id");
    q.bind(session_id);
    return all<ElectionRecord>(q, election_row);
  }
  std::vector<ElectionRoundRecord> election_rounds(int64_t election_id) override {
    Query q(db_, std::string("SELECT ") + kRoundCols + " FROM election_rounds WHERE election_id = ? ORDER BY number");
    q.bind(election_id);
    return all<ElectionRoundRecord>(q, round_row);
  }
  void put_election(const ElectionRecord& e) override {
    Query q(db_, std::string("INSERT OR REPLACE INTO elections(") + kElectionCols + ") VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    q.bind(e.id).bind(e.body).bind(e.session_id).bind(e.title_zh).bind(e.title_en).bind(e.seats)
        .bind(e.ballot_kind).bind(e.mode).bind(e.state).bind(e.round).bind(e.candidates)
        .bind(e.scrutineers).bind(e.elected).bind(e.electronic).bind(e.margin);
    q.run();
  }
  void put_election_round(const ElectionRoundRecord& r) override {
    Query q(db_, std::string("INSERT OR REPLACE INTO election_rounds(") + kRoundCols + ") VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    q.bind(r.election_id).bind(r.number).bind(r.sitting_id).bind(r.kind).bind(r.seats).bind(r.candidate_ids)
        .bind(r.members).bind(r.members_hash).bind(r.boxes).bind(r.entry).bind(r.state).bind(r.result)
        .bind(r.signed_by).bind(r.manifest);
    q.run();
  }
  std::vector<ElectionBoardRecord> election_board(int64_t election_id, const std::string& kind) override {
    Query q(db_, "SELECT election_id, idx, kind, round, payload, hash FROM election_board "
                 "WHERE election_id = ? AND (? = '' OR kind = ?) ORDER BY idx");
    q.bind(election_id).bind(kind).bind(kind);
    return all<ElectionBoardRecord>(q, board_row);
  }
  std::optional<ElectionBoardRecord> election_board_last(int64_t election_id) override {
    Query q(db_, "SELECT election_id, idx, kind, round, payload, hash FROM election_board "
                 "WHERE election_id = ? ORDER BY idx DESC LIMIT 1");
    q.bind(election_id);
    return one<ElectionBoardRecord>(q, board_row);
  }
  std::optional<ElectionCredentialRecord> election_credential(int64_t election_id,
                                                              const std::string& credential) override {
    Query q(db_, "SELECT election_id, credential, member_id, last_round, receipts FROM election_credentials "
                 "WHERE election_id = ? AND credential = ?");
    q.bind(election_id).bind(credential);
    return one<ElectionCredentialRecord>(q, credential_row);
  }
  std::optional<ElectionCredentialRecord> election_credential_of(int64_t election_id, int64_t member_id) override {
    Query q(db_, "SELECT election_id, credential, member_id, last_round, receipts FROM election_credentials "
                 "WHERE election_id = ? AND member_id = ?");
    q.bind(election_id).bind(member_id);
    return one<ElectionCredentialRecord>(q, credential_row);
  }
  std::vector<ElectionCredentialRecord> election_credentials(int64_t election_id) override {
    Query q(db_, "SELECT election_id, credential, member_id, last_round, receipts FROM election_credentials "
                 "WHERE election_id = ? ORDER BY credential");
    q.bind(election_id);
    return all<ElectionCredentialRecord>(q, credential_row);
  }
  int64_t count_election_voters(int64_t election_id, int64_t round) override {
    Query q(db_, "SELECT COUNT(*) FROM election_credentials WHERE election_id = ? AND last_round = ?");
    q.bind(election_id).bind(round);
    q.step();
    return q.i(0);
  }
  void append_election_board(const ElectionBoardRecord& b) override {
    Query q(db_, "INSERT INTO election_board(election_id, idx, kind, round, payload, hash) VALUES(?,?,?,?,?,?)");
    q.bind(b.election_id).bind(b.index).bind(b.kind).bind(b.round).bind(b.payload).bind(b.hash);
    q.run();
  }
  void put_election_credential(const ElectionCredentialRecord& c) override {
    Query q(db_, "INSERT OR REPLACE INTO election_credentials(election_id, credential, member_id, last_round, "
                 "receipts) VALUES(?,?,?,?,?)");
    q.bind(c.election_id).bind(c.credential).bind(c.member_id).bind(c.last_round).bind(c.receipts);
    q.run();
  }

  // ---- writes
  void append_event(const EventRecord& e) override {
    Query q(db_, "INSERT INTO events(body, seq, type, actor, at, request_id, payload, prev_hash, "
                 "hash) VALUES(?,?,?,?,?,?,?,?,?)");
    q.bind(e.body).bind(e.seq).bind(e.type).bind(e.actor).bind(e.at).bind(e.request_id)
        .bind(e.payload).bind(e.prev_hash).bind(e.hash);
    q.run();
  }
  void put_request_outcome(const std::string& request_id, const RequestOutcome& o) override {
    Query q(db_, "INSERT INTO requests(request_id, actor, action, args_hash, response) "
                 "VALUES(?,?,?,?,?)");
    q.bind(request_id).bind(o.actor).bind(o.action).bind(o.args_hash).bind(o.response);
    q.run();
  }
  void put_body(const BodyRecord& b) override {
    Query q(db_, "INSERT OR REPLACE INTO bodies(id, name_zh, name_en, rulebook, quorum_override, "
                 "level) VALUES(?,?,?,?,?,?)");
    q.bind(b.id).bind(b.name_zh).bind(b.name_en).bind(b.rulebook).bind(b.quorum_override)
        .bind(b.level);
    q.run();
  }
  void put_term(const TermRecord& t) override {
    Query q(db_, "INSERT OR REPLACE INTO terms(body, number, name_zh, starts_on) VALUES(?,?,?,?)");
    q.bind(t.body).bind(t.number).bind(t.name_zh).bind(t.starts_on);
    q.run();
  }
  void put_session(const SessionRecord& s) override {
    Query q(db_, std::string("INSERT OR REPLACE INTO sessions(") + kSessionCols +
                     ") VALUES(?,?,?,?,?,?,?,?,?,?)");
    q.bind(s.id).bind(s.body).bind(s.term).bind(s.number).bind(s.name_zh).bind(s.name_en)
        .bind(s.short_name_zh).bind(s.opens_on).bind(s.closes_on).bind(s.proposal_cutoff_at);
    q.run();
  }
  void put_sitting(const SittingRecord& s) override {
    Query q(db_, std::string("INSERT OR REPLACE INTO sittings(") + kSittingCols +
                     ") VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?)");
    q.bind(s.id).bind(s.session_id).bind(s.body).bind(s.kind).bind(s.number).bind(s.title_zh)
        .bind(s.title_en).bind(s.starts_at).bind(s.state).bind(join_ids(s.unit_ids))
        .bind(s.group_name).bind(s.opened_at).bind(s.closed_at);
    q.run();
  }
  void put_unit(const UnitRecord& u) override {
    Query q(db_, "INSERT OR REPLACE INTO units(id, body, kind, name) VALUES(?,?,?,?)");
    q.bind(u.id).bind(u.body).bind(u.kind).bind(u.name);
    q.run();
  }
  void put_member(const MemberRecord& m) override {
    Query q(db_, std::string("INSERT OR REPLACE INTO members(") + kMemberCols +
                     ") VALUES(?,?,?,?,?,?,?,?,?,?,?,?)");
    q.bind(m.id).bind(m.body).bind(m.seat).bind(m.card).bind(m.name).bind(m.gender)
        .bind(m.unit_id).bind(m.group_name).bind(m.joined_on).bind(m.vacated_on)
        .bind(m.vacancy_reason).bind(join_words(m.roles));
    q.run();
  }
  void put_account(const AccountRecord& a) override {
    Query q(db_, std::string("INSERT OR REPLACE INTO accounts(") + kAccountCols + ") VALUES(?,?,?,?,?,?)");
    q.bind(a.username).bind(a.password_hash).bind(a.display_name).bind(a.member_id)
        .bind(int64_t{a.disabled ? 1 : 0}).bind(a.credentials_changed_at);
    q.run();
  }
  void put_role(const AccountRole& r) override {
    Query q(db_, "INSERT OR IGNORE INTO account_roles(username, body, role) VALUES(?,?,?)");
    q.bind(r.username).bind(r.body).bind(r.role);
    q.run();
  }
  void remove_role(const AccountRole& r) override {
    Query q(db_, "DELETE FROM account_roles WHERE username = ? AND body = ? AND role = ?");
    q.bind(r.username).bind(r.body).bind(r.role);
    q.run();
  }
  void put_check_in(const CheckInRecord& c) override {
    Query q(db_, "INSERT INTO check_ins(sitting_id, member_id, method, at, by_user) VALUES(?,?,?,?,?)");
    q.bind(c.sitting_id).bind(c.member_id).bind(c.method).bind(c.at).bind(c.by);
    q.run();
  }
  void put_leave(const LeaveRecord& l) override {
    Query q(db_, std::string("INSERT OR REPLACE INTO leaves(") + kLeaveCols +
                     ") VALUES(?,?,?,?,?,?,?,?,?,?)");
    q.bind(l.id).bind(l.sitting_id).bind(l.member_id).bind(l.reason).bind(l.state)
        .bind(l.requested_by).bind(l.requested_at).bind(l.decided_by).bind(l.decided_at)
        .bind(l.note);
    q.run();
  }

  void put_motion(const MotionRecord& m) override {
    Query q(db_, std::string("INSERT OR REPLACE INTO motions(") + kMotionCols +
                     ") VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    q.bind(m.id).bind(m.body).bind(m.session_id).bind(m.sitting_id).bind(m.kind).bind(m.title_zh)
        .bind(m.title_en).bind(m.submitter_kind).bind(m.submitter).bind(join_ids(m.signers))
        .bind(m.sections).bind(m.items).bind(m.state).bind(m.parent_id).bind(m.clause)
        .bind(m.referred_to).bind(m.decided_how).bind(m.decided_at).bind(m.submitted_by)
        .bind(m.submitted_at);
    q.run();
  }
  void put_motion_version(const MotionVersionRecord& v) override {
    Query q(db_, "INSERT INTO motion_versions(motion_id, number, stage, text, note, by_user, at) "
                 "VALUES(?,?,?,?,?,?,?)");
    q.bind(v.motion_id).bind(v.number).bind(v.stage).bind(v.text).bind(v.note).bind(v.by).bind(v.at);
    q.run();
  }
  void put_cosignature(const CosignatureRecord& c) override {
    Query q(db_, "INSERT OR REPLACE INTO cosignatures(subject, subject_id, member_id, state, via, form_ref, by_user, at) "
                 "VALUES(?,?,?,?,?,?,?,?)");
    q.bind(c.subject).bind(c.subject_id).bind(c.member_id).bind(c.state).bind(c.via).bind(c.form_ref).bind(c.by).bind(c.at);
    q.run();
  }
  void put_poll(const PollRecord& p) override {
    Query q(db_, std::string("INSERT OR REPLACE INTO polls(") + kPollCols +
                     ") VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    q.bind(p.id).bind(p.body).bind(p.sitting_id).bind(p.motion_id).bind(p.mode).bind(p.state)
        .bind(p.method).bind(p.opened_by).bind(p.opened_at).bind(p.closed_by).bind(p.closed_at)
        .bind(p.yes).bind(p.no).bind(p.abstain).bind(p.not_voted).bind(p.present)
        .bind(p.base_size).bind(int64_t{p.adopted ? 1 : 0}).bind(p.rule).bind(p.manual)
        .bind(p.announcement_zh).bind(p.announcement_en);
    q.run();
  }
  void put_ballot(int64_t poll_id, const std::string& ballot, int64_t member_id,
                  const std::string& choice, int64_t weight) override {
    Query q(db_, "INSERT OR REPLACE INTO poll_ballots(poll_id, ballot, member_id, choice, weight) "
                 "VALUES(?,?,?,?,?)");
    q.bind(poll_id).bind(ballot).bind(member_id).bind(choice).bind(weight);
    q.run();
  }
  void seal_ballot(int64_t poll_id, const std::string& ballot, const std::string& choice,
                   int64_t weight) override {
    Query q(db_, "INSERT OR IGNORE INTO poll_ballots(poll_id, ballot, member_id, choice, weight) "
                 "VALUES(?,?,0,?,?)");
    q.bind(poll_id).bind(ballot).bind(choice).bind(weight);
    q.run();
  }
  void put_member_weight(const std::string& body, int64_t member_id, int64_t weight) override {
    Query q(db_, "INSERT OR REPLACE INTO member_weights(body, member_id, weight) VALUES(?,?,?)");
    q.bind(body).bind(member_id).bind(weight);
    q.run();
  }
  void put_proxy(int64_t sitting_id, int64_t grantor_id, int64_t holder_id) override {
    Query q(db_, "INSERT INTO proxies(sitting_id, grantor_id, holder_id) VALUES(?,?,?)");
    q.bind(sitting_id).bind(grantor_id).bind(holder_id);
    q.run();
  }
  void put_voter(int64_t poll_id, int64_t member_id) override {
    Query q(db_, "INSERT OR IGNORE INTO poll_voters(poll_id, member_id) VALUES(?,?)");
    q.bind(poll_id).bind(member_id);
    q.run();
  }
  void put_promulgation(const PromulgationRecord& p) override {
    Query q(db_, std::string("INSERT INTO promulgations(") + kPromulgationCols +
                     ") VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?)");
    q.bind(p.id).bind(p.body).bind(p.term).bind(p.series).bind(p.number).bind(p.motion_id)
        .bind(p.title_zh).bind(p.enacted_by_zh).bind(p.adopted_on).bind(p.effective_on)
        .bind(p.promulgated_on).bind(p.text_zh).bind(p.by);
    q.run();
  }
  void set_next_number(const std::string& body, int64_t term, const std::string& series,
                       int64_t next) override {
    Query q(db_, "INSERT OR REPLACE INTO numbering(body, term, series, next) VALUES(?,?,?,?)");
    q.bind(body).bind(term).bind(series).bind(next);
    q.run();
  }

  // Prepared once per connection: these run for every action of every batch.
  void savepoint() override { Query(db_, "SAVEPOINT action").run(); }
  void release() override { Query(db_, "RELEASE action").run(); }
  void rollback_to() override {
    Query(db_, "ROLLBACK TO action").run();
    Query(db_, "RELEASE action").run();
  }
  void commit() override { db_.exec("COMMIT"); }
  void rollback() override { db_.exec("ROLLBACK"); }

 protected:
  // An FTS table some slice keeps a similarity index for; anything else is refused.
  void text_index(const std::string& index) const {
    for (const auto& slice : slices_)
      if (const Table* t = slice.table(index); t && t->similarity_index) return;
    throw StoreFailure("no similarity index on " + index);
  }

  Db& db_;
  const std::vector<TableSet>& slices_;
  CheckedSql reads_;
  CheckedSql room_writes_;
};

class SqliteStore;

// Holds the write connection's mutex for the transaction's lifetime.
class WriteTx : public Connection {
 public:
  WriteTx(Db& db, const std::vector<TableSet>& slices, std::unique_lock<std::mutex> lock)
      : Connection(db, slices), lock_(std::move(lock)) {
    db_.exec("BEGIN IMMEDIATE");
  }
  ~WriteTx() override {
    if (sqlite3_get_autocommit(db_.raw()) == 0) {
      try { db_.exec("ROLLBACK"); } catch (...) {}
    }
  }

 private:
  std::unique_lock<std::mutex> lock_;
};

class SqliteStore : public Store, public SessionKeeper {
 public:
  SqliteStore(const std::string& path, std::vector<TableSet> feature_slices)
      : path_(path), writer_(path, false), session_db_(path, false) {
    slices_.push_back(own_slice());
    for (auto& slice : feature_slices) slices_.push_back(std::move(slice));
    writer_.exec("PRAGMA journal_mode=WAL");
    writer_.exec("PRAGMA synchronous=FULL");
    writer_.exec("PRAGMA foreign_keys=ON");
    check_schema_version();
    for (const auto& slice : slices_) {
      writer_.exec(slice.schema.c_str());
      writer_.exec(slice.sqlite_schema.c_str());
      for (const auto& t : slice.tables)
        if (t.similarity_index) create_similarity_index(writer_.raw(), t.name);
    }
    writer_.exec(("PRAGMA user_version=" + std::to_string(kSchemaVersion)).c_str());
    session_db_.exec("PRAGMA synchronous=FULL");
  }

  // A database written by another schema version is refused rather than half-read.
  void check_schema_version() {
    Query tables(writer_, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'events'");
    tables.step();
    if (tables.i(0) == 0) return;  // a new database
    Query version(writer_, "PRAGMA user_version");
    version.step();
    if (version.i(0) != kSchemaVersion)
      throw StoreFailure("database schema version " + std::to_string(version.i(0)) +
                         ", this build needs version " + std::to_string(kSchemaVersion) +
                         "; recreate it (plenum demo) or migrate it");
  }

  std::unique_ptr<Writer> begin_write() override {
    std::unique_lock<std::mutex> lock(write_mu_);
    return std::make_unique<WriteTx>(writer_, slices_, std::move(lock));
  }
  const std::vector<TableSet>& slices() const override { return slices_; }

  std::unique_ptr<Reader> read() override;

  SessionKeeper& sessions() override { return *this; }

  void put_login_session(const LoginSession& s) override {
    std::lock_guard<std::mutex> lock(session_mu_);
    // Sessions that expired before this one began are no one's any more: each sign-in clears
    // them, so the table holds at most the sessions of the last expiry period. One commit.
    session_db_.exec("BEGIN IMMEDIATE");
    try {
      Query purge(session_db_, "DELETE FROM login_sessions WHERE expires_at < ?");
      purge.bind(s.created_at);
      purge.run();
      Query q(session_db_, "INSERT OR REPLACE INTO login_sessions(token_hash, username, csrf_token, "
                           "created_at, expires_at) VALUES(?,?,?,?,?)");
      q.bind(s.token_hash).bind(s.username).bind(s.csrf_token).bind(s.created_at).bind(s.expires_at);
      q.run();
      session_db_.exec("COMMIT");
    } catch (...) {
      try {
        session_db_.exec("ROLLBACK");
      } catch (...) {
        // The connection is broken; the first failure is the one to report.
      }
      throw;
    }
  }
  void delete_login_session(const std::string& token_hash) override {
    std::lock_guard<std::mutex> lock(session_mu_);
    Query q(session_db_, "DELETE FROM login_sessions WHERE token_hash = ?");
    q.bind(token_hash);
    q.run();
  }

  std::unique_ptr<Db> take_reader() {
    std::lock_guard<std::mutex> lock(pool_mu_);
    if (pool_.empty()) return std::make_unique<Db>(path_, true);
    auto db = std::move(pool_.back());
    pool_.pop_back();
    return db;
  }
  void give_back(std::unique_ptr<Db> db) {
    std::lock_guard<std::mutex> lock(pool_mu_);
    if (pool_.size() < 16) pool_.push_back(std::move(db));
  }

 private:
  std::string path_;
  std::vector<TableSet> slices_;
  Db writer_;
  std::mutex write_mu_;
  Db session_db_;
  std::mutex session_mu_;
  std::mutex pool_mu_;
  std::vector<std::unique_ptr<Db>> pool_;
};

// A pooled read connection holding one snapshot (a read transaction) for its lifetime.
class ReadTx : public Connection {
 public:
  ReadTx(SqliteStore& store, std::unique_ptr<Db> db)
      : Connection(*db, store.slices()), store_(store), owned_(std::move(db)) {
    db_.exec("BEGIN");
  }
  ~ReadTx() override {
    try {
      db_.exec("COMMIT");
      store_.give_back(std::move(owned_));
    } catch (...) {
    }
  }

 private:
  SqliteStore& store_;
  std::unique_ptr<Db> owned_;
};

std::unique_ptr<Reader> SqliteStore::read() {
  return std::make_unique<ReadTx>(*this, take_reader());
}

}  // namespace
}  // namespace sqlite

Result<std::unique_ptr<Store>> open_sqlite_store(const std::string& path, std::vector<TableSet> slices) {
  try {
    return std::unique_ptr<Store>(std::make_unique<sqlite::SqliteStore>(path, std::move(slices)));
  } catch (const StoreFailure& e) {
    return make_error(ErrorCode::kInternal, std::string("无法打开数据库：") + e.what(),
                      std::string("cannot open the database: ") + e.what(), "db");
  }
}

}  // namespace plenum::store
