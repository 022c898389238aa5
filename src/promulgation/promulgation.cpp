#include "promulgation/promulgation.h"

#include "assembly/assembly.h"
#include "assembly/tables.h"
#include "base/args.h"
#include "base/text.h"
#include "elections/tables.h"
#include "motions/motions.h"
#include "motions/tables.h"
#include "promulgation/tables.h"
#include "voting/tables.h"

namespace plenum::promulgation {
namespace {

using ledger::ActionContext;
using ledger::Event;

// Only national laws are promulgated by presidential order; everything else by announcement.
bool by_presidential_order(const std::string& rulebook, const std::string& kind) {
  return (rulebook == "npc" || rulebook == "npcsc") && kind == "draft_law";
}

// The day the motion was decided: the date of the sitting at which it was adopted.
std::string adoption_date(store::Reader& tx, const motions::MotionRecord& m) {
  for (const auto& p : voting::tables::polls_of_motion(tx, m.id))
    if (p.state == voting::PollState::kClosed && p.adopted)
      if (auto s = assembly::tables::sitting(tx, p.sitting_id)) return assembly::sitting_date(*s);
  for (const auto& e : elections::tables::elections(tx, m.session_id))  // a motion decided by its ballot
    if (elections::tables::ballot_motion(e) == m.id)
      for (const auto& r : elections::tables::election_rounds(tx, e.id))
        if (r.state == elections::RoundState::kCounted && Json::parse(r.result).value("adopted", false))
          if (auto s = assembly::tables::sitting(tx, r.sitting_id)) return assembly::sitting_date(*s);
  return iso_time(m.decided_at).substr(0, 10);
}

Status issue(ActionContext& ctx, const Json& args) {
  PLENUM_ASSIGN_OR_RETURN(auto m, motions::motion_arg(ctx, args));
  PLENUM_TRY(ctx.require_role(m.body, {"presiding", "secretariat"}));
  PLENUM_ASSIGN_OR_RETURN(auto promulgated_on, date_arg(args, "promulgated_on"));
  std::string effective_on = promulgated_on;
  if (args.contains("effective_on") && !args["effective_on"].is_null()) {
    PLENUM_ASSIGN_OR_RETURN(auto e, date_arg(args, "effective_on"));
    if (e < promulgated_on)
      return invalid("args.effective_on", "施行日期不能早于公布日期", "the effective date cannot precede promulgation");
    effective_on = e;
  }
  PLENUM_ASSIGN_OR_RETURN(auto title, opt_text_arg(args, "title_zh", 300));
  if (m.state != motions::MotionState::kAdopted)
    return make_error(ErrorCode::kConflict, "只有已通过的议案可以公布", "only an adopted motion is promulgated",
                      "args.motion_id");
  if (m.parent_id != 0)
    return invalid("args.motion_id", "条款随整个议案公布", "a clause is promulgated with the whole motion");
  if (tables::promulgation_of_motion(ctx.reader(), m.id))
    return make_error(ErrorCode::kConflict, "该议案已经公布", "the motion has already been promulgated",
                      "args.motion_id");
  auto session = assembly::tables::session(ctx.reader(), m.session_id);
  auto body = assembly::tables::body(ctx.reader(), m.body);
  std::string adopted_on = adoption_date(ctx.reader(), m);
  if (promulgated_on < adopted_on)
    return invalid("args.promulgated_on", "公布日期不能早于通过日期 " + adopted_on,
                   "promulgation cannot precede adoption on " + adopted_on);
  std::string series = by_presidential_order(body->rulebook, m.kind) ? "order" : "announcement";
  int64_t number = tables::next_number(ctx.reader(), m.body, session->term, series);
  std::string name = title.value_or(m.title_zh);
  std::string effective = effective_on == promulgated_on ? "公布之日" : date_zh(effective_on);
  std::string text = series == "order" ? "中华人民共和国主席令 第" + std::to_string(number) + "号\n《" + name +
                                             "》已由" + session->name_zh + "于" + date_zh(adopted_on) +
                                             "通过，现予公布，自" + effective + "起施行。\n" + date_zh(promulgated_on)
                                       : session->name_zh + "公告 第" + std::to_string(number) + "号\n" +
                                             session->name_zh + "于" + date_zh(adopted_on) + "通过《" + name +
                                             "》，现予公告，自" + effective + "起施行。\n" + date_zh(promulgated_on);
  int64_t id = store::next_id(ctx.reader().sql(), "promulgations");
  ctx.emit(m.body, "promulgation.issued",
           Json{{"promulgation_id", id},
                {"term", session->term},
                {"series", series},
                {"number", number},
                {"motion_id", m.id},
                {"title_zh", name},
                {"enacted_by_zh", session->name_zh},
                {"adopted_on", adopted_on},
                {"effective_on", effective_on},
                {"promulgated_on", promulgated_on},
                {"text_zh", text}});
  ctx.result() = Json{{"promulgation_id", id}, {"series", series}, {"number", number}, {"text_zh", text}};
  return Status::ok();
}

Status set_next_number(ActionContext& ctx, const Json& args) {
  PLENUM_ASSIGN_OR_RETURN(auto body, req_string(args, "body", "args"));
  if (!assembly::tables::body(ctx.reader(), body)) return not_found("机构 " + body, "body " + body, "args.body");
  PLENUM_TRY(ctx.require_role(body, {"secretariat"}));
  PLENUM_ASSIGN_OR_RETURN(auto term, req_int(args, "term", "args"));
  if (!assembly::tables::term(ctx.reader(), body, term))
    return not_found("第" + std::to_string(term) + "届", "term " + std::to_string(term), "args.term");
  PLENUM_ASSIGN_OR_RETURN(auto series, req_string(args, "series", "args"));
  if (series != "order" && series != "announcement")
    return invalid("args.series", "series 应为 order（主席令）或 announcement（公告）",
                   "series must be order or announcement");
  PLENUM_ASSIGN_OR_RETURN(auto next, req_int(args, "next", "args"));
  if (next < 1 || next > 1000000) return invalid("args.next", "编号应在1到1000000之间", "next must be 1 to 1000000");
  int64_t current = tables::next_number(ctx.reader(), body, term, series);
  bool issued = false;
  for (const auto& p : tables::promulgations(ctx.reader(), body))
    if (p.term == term && p.series == series) issued = true;
  if (issued && next < current)
    return make_error(ErrorCode::kConflict, "编号不能低于已发布的编号（下一个为" + std::to_string(current) + "）",
                      "numbers already issued cannot be reused (next is " + std::to_string(current) + ")", "args.next");
  ctx.emit(body, "promulgation.numbering_set", Json{{"term", term}, {"series", series}, {"next", next}});
  ctx.result()["next"] = next;
  return Status::ok();
}

}  // namespace

// The kinds this feature's actions take (each documented once in docs/openapi.json).
const ledger::Arg kPromulgationSeries = ledger::Arg::kind(
    "PromulgationSeries", {"order", "announcement"},
    "order 主席令 (national laws adopted by the NPC or its Standing Committee: 立法法第六十二条), announcement "
    "公告 (every other adopted outcome). Numbered per body, term and series; numbers are never reused.");

void register_feature(ledger::Registry& r) {
  auto room = r.add_room(tables::slice());
  register_routes(r);
  r.add_action(
      "promulgation.issue",
      ledger::ArgSchema{
          ledger::Arg::id("motion_id")
              .required()
              .describe("An adopted motion (not a clause: clauses are promulgated with the whole)."),
          ledger::Arg::date("promulgated_on")
              .required()
              .describe("公布日期; not before the adoption date (the date of the sitting that adopted it)."),
          ledger::Arg::date("effective_on")
              .describe("施行日期; default: the promulgation day (自公布之日起施行); not before it."),
          ledger::Arg::text("title_zh", 300)
              .describe("The name as promulgated (default: the motion's title), e.g. 中华人民共和国国务院组织法.")},
      issue);
  r.add_action("promulgation.set_next_number",
               ledger::ArgSchema{ledger::Arg::body("body").required(),
                                 ledger::Arg::id("term").required().describe("The term (届)."),
                                 kPromulgationSeries.as("series").required(),
                                 ledger::Arg::integer("next", 1, 1000000)
                                     .required()
                                     .describe("The number the next order or announcement gets, 1-1000000.")},
               set_next_number);
  // Proposals are numbered in their own series of the same numbering.
  room.add_projector("proposals.reviewed", [](store::TableWriter& tx, const Event& e) {
    const Json& j = e.payload;
    if (j["outcome"] == "register")
      tables::set_next_number(tx, e.body, j["term"], j["series"], j["number"].get<int64_t>() + 1);
  });
  room.add_projector("proposals.numbering_advanced", [](store::TableWriter& tx, const Event& e) {
    tables::set_next_number(tx, e.body, e.payload["term"], e.payload["series"], e.payload["next"]);
  });
  room.add_projector("promulgation.issued", [](store::TableWriter& tx, const Event& e) {
    const Json& p = e.payload;
    tables::put_promulgation(
        tx, {p["promulgation_id"], e.body, p["term"], p["series"], p["number"], p["motion_id"], p["title_zh"],
             p["enacted_by_zh"], p["adopted_on"], p["effective_on"], p["promulgated_on"], p["text_zh"], e.actor});
  });
  room.add_projector("promulgation.numbering_set", [](store::TableWriter& tx, const Event& e) {
    tables::set_next_number(tx, e.body, e.payload["term"], e.payload["series"], e.payload["next"]);
  });
}

Json to_json(const PromulgationRecord& p) {
  return Json{{"id", p.id},
              {"body", p.body},
              {"term", p.term},
              {"series", p.series},
              {"number", p.number},
              {"name_zh", (p.series == "order" ? "主席令第" : "公告第") + std::to_string(p.number) + "号"},
              {"motion_id", p.motion_id},
              {"title_zh", p.title_zh},
              {"enacted_by_zh", p.enacted_by_zh},
              {"adopted_on", p.adopted_on},
              {"effective_on", p.effective_on},
              {"promulgated_on", p.promulgated_on},
              {"text_zh", p.text_zh}};
}

Result<Json> list_promulgations(store::Reader& reader, const std::string& body) {
  if (!assembly::tables::body(reader, body)) return not_found("机构 " + body, "body " + body, "body");
  Json out = Json::array();
  for (const auto& p : tables::promulgations(reader, body)) out.push_back(to_json(p));
  return Json{{"body", body}, {"promulgations", out}};
}

Result<Json> get_promulgation(store::Reader& reader, int64_t id) {
  auto p = tables::promulgation(reader, id);
  if (!p) return not_found("公布记录 " + std::to_string(id), "promulgation " + std::to_string(id), "id");
  return to_json(*p);
}

}  // namespace plenum::promulgation
