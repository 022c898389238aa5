// The assembly's read routes: bodies, their sessions and sittings, the roster.
#include "assembly/assembly.h"
#include "assembly/roster_csv.h"
#include "assembly/tables.h"
#include "base/args.h"
#include "base/text.h"

namespace plenum::assembly {

namespace {

Error sitting_not_found(int64_t id) {
  return not_found("会议 " + std::to_string(id), "sitting " + std::to_string(id), "sitting_id");
}

}  // namespace

ledger::BodyOf body_param() {
  return [](const ledger::ReadRequest& r) -> Result<std::string> {
    const std::string& body = r.param("body");
    if (!tables::body(r.reader, body)) return not_found("机构 " + body, "body " + body, "body");
    return body;
  };
}

ledger::BodyOf body_of_session() {
  return [](const ledger::ReadRequest& r) -> Result<std::string> {
    auto session = tables::session(r.reader, r.id("session_id"));
    if (!session) return not_found("会议（次）", "session", "session_id");
    return session->body;
  };
}

ledger::BodyOf body_of_sitting() {
  return [](const ledger::ReadRequest& r) -> Result<std::string> {
    auto sitting = tables::sitting(r.reader, r.id("sitting_id"));
    if (!sitting) return sitting_not_found(r.id("sitting_id"));
    return sitting->body;
  };
}

ledger::BodyOf body_of_member() {
  return [](const ledger::ReadRequest& r) -> Result<std::string> {
    int64_t id = r.id("member_id");
    auto member = tables::member(r.reader, id);
    if (!member) return not_found("成员 " + std::to_string(id), "member " + std::to_string(id), "member_id");
    return member->body;
  };
}

ledger::MemberOf member_param() {
  return [](const ledger::ReadRequest& r) -> Result<int64_t> { return r.id("member_id"); };
}

void register_routes(ledger::Registry& registry) {
  using ledger::ReadRequest;
  using ledger::ReadRule;
  registry.add_route(
      {"/api/v1/bodies", ReadRule::everyone(),
       [](const ReadRequest& r) -> Result<ledger::ReadReply> { return ledger::ReadReply(list_bodies(r.reader)); },
       ledger::Listing{"", {"id"}}});
  registry.add_route({"/api/v1/bodies/{body}", ReadRule::everyone(), ledger::by_param("body", get_body)});
  registry.add_route({"/api/v1/bodies/{body}/sessions", ReadRule::everyone(), ledger::by_param("body", list_sessions),
                      ledger::Listing{"", {"term", "number"}}});
  // The roster, for those who follow the body.
  registry.add_route({"/api/v1/bodies/{body}/members", ReadRule::followers(body_param()),
                      [](const ReadRequest& r) {
                        return ledger::reply(list_members(r.reader, r.param("body"), r.q("unit"), r.q("on")));
                      },
                      ledger::Listing{"", {"id"}}});
  registry.add_route({"/api/v1/sessions/{session_id}/sittings", ReadRule::everyone(),
                      ledger::by_id("session_id", list_sittings), ledger::Listing{"", {"starts_at", "id"}}});
  // A member's record: the member themself, the secretariat and the presiding officers.
  registry.add_route({"/api/v1/members/{member_id}",
                      ReadRule::roles_in({"secretariat", "presiding"}, body_of_member()).or_self(member_param()),
                      ledger::by_id("member_id", get_member)});
  // The roster as a CSV file, imported by assembly.import_roster. Invalid bytes cannot enter the
  // record: the offending lines are reported and nothing is submitted.
  registry.add_upload({"/api/v1/bodies/{body}/roster", "text/csv", "assembly.import_roster",
                       [](const ReadRequest& r, const ledger::UploadBody& upload) -> Result<Json> {
                         const std::string& csv = upload.text;
                         if (!r.query.empty()) {
                           const std::string& key = r.query.begin()->first;
                           return invalid(key, "未知的查询参数 " + key, "unknown query parameter " + key);
                         }
                         if (!is_valid_utf8(csv)) {
                           auto parsed = parse_roster_csv(csv);
                           Error e = invalid("body", "名册文件含无效的UTF-8，未导入任何成员",
                                             "the roster file contains invalid UTF-8; nothing was imported");
                           for (const auto& p : parsed.problems)
                             e.details.push_back({p.line, p.column, p.reason_zh, p.reason_en});
                           e.details_total = parsed.problem_count;
                           return e;
                         }
                         return Json{{"body", r.param("body")}, {"csv", csv}};
                       }});
}

}  // namespace plenum::assembly
