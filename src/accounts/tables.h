// The accounts feature's slice of storage (store/tables.h): its tables with their schema and
// their place in the state hash, and the reads and writes of its records.
#pragma once

#include <utility>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "store/store.h"
#include "store/tables.h"

namespace plenum::accounts {

struct AccountRecord {
  std::string username;
  std::string password_hash;  // Argon2id string (libsodium crypto_pwhash_str)
  std::string display_name;
  int64_t member_id = 0;  // 0 if the account is not a member's
  bool disabled = false;
  int64_t credentials_changed_at = 0;  // sessions signed in before this no longer count
};

struct AccountRole {
  std::string username;
  std::string body;  // "*" for every body (admin)
  std::string role;  // admin | secretariat | presiding | member | observer
};

// A password the secretariat reset for a member (accounts.reset_password), until the member sets
// their own: the member is told at sign-in who reset it and when.
struct PasswordReset {
  std::string username;
  std::string by;
  int64_t at = 0;
};

}  // namespace plenum::accounts

namespace plenum::accounts::tables {

const store::TableSet& slice();

std::optional<AccountRecord> account(store::Reader& r, const std::string& username);
std::optional<AccountRecord> account_of_member(store::Reader& r, int64_t member_id);
std::vector<AccountRole> roles(store::Reader& r, const std::string& username);
std::vector<AccountRecord> accounts(store::Reader& r);
void put_account(store::TableWriter& w, const AccountRecord& account);  // insert or replace
void put_role(store::TableWriter& w, const AccountRole& role);
void remove_role(store::TableWriter& w, const AccountRole& role);
std::optional<PasswordReset> password_reset(store::Reader& r, const std::string& username);
void put_password_reset(store::TableWriter& w, const PasswordReset& reset);  // replaces the account's
void clear_password_reset(store::TableWriter& w, const std::string& username);

}  // namespace plenum::accounts::tables
