// The accounts' read route: which of a body's members have an account, for the desk that opens
// them and resets their passwords (docs/SECURITY.md). Never a password hash.
#include "accounts/accounts.h"
#include "accounts/tables.h"
#include "assembly/assembly.h"
#include "assembly/tables.h"
#include "base/text.h"

namespace plenum::accounts {

namespace {

Result<Json> member_accounts(store::Reader& reader, const std::string& body) {
  Json out = Json::array();
  for (const auto& a : tables::accounts(reader)) {
    if (!a.member_id) continue;
    auto m = assembly::tables::member(reader, a.member_id);
    if (!m || m->body != body) continue;
    auto reset = tables::password_reset(reader, a.username);
    out.push_back(Json{{"member_id", a.member_id},
                       {"username", a.username},
                       {"disabled", a.disabled},
                       {"password_reset", reset ? Json{{"by", reset->by}, {"at", iso_time(reset->at)}} : Json()}});
  }
  return Json{{"body", body}, {"accounts", out}};
}

}  // namespace

void register_routes(ledger::Registry& registry) {
  registry.add_route({"/api/v1/bodies/{body}/member-accounts",
                      ledger::ReadRule::roles_in({"secretariat"}, assembly::body_param()),
                      ledger::by_param("body", member_accounts), ledger::Listing{"accounts", {"username"}}});
}

}  // namespace plenum::accounts
