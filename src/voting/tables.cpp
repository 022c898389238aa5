#include "voting/tables.h"

#include "store/sql.h"

namespace plenum::voting::tables {

namespace {

constexpr const char* kPollCols =
    "id, body, sitting_id, motion_id, mode, state, method, opened_by, opened_at, closed_by, "
    "closed_at, yes, no, abstain, not_voted, present, base_size, adopted, rule, manual, "
    "announcement_zh, announcement_en";

PollRecord poll_row(const store::Query& q) {
  return PollRecord{q.i(0),  q.s(1),  q.i(2),  q.i(3),  q.s(4),  store::name_column<PollState>(q, 5),
                    q.s(6),  q.s(7),  q.i(8),  q.s(9),  q.i(10), q.i(11),
                    q.i(12), q.i(13), q.i(14), q.i(15), q.i(16), q.i(17) != 0,
                    q.s(18), q.s(19), q.s(20), q.s(21)};
}

const store::Rows<PollRecord> kPollRows{"polls", kPollCols, poll_row};

}  // namespace

const store::TableSet& slice() {
  static const store::TableSet kSlice{
      "voting",
      R"sql(
CREATE TABLE IF NOT EXISTS polls(
  id INTEGER PRIMARY KEY, body TEXT NOT NULL, sitting_id INTEGER NOT NULL,
  motion_id INTEGER NOT NULL, mode TEXT NOT NULL, state TEXT NOT NULL, method TEXT NOT NULL,
  opened_by TEXT NOT NULL, opened_at INTEGER NOT NULL, closed_by TEXT NOT NULL,
  closed_at INTEGER NOT NULL, yes INTEGER NOT NULL, no INTEGER NOT NULL,
  abstain INTEGER NOT NULL, not_voted INTEGER NOT NULL, present INTEGER NOT NULL,
  base_size INTEGER NOT NULL, adopted INTEGER NOT NULL, rule TEXT NOT NULL, manual TEXT NOT NULL,
  announcement_zh TEXT NOT NULL, announcement_en TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS polls_sitting ON polls(sitting_id);
CREATE INDEX IF NOT EXISTS polls_motion ON polls(motion_id);
-- Keyed by the ballot, never by insertion order: an anonymous ballot's row says nothing about
-- when it was cast relative to the voters below. member_id is 0 in an anonymous poll.
CREATE TABLE IF NOT EXISTS poll_ballots(
  poll_id INTEGER NOT NULL, ballot TEXT NOT NULL, member_id INTEGER NOT NULL,
  choice TEXT NOT NULL, weight INTEGER NOT NULL, PRIMARY KEY(poll_id, ballot)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS poll_voters(
  poll_id INTEGER NOT NULL, member_id INTEGER NOT NULL,
  PRIMARY KEY(poll_id, member_id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS member_weights(
  body TEXT NOT NULL, member_id INTEGER NOT NULL, weight INTEGER NOT NULL,
  PRIMARY KEY(body, member_id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS proxies(
  sitting_id INTEGER NOT NULL, grantor_id INTEGER NOT NULL, holder_id INTEGER NOT NULL,
  PRIMARY KEY(sitting_id, grantor_id)) WITHOUT ROWID;
)sql",
      "",
      {
          {"polls", "SELECT * FROM polls ORDER BY id", "", false},
          // An open anonymous poll's ballot box is sealed into the chain only when it closes;
          // until then its ballots are written by voting.cast itself, with no event.
          {"poll_ballots",
           "SELECT b.* FROM poll_ballots b JOIN polls p ON p.id = b.poll_id "
           "WHERE p.state = 'closed' OR p.mode = 'named' ORDER BY b.poll_id, b.ballot",
           "", true},
          {"poll_voters", "",
           "who voted in an anonymous poll is not in the record, so replay cannot rebuild it (docs/LEDGER.md)", true},
          {"member_weights", "SELECT * FROM member_weights ORDER BY body, member_id", "", false},
          {"proxies", "SELECT * FROM proxies ORDER BY sitting_id, grantor_id", "", false},
      }};
  return kSlice;
}

std::optional<PollRecord> poll(store::Reader& r, int64_t id) { return kPollRows.one(r.sql(), "WHERE id = ?", id); }

std::vector<PollRecord> polls_of_sitting(store::Reader& r, int64_t sitting_id) {
  return kPollRows.all(r.sql(), "WHERE sitting_id = ? ORDER BY id", sitting_id);
}

std::vector<PollRecord> polls_of_motion(store::Reader& r, int64_t motion_id) {
  return kPollRows.all(r.sql(), "WHERE motion_id = ? ORDER BY id", motion_id);
}

std::vector<PollRecord> open_polls(store::Reader& r) {
  return kPollRows.all(r.sql(), "WHERE state = ? ORDER BY id", PollState::kOpen);
}

std::optional<std::string> ballot_choice(store::Reader& r, int64_t poll_id, const std::string& ballot) {
  store::Query q(r.sql(), "SELECT choice FROM poll_ballots WHERE poll_id = ? AND ballot = ?");
  q.bind(poll_id).bind(ballot);
  return store::one<std::string>(q, [](const store::Query& r) { return r.s(0); });
}

bool has_voted(store::Reader& r, int64_t poll_id, int64_t member_id) {
  store::Query q(r.sql(), "SELECT 1 FROM poll_voters WHERE poll_id = ? AND member_id = ?");
  q.bind(poll_id).bind(member_id);
  return q.step();
}

int64_t count_voters(store::Reader& r, int64_t poll_id) {
  store::Query q(r.sql(), "SELECT COUNT(*) FROM poll_voters WHERE poll_id = ?");
  q.bind(poll_id);
  q.step();
  return q.i(0);
}

int64_t count_voters_present(store::Reader& r, int64_t poll_id, int64_t sitting_id) {
  store::Query q(r.sql(),
                 "SELECT COUNT(*) FROM poll_voters v JOIN check_ins c "
                 "ON c.sitting_id = ? AND c.member_id = v.member_id WHERE v.poll_id = ?");
  q.bind(sitting_id).bind(poll_id);
  q.step();
  return q.i(0);
}

Tally tally(store::Reader& r, int64_t poll_id) {
  store::Query q(r.sql(), "SELECT choice, SUM(weight) FROM poll_ballots WHERE poll_id = ? GROUP BY choice");
  q.bind(poll_id);
  Tally t;
  while (q.step()) {
    std::string choice = q.s(0);
    if (choice == "for")
      t.yes = q.i(1);
    else if (choice == "against")
      t.no = q.i(1);
    else if (choice == "abstain")
      t.abstain = q.i(1);
    else
      throw store::StoreFailure("unknown choice " + choice + " in poll " + std::to_string(poll_id));
  }
  return t;
}

std::vector<int64_t> voters(store::Reader& r, int64_t poll_id) {
  store::Query q(r.sql(), "SELECT member_id FROM poll_voters WHERE poll_id = ? ORDER BY member_id");
  q.bind(poll_id);
  return store::all<int64_t>(q, [](const store::Query& r) { return r.i(0); });
}

std::map<int64_t, int64_t> member_weights(store::Reader& r, const std::string& body) {
  store::Query q(r.sql(), "SELECT member_id, weight FROM member_weights WHERE body = ?");
  q.bind(body);
  std::map<int64_t, int64_t> out;
  while (q.step()) out[q.i(0)] = q.i(1);
  return out;
}

std::vector<std::pair<int64_t, int64_t>> proxies(store::Reader& r, int64_t sitting_id) {
  store::Query q(r.sql(), "SELECT grantor_id, holder_id FROM proxies WHERE sitting_id = ? ORDER BY grantor_id");
  q.bind(sitting_id);
  return store::all<std::pair<int64_t, int64_t>>(q,
                                                 [](const store::Query& r) { return std::make_pair(r.i(0), r.i(1)); });
}

std::vector<Ballot> anonymous_ballots(store::Reader& r, int64_t poll_id) {
  // By choice, then ballot: an order that says nothing about who voted or when.
  store::Query q(r.sql(),
                 "SELECT ballot, choice, weight FROM poll_ballots WHERE poll_id = ? AND member_id = 0 "
                 "ORDER BY choice, ballot");
  q.bind(poll_id);
  return store::all<Ballot>(q, [](const store::Query& r) { return Ballot{r.s(0), r.s(1), r.i(2)}; });
}

std::vector<std::pair<int64_t, std::string>> named_votes(store::Reader& r, int64_t poll_id) {
  store::Query q(r.sql(),
                 "SELECT member_id, choice FROM poll_ballots WHERE poll_id = ? AND member_id > 0 "
                 "ORDER BY member_id");
  q.bind(poll_id);
  return store::all<std::pair<int64_t, std::string>>(
      q, [](const store::Query& r) { return std::make_pair(r.i(0), r.s(1)); });
}

void put_poll(store::TableWriter& w, const PollRecord& p) {
  store::put_row(w.own_tables(), "polls", kPollCols, p.id, p.body, p.sitting_id, p.motion_id, p.mode, p.state, p.method,
                 p.opened_by, p.opened_at, p.closed_by, p.closed_at, p.yes, p.no, p.abstain, p.not_voted, p.present,
                 p.base_size, p.adopted, p.rule, p.manual, p.announcement_zh, p.announcement_en);
}

void put_ballot(store::TableWriter& w, int64_t poll_id, const std::string& ballot, int64_t member_id,
                const std::string& choice, int64_t weight) {
  store::put_row(w.own_tables(), "poll_ballots", "poll_id, ballot, member_id, choice, weight", poll_id, ballot,
                 member_id, choice, weight);
}

void seal_ballot(store::TableWriter& w, int64_t poll_id, const std::string& ballot, const std::string& choice,
                 int64_t weight) {
  store::exec(w.own_tables(),
              "INSERT OR IGNORE INTO poll_ballots(poll_id, ballot, member_id, choice, weight) "
              "VALUES(?,?,0,?,?)",
              poll_id, ballot, choice, weight);
}

void put_member_weight(store::TableWriter& w, const std::string& body, int64_t member_id, int64_t weight) {
  store::put_row(w.own_tables(), "member_weights", "body, member_id, weight", body, member_id, weight);
}

void put_proxy(store::TableWriter& w, int64_t sitting_id, int64_t grantor_id, int64_t holder_id) {
  store::exec(w.own_tables(), "INSERT INTO proxies(sitting_id, grantor_id, holder_id) VALUES(?,?,?)", sitting_id,
              grantor_id, holder_id);
}

void put_voter(store::TableWriter& w, int64_t poll_id, int64_t member_id) {
  store::exec(w.own_tables(), "INSERT OR IGNORE INTO poll_voters(poll_id, member_id) VALUES(?,?)", poll_id, member_id);
}

}  // namespace plenum::voting::tables
