#include "accounts/tables.h"

#include "store/sql.h"

namespace plenum::accounts::tables {

using store::all;
using store::one;
using store::Query;

namespace {

constexpr const char* kAccountCols =
    "username, password_hash, display_name, member_id, disabled, credentials_changed_at";

AccountRecord account_row(const Query& q) { return AccountRecord{q.s(0), q.s(1), q.s(2), q.i(3), q.i(4) != 0, q.i(5)}; }

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
)sql",
      "",
      {
          {"accounts", "SELECT * FROM accounts ORDER BY username", "", false},
          {"account_roles", "SELECT * FROM account_roles ORDER BY username, body, role", "", false},
      }};
  return kSlice;
}

std::optional<AccountRecord> account(store::Reader& r, const std::string& username) {
  return store::one_by<AccountRecord>(
      r.sql(), std::string("SELECT ") + kAccountCols + " FROM accounts WHERE username = ?", username, account_row);
}

std::optional<AccountRecord> account_of_member(store::Reader& r, int64_t member_id) {
  return store::one_by<AccountRecord>(
      r.sql(), std::string("SELECT ") + kAccountCols + " FROM accounts WHERE member_id = ? LIMIT 1", member_id,
      account_row);
}

std::vector<AccountRole> roles(store::Reader& r, const std::string& username) {
  Query q(r.sql(), "SELECT username, body, role FROM account_roles WHERE username = ? ORDER BY body, role");
  q.bind(username);
  return all<AccountRole>(q, [](const Query& r) { return AccountRole{r.s(0), r.s(1), r.s(2)}; });
}

std::vector<AccountRecord> accounts(store::Reader& r) {
  Query q(r.sql(), std::string("SELECT ") + kAccountCols + " FROM accounts ORDER BY username");
  return all<AccountRecord>(q, account_row);
}

void put_account(store::TableWriter& w, const AccountRecord& a) {
  Query q(w.own_tables(), std::string("INSERT OR REPLACE INTO accounts(") + kAccountCols + ") VALUES(?,?,?,?,?,?)");
  q.bind(a.username)
      .bind(a.password_hash)
      .bind(a.display_name)
      .bind(a.member_id)
      .bind(int64_t{a.disabled ? 1 : 0})
      .bind(a.credentials_changed_at);
  q.run();
}

void put_role(store::TableWriter& w, const AccountRole& r) {
  Query q(w.own_tables(), "INSERT OR IGNORE INTO account_roles(username, body, role) VALUES(?,?,?)");
  q.bind(r.username).bind(r.body).bind(r.role);
  q.run();
}

void remove_role(store::TableWriter& w, const AccountRole& r) {
  Query q(w.own_tables(), "DELETE FROM account_roles WHERE username = ? AND body = ? AND role = ?");
  q.bind(r.username).bind(r.body).bind(r.role);
  q.run();
}

}  // namespace plenum::accounts::tables
