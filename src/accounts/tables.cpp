#include "accounts/tables.h"

#include "store/sql.h"

namespace plenum::accounts::tables {

namespace {

constexpr const char* kAccountCols =
    "username, password_hash, display_name, member_id, disabled, credentials_changed_at";

AccountRecord account_row(const store::Query& q) {
  return AccountRecord{q.s(0), q.s(1), q.s(2), q.i(3), q.i(4) != 0, q.i(5)};
}

const store::Rows<AccountRecord> kAccountRows{"accounts", kAccountCols, account_row};

}  // namespace

const store::TableSet& slice() {
  static const store::TableSet kSlice{
      "accounts",
      R"sql(
CREATE TABLE IF NOT EXISTS accounts(
  username TEXT PRIMARY KEY, password_hash TEXT NOT NULL, display_name TEXT NOT NULL,
  member_id INTEGER NOT NULL, disabled INTEGER NOT NULL, credentials_changed_at INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS accounts_member ON accounts(member_id);
CREATE TABLE IF NOT EXISTS account_roles(
  username TEXT NOT NULL, body TEXT NOT NULL, role TEXT NOT NULL,
  PRIMARY KEY(username, body, role)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS password_resets(
  username TEXT PRIMARY KEY, by_user TEXT NOT NULL, at INTEGER NOT NULL) WITHOUT ROWID;
)sql",
      "",
      {
          {"accounts", "SELECT * FROM accounts ORDER BY username", "", false},
          {"account_roles", "SELECT * FROM account_roles ORDER BY username, body, role", "", false},
          {"password_resets", "SELECT * FROM password_resets ORDER BY username", "", false},
      }};
  return kSlice;
}

std::optional<AccountRecord> account(store::Reader& r, const std::string& username) {
  return kAccountRows.one(r.sql(), "WHERE username = ?", username);
}

std::optional<AccountRecord> account_of_member(store::Reader& r, int64_t member_id) {
  return kAccountRows.one(r.sql(), "WHERE member_id = ? LIMIT 1", member_id);
}

std::vector<AccountRole> roles(store::Reader& r, const std::string& username) {
  store::Query q(r.sql(), "SELECT username, body, role FROM account_roles WHERE username = ? ORDER BY body, role");
  q.bind(username);
  return store::all<AccountRole>(q, [](const store::Query& r) { return AccountRole{r.s(0), r.s(1), r.s(2)}; });
}

std::vector<AccountRecord> accounts(store::Reader& r) { return kAccountRows.all(r.sql(), "ORDER BY username"); }

void put_account(store::TableWriter& w, const AccountRecord& a) {
  store::put_row(w.own_tables(), "accounts", kAccountCols, a.username, a.password_hash, a.display_name, a.member_id,
                 a.disabled, a.credentials_changed_at);
}

void put_role(store::TableWriter& w, const AccountRole& r) {
  store::exec(w.own_tables(), "INSERT OR IGNORE INTO account_roles(username, body, role) VALUES(?,?,?)", r.username,
              r.body, r.role);
}

void remove_role(store::TableWriter& w, const AccountRole& r) {
  store::exec(w.own_tables(), "DELETE FROM account_roles WHERE username = ? AND body = ? AND role = ?", r.username,
              r.body, r.role);
}

std::optional<PasswordReset> password_reset(store::Reader& r, const std::string& username) {
  store::Query q(r.sql(), "SELECT username, by_user, at FROM password_resets WHERE username = ?");
  q.bind(username);
  if (!q.step()) return std::nullopt;
  return PasswordReset{q.s(0), q.s(1), q.i(2)};
}

void put_password_reset(store::TableWriter& w, const PasswordReset& reset) {
  store::put_row(w.own_tables(), "password_resets", "username, by_user, at", reset.username, reset.by, reset.at);
}

void clear_password_reset(store::TableWriter& w, const std::string& username) {
  store::exec(w.own_tables(), "DELETE FROM password_resets WHERE username = ?", username);
}

}  // namespace plenum::accounts::tables
