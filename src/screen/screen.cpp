#include "screen/screen.h"

#include <algorithm>

#include "assembly/assembly.h"
#include "assembly/tables.h"
#include "base/args.h"
#include "base/text.h"
#include "elections/tables.h"
#include "voting/tables.h"

namespace plenum::screen {
namespace {

using ledger::ActionContext;
using ledger::Event;

// Which argument each kind of projection takes; every other one is refused, so a screen never
// silently shows something other than what the secretariat meant.
struct KindArgs {
  const char* kind;
  const char* id;  // the id it names ("" for a message or a countdown)
  bool text;       // text_zh / text_en: a message's text (required), a countdown's label
  bool seconds;    // a countdown's length
};
constexpr KindArgs kKinds[] = {
    {"attendance", "sitting_id", false, false},
    {"sign_in", "sitting_id", false, false},
    {"poll", "poll_id", false, false},
    {"election", "election_id", false, false},
    {"message", "", true, false},
    {"countdown", "", true, true},
};

bool given(const Json& args, const char* key) { return args.contains(key) && !args[key].is_null(); }

const KindArgs* kind_args(const std::string& kind) {
  for (const auto& k : kKinds)
    if (kind == k.kind) return &k;
  return nullptr;
}

Error foreign(const std::string& what_zh, const std::string& what_en, const std::string& field) {
  return invalid(field, what_zh + "不属于本机构", what_en + " belongs to another body");
}

Status project(ActionContext& ctx, const Json& args) {
  PLENUM_ASSIGN_OR_RETURN(auto body, req_string(args, "body", "args"));
  if (!assembly::tables::body(ctx.reader(), body)) return not_found("机构 " + body, "body " + body, "args.body");
  PLENUM_TRY(ctx.require_role(body, {"secretariat"}));
  PLENUM_ASSIGN_OR_RETURN(auto kind, req_string(args, "kind", "args"));
  const KindArgs* k = kind_args(kind);  // the schema admits only the kinds above
  if (!k) return invalid("args.kind", "未知的投放内容", "unknown kind of projection");
  for (const char* id : {"sitting_id", "poll_id", "election_id"})
    if (given(args, id) && std::string(id) != k->id)
      return invalid(std::string("args.") + id, std::string(id) + " 不适用于此类投放",
                     std::string(id) + " does not apply to a " + kind + " projection");
  if (!k->text)
    for (const char* t : {"text_zh", "text_en"})
      if (given(args, t))
        return invalid(std::string("args.") + t, "此类投放不带文字", "a " + kind + " projection takes no text");
  if (!k->seconds && given(args, "seconds"))
    return invalid("args.seconds", "只有倒计时需要时长", "only a countdown takes seconds");

  ProjectionRecord p;
  p.body = body;
  p.kind = kind;
  const std::string id_field = std::string("args.") + k->id;
  if (std::string(k->id) == "sitting_id") {
    PLENUM_ASSIGN_OR_RETURN(auto sitting, assembly::sitting_arg(ctx, args));
    if (sitting.body != body) return foreign("该会议", "the sitting", id_field);
    p.sitting_id = sitting.id;
  } else if (std::string(k->id) == "poll_id") {
    PLENUM_ASSIGN_OR_RETURN(auto id, req_int(args, "poll_id", "args"));
    auto poll = voting::tables::poll(ctx.reader(), id);
    if (!poll) return not_found("表决 " + std::to_string(id), "poll " + std::to_string(id), id_field);
    if (poll->body != body) return foreign("该表决", "the poll", id_field);
    p.poll_id = id;
  } else if (std::string(k->id) == "election_id") {
    PLENUM_ASSIGN_OR_RETURN(auto id, req_int(args, "election_id", "args"));
    auto election = elections::tables::election(ctx.reader(), id);
    if (!election) return not_found("选举 " + std::to_string(id), "election " + std::to_string(id), id_field);
    if (election->body != body) return foreign("该选举", "the election", id_field);
    if (elections::tables::election_rounds(ctx.reader(), id).empty())
      return make_error(ErrorCode::kConflict, "该选举尚未开始投票，大屏幕上没有可显示的内容",
                        "the election has no round yet: there is nothing to show", id_field);
    p.election_id = id;
  }
  if (k->text) {
    PLENUM_ASSIGN_OR_RETURN(auto zh, opt_text_arg(args, "text_zh", 300));
    PLENUM_ASSIGN_OR_RETURN(auto en, opt_text_arg(args, "text_en", 300));
    if (kind == "message" && !zh)
      return invalid("args.text_zh", "请填写要显示的通知", "the message to show is required");
    if (en && !zh)
      return invalid("args.text_zh", "请同时填写中文：英文是中文的译文",
                     "give the Chinese too: the English is its translation");
    p.text_zh = zh.value_or("");
    p.text_en = en.value_or("");
  }
  if (k->seconds) {
    PLENUM_ASSIGN_OR_RETURN(auto seconds, req_int(args, "seconds", "args"));
    p.ends_at = ctx.now() + seconds * 1000000;
  }
  ctx.emit(body, "screen.projected",
           Json{{"kind", p.kind},
                {"sitting_id", p.sitting_id},
                {"poll_id", p.poll_id},
                {"election_id", p.election_id},
                {"text_zh", p.text_zh},
                {"text_en", p.text_en},
                {"ends_at", p.ends_at}});
  ctx.result() = Json{{"kind", kind}, {"ends_at", p.ends_at ? Json(iso_time(p.ends_at)) : Json()}};
  return Status::ok();
}

Status clear(ActionContext& ctx, const Json& args) {
  PLENUM_ASSIGN_OR_RETURN(auto body, req_string(args, "body", "args"));
  if (!assembly::tables::body(ctx.reader(), body)) return not_found("机构 " + body, "body " + body, "args.body");
  PLENUM_TRY(ctx.require_role(body, {"secretariat"}));
  if (!tables::projection(ctx.reader(), body))
    return make_error(ErrorCode::kConflict, "大屏幕上没有投放的内容", "nothing is projected on the screen",
                      "args.body");
  ctx.emit(body, "screen.cleared", Json::object());
  ctx.result()["body"] = body;
  return Status::ok();
}

// The sitting a hall screen follows: the body's open sitting (a plenary kind before a
// delegation's or group's, then the one opened last); else the next scheduled; else the one
// closed last.
struct Followed {
  const assembly::SittingRecord* sitting = nullptr;
  const char* why = nullptr;  // open | next | last
};

Followed followed(const std::vector<assembly::SittingRecord>& sittings) {
  auto hall = [](const assembly::SittingRecord& s) { return s.kind == "plenary" || s.kind == "preparatory"; };
  Followed open, next, last;
  for (const auto& s : sittings) {
    if (s.state == assembly::SittingState::kOpen) {
      if (!open.sitting ||
          std::make_pair(hall(s), s.opened_at) > std::make_pair(hall(*open.sitting), open.sitting->opened_at))
        open = {&s, "open"};
    } else if (s.state == assembly::SittingState::kScheduled) {
      if (!next.sitting || s.starts_at < next.sitting->starts_at) next = {&s, "next"};
    } else if (!last.sitting || s.closed_at > last.sitting->closed_at) {
      last = {&s, "last"};
    }
  }
  return open.sitting ? open : next.sitting ? next : last;
}

Json to_json(const ProjectionRecord& p) {
  auto id_or_null = [](int64_t id) { return id ? Json(id) : Json(); };
  return Json{{"kind", p.kind},
              {"sitting_id", id_or_null(p.sitting_id)},
              {"poll_id", id_or_null(p.poll_id)},
              {"election_id", id_or_null(p.election_id)},
              {"text_zh", p.text_zh},
              {"text_en", p.text_en},
              {"ends_at", p.ends_at ? Json(iso_time(p.ends_at)) : Json()},
              {"projected_at", iso_time(p.projected_at)},
              {"by", p.by}};
}

}  // namespace

const ledger::Arg kScreenKind = ledger::Arg::kind(
    "ScreenKind", {"attendance", "sign_in", "poll", "election", "message", "countdown"},
    "What the big screen shows over the sitting it follows: attendance (a sitting's attendance and quorum), "
    "sign_in (its check-ins by delegation, sector or unit), poll (a vote: its live count, then its result), "
    "election (an election's latest round), message (a notice), countdown (the time left).");

void register_feature(ledger::Registry& r) {
  auto room = r.add_room(tables::slice());
  register_routes(r);
  r.add_action(
      "screen.project",
      ledger::ArgSchema{
          ledger::Arg::body("body").required(), kScreenKind.as("kind").required(),
          ledger::Arg::id("sitting_id").describe("attendance and sign_in: one of the body's sittings."),
          ledger::Arg::id("poll_id").describe("poll: one of the body's polls."),
          ledger::Arg::id("election_id").describe("election: one of the body's elections with a round."),
          ledger::Arg::text("text_zh", 300).describe("message: the notice (required); countdown: its label."),
          ledger::Arg::text("text_en", 300).describe("The same in English (optional; the Chinese shows in its place)."),
          ledger::Arg::integer("seconds", 10, 86400).describe("countdown: its length, 10 s to 24 h, from now.")},
      project);
  r.add_action("screen.clear", ledger::ArgSchema{ledger::Arg::body("body").required()}, clear);
  room.add_projector("screen.projected", [](store::TableWriter& tx, const Event& e) {
    const Json& j = e.payload;
    tables::put_projection(tx, {e.body, j["kind"], j["sitting_id"], j["poll_id"], j["election_id"], j["text_zh"],
                                j["text_en"], j["ends_at"], e.at, e.actor});
  });
  room.add_projector("screen.cleared",
                     [](store::TableWriter& tx, const Event& e) { tables::clear_projection(tx, e.body); });
}

Result<Json> screen_state(store::Reader& reader, const std::string& body, int64_t now) {
  std::vector<assembly::SittingRecord> sittings;
  for (const auto& session : assembly::tables::sessions(reader, body))
    for (auto& s : assembly::tables::sittings(reader, session.id)) sittings.push_back(std::move(s));
  Followed f = followed(sittings);
  auto projection = tables::projection(reader, body);
  return Json{{"body", body},
              {"now", iso_time(now)},
              {"sitting_id", f.sitting ? Json(f.sitting->id) : Json()},
              {"following", f.why ? Json(f.why) : Json()},
              {"projection", projection ? to_json(*projection) : Json()}};
}

}  // namespace plenum::screen
