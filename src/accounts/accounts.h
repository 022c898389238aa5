// Accounts and roles. Each account holds roles per body (admin on "*" holds every right);
// passwords are stored only as Argon2id hashes (libsodium crypto_pwhash_str).
//
// Its actions, with their arguments, are declared in register_feature (accounts/*.cpp:
// ledger::ArgSchema); docs/openapi.json documents each with who may take it.
// Roles: admin, secretariat, presiding, member, observer.
#pragma once

#include <string>
#include <vector>

#include "accounts/tables.h"
#include "base/json.h"
#include "ledger/ledger.h"
#include "store/store.h"

namespace plenum::accounts {

// Registers the feature with the composition root (app/app.cpp): its actions, projectors, event
// views and read routes.
void register_feature(ledger::Registry& registry);
void register_routes(ledger::Registry& registry);  // routes.cpp; called by register_feature

// Argon2id with libsodium's interactive limits. Slow on purpose (~0.1 s): call it off the
// writer thread (the actions above do so in their preparer).
std::string hash_password(const std::string& password);
bool verify_password(const std::string& hash, const std::string& password);

// Checks a username and password against the store; kUnauthenticated on any mismatch (the
// message does not say which part was wrong).
Result<AccountRecord> authenticate(store::Reader& reader, const std::string& username, const std::string& password);

// True if `username` is an admin or holds one of `roles` in `body` (any role when `roles` is
// empty). The one reading of roles that every read rule shares.
bool has_role(store::Reader& reader, const std::string& username, const std::string& body,
              std::initializer_list<const char*> roles);
bool has_role(store::Reader& reader, const std::string& username, const std::string& body,
              const std::vector<std::string>& roles);

// Refused (403, field "actor") while the account's password is one someone else set for it (a
// reset by the desk or an admin) and the account has not chosen its own: the one who handed it
// over knows it too, so until then it does nothing but accounts.set_password (and sign out).
Status may_act_with_password(store::Reader& reader, const std::string& username, const std::string& action);

// {username, display_name, member_id, roles: [{body, role}]}
Json describe(store::Reader& reader, const AccountRecord& account);

}  // namespace plenum::accounts
