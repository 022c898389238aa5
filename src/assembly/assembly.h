// The assembly: bodies with their rulebooks, terms (届), sessions (次会议), sittings of every
// kind, units (delegations, sectors), members with seats, cards, groups and roles, and
// vacancies that change the number of sitting members from their date on.
//
// Its actions, with their arguments, are declared in register_feature (assembly/*.cpp:
// ledger::ArgSchema); docs/openapi.json documents each with who may take it.
// Queries are plain functions over a store::Reader; they never write.
#pragma once

#include <string>

#include "assembly/tables.h"
#include "base/json.h"
#include "ledger/ledger.h"
#include "store/store.h"

namespace plenum::assembly {

// Registers the feature with the composition root (app/app.cpp): its actions, projectors, event
// views and read routes.
void register_feature(ledger::Registry& registry);
void register_routes(ledger::Registry& registry);  // routes.cpp; called by register_feature

// The members expected at a sitting: those sitting on its date, narrowed by its kind
// (a delegation plenary expects its delegation, a presidium sitting the presidium, ...).
MemberFilter expected_members(const SittingRecord& sitting);
std::string sitting_date(const SittingRecord& sitting);  // local date of starts_at
// True if `member` is one of the members `filter` selects (the same test the store applies).
bool matches(const MemberFilter& filter, const MemberRecord& member);

// The sitting an action's args.sitting_id names (kMalformed or kNotFound otherwise).
Result<SittingRecord> sitting_arg(ledger::ActionContext& ctx, const Json& args);
// The member args.member_id names (kMalformed or kNotFound otherwise).
Result<MemberRecord> member_arg(ledger::ActionContext& ctx, const Json& args);

// Correcting a member's record and their photo (members.cpp): actions, projectors, routes.
void register_member_record(ledger::Registry::Room& room);

// Sitting kinds in the order DOMAIN.md gives them, with Chinese names.
const std::vector<std::pair<std::string, std::string>>& sitting_kinds();

Json to_json(const BodyRecord& body);
Json to_json(const SessionRecord& session);
Json to_json(const SittingRecord& sitting);
Json to_json(const MemberRecord& member, const std::string& unit_name);

// Queries. Errors: kNotFound for unknown ids.
Json list_bodies(store::Reader& reader);
Result<Json> get_body(store::Reader& reader, const std::string& body);
Result<Json> list_sessions(store::Reader& reader, const std::string& body);
Result<Json> list_sittings(store::Reader& reader, int64_t session_id);
Result<Json> list_members(store::Reader& reader, const std::string& body, const std::string& unit_name,
                          const std::string& on_date);
Result<Json> get_member(store::Reader& reader, int64_t member_id);

// For read rules (ledger/routes.h): the body a route's {body}, {session_id}, {sitting_id} or
// {member_id} belongs to, or the not-found error the route answers with.
ledger::BodyOf body_param();
ledger::BodyOf body_of_session();
ledger::BodyOf body_of_sitting();
ledger::BodyOf body_of_member();
ledger::MemberOf member_param();  // {member_id}, for ReadRule::or_self

}  // namespace plenum::assembly
