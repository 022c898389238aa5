// The SQLite backend: one write connection owned by whoever holds the Writer, a pool of
// read-only connections, and a separate connection for login sessions.
#include <mutex>
#include <sstream>

#include "base/text.h"
#include "store/sqlite/db.h"
#include "store/sqlite/schema.sql.h"
#include "store/store.h"

namespace plenum::store {
namespace sqlite {
namespace {

std::string join_ids(const std::vector<int64_t>& ids) {
  std::string out;
  for (size_t i = 0; i < ids.size(); ++i) {
    if (i) out += ',';
    out += std::to_string(ids[i]);
  }
  return out;
}

std::vector<int64_t> split_ids(const std::string& s) {
  std::vector<int64_t> out;
  std::stringstream in(s);
  std::string part;
  while (std::getline(in, part, ',')) if (!part.empty()) out.push_back(std::stoll(part));
  return out;
}

std::string join_words(const std::vector<std::string>& words) {
  std::string out;
  for (size_t i = 0; i < words.size(); ++i) {
    if (i) out += ',';
    out += words[i];
  }
  return out;
}

std::vector<std::string> split_words(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream in(s);
  std::string part;
  while (std::getline(in, part, ',')) if (!part.empty()) out.push_back(part);
  return out;
}

constexpr const char* kEventCols =
    "position, body, seq, type, actor, at, request_id, payload, prev_hash, hash";
EventRecord event_row(const Query& q) {
  return EventRecord{q.i(0), q.s(1), q.i(2), q.s(3), q.s(4), q.i(5),
                     q.s(6), q.s(7), q.s(8), q.s(9)};
}

constexpr const char* kSessionCols =
    "id, body, term, number, name_zh, name_en, short_name_zh, opens_on, closes_on";
SessionRecord session_row(const Query& q) {
  return SessionRecord{q.i(0), q.s(1), q.i(2), q.i(3), q.s(4), q.s(5), q.s(6), q.s(7), q.s(8)};
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

CheckInRecord check_in_row(const Query& q) {
  return CheckInRecord{q.i(0), q.i(1), q.s(2), q.i(3), q.s(4)};
}

template <typename T, typename Row>
std::optional<T> one(Query& q, Row row) {
  if (q.step()) return row(q);
  return std::nullopt;
}

template <typename T, typename Row>
std::vector<T> all(Query& q, Row row) {
  std::vector<T> out;
  while (q.step()) out.push_back(row(q));
  return out;
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

// Both the write transaction and pooled readers are a Connection; readers only read.
class Connection : public Writer {
 public:
  explicit Connection(Db& db) : db_(db) {}

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
    Query q(db_, "SELECT id, name_zh, name_en, rulebook, quorum_override FROM bodies WHERE id = ?");
    q.bind(id);
    return one<BodyRecord>(
        q, [](const Query& r) { return BodyRecord{r.s(0), r.s(1), r.s(2), r.s(3), r.s(4)}; });
  }
  std::vector<BodyRecord> bodies() override {
    Query q(db_, "SELECT id, name_zh, name_en, rulebook, quorum_override FROM bodies ORDER BY id");
    return all<BodyRecord>(
        q, [](const Query& r) { return BodyRecord{r.s(0), r.s(1), r.s(2), r.s(3), r.s(4)}; });
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
    static const char* const kAllowed[] = {"members", "units", "sessions", "sittings", "leaves"};
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

  std::string state_hash() override {
    FieldHasher h;
    for (const auto& t : kProjectionTables) {
      h.field(t[0]);
      Query q(db_, std::string("SELECT * FROM ") + t[0] + " ORDER BY " + t[1]);
      while (q.step()) {
        h.field("row");
        for (int c = 0; c < q.columns(); ++c) h.field(q.is_null(c) ? std::string("\x01null") : q.s(c));
      }
    }
    return h.hex();
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
    Query q(db_, "INSERT OR REPLACE INTO bodies(id, name_zh, name_en, rulebook, quorum_override) "
                 "VALUES(?,?,?,?,?)");
    q.bind(b.id).bind(b.name_zh).bind(b.name_en).bind(b.rulebook).bind(b.quorum_override);
    q.run();
  }
  void put_term(const TermRecord& t) override {
    Query q(db_, "INSERT OR REPLACE INTO terms(body, number, name_zh, starts_on) VALUES(?,?,?,?)");
    q.bind(t.body).bind(t.number).bind(t.name_zh).bind(t.starts_on);
    q.run();
  }
  void put_session(const SessionRecord& s) override {
    Query q(db_, std::string("INSERT OR REPLACE INTO sessions(") + kSessionCols +
                     ") VALUES(?,?,?,?,?,?,?,?,?)");
    q.bind(s.id).bind(s.body).bind(s.term).bind(s.number).bind(s.name_zh).bind(s.name_en)
        .bind(s.short_name_zh).bind(s.opens_on).bind(s.closes_on);
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
  Db& db_;
};

class SqliteStore;

// Holds the write connection's mutex for the transaction's lifetime.
class WriteTx : public Connection {
 public:
  WriteTx(Db& db, std::unique_lock<std::mutex> lock) : Connection(db), lock_(std::move(lock)) {
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
  explicit SqliteStore(const std::string& path) : path_(path), writer_(path, false),
                                                  session_db_(path, false) {
    writer_.exec("PRAGMA journal_mode=WAL");
    writer_.exec("PRAGMA synchronous=FULL");
    writer_.exec("PRAGMA foreign_keys=ON");
    writer_.exec(kSchema);
    session_db_.exec("PRAGMA synchronous=FULL");
  }

  std::unique_ptr<Writer> begin_write() override {
    std::unique_lock<std::mutex> lock(write_mu_);
    return std::make_unique<WriteTx>(writer_, std::move(lock));
  }

  std::unique_ptr<Reader> read() override;

  SessionKeeper& sessions() override { return *this; }

  void put_login_session(const LoginSession& s) override {
    std::lock_guard<std::mutex> lock(session_mu_);
    Query q(session_db_, "INSERT OR REPLACE INTO login_sessions(token_hash, username, csrf_token, "
                         "created_at, expires_at) VALUES(?,?,?,?,?)");
    q.bind(s.token_hash).bind(s.username).bind(s.csrf_token).bind(s.created_at).bind(s.expires_at);
    q.run();
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
      : Connection(*db), store_(store), owned_(std::move(db)) {
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

Result<std::unique_ptr<Store>> open_sqlite_store(const std::string& path) {
  try {
    return std::unique_ptr<Store>(std::make_unique<sqlite::SqliteStore>(path));
  } catch (const StoreFailure& e) {
    return make_error(ErrorCode::kInternal, std::string("无法打开数据库：") + e.what(),
                      std::string("cannot open the database: ") + e.what(), "db");
  }
}

}  // namespace plenum::store
