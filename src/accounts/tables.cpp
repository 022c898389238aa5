#include "accounts/tables.h"

namespace plenum::accounts::tables {

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

}  // namespace plenum::accounts::tables
