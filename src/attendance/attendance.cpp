#include "attendance/attendance.h"

#include <algorithm>
#include <map>
#include <set>

#include "accounts/accounts.h"
#include "accounts/tables.h"
#include "assembly/assembly.h"
#include "assembly/tables.h"
#include "attendance/tables.h"
#include "base/text.h"

namespace plenum::attendance {
namespace {

using ledger::ActionContext;
using ledger::Event;

using assembly::sitting_arg;

// The member an action names by member_id, seat or card (exactly one of them).
Result<assembly::MemberRecord> member_ref(ActionContext& ctx, const std::string& body, const Json& args) {
  int given = 0;
  for (const char* k : {"member_id", "seat", "card"})
    if (args.contains(k) && !args[k].is_null()) ++given;
  if (given != 1)
    return make_error(ErrorCode::kMalformed, "须且只须给出 member_id、seat、card 之一",
                      "give exactly one of member_id, seat, card", "args.member_id");
  std::optional<assembly::MemberRecord> m;
  std::string field;
  if (args.contains("member_id") && !args["member_id"].is_null()) {
    PLENUM_ASSIGN_OR_RETURN(auto id, req_int(args, "member_id", "args"));
    m = assembly::tables::member(ctx.reader(), id);
    if (m && m->body != body) m.reset();
    field = "args.member_id";
  } else if (args.contains("seat") && !args["seat"].is_null()) {
    PLENUM_ASSIGN_OR_RETURN(auto seat, req_string(args, "seat", "args"));
    m = assembly::tables::member_by_seat(ctx.reader(), body, seat);
    field = "args.seat";
  } else {
    PLENUM_ASSIGN_OR_RETURN(auto card, req_string(args, "card", "args"));
    m = assembly::tables::member_by_card(ctx.reader(), body, card);
    field = "args.card";
  }
  if (!m) return not_found("该成员", "member", field);
  return *m;
}

// The argument through which the client named the member: errors about the member point at it.
std::string member_field(const Json& args) {
  if (args.contains("seat") && !args["seat"].is_null()) return "args.seat";
  if (args.contains("card") && !args["card"].is_null()) return "args.card";
  return "args.member_id";
}

bool is_staff(ActionContext& ctx, const std::string& body) { return ctx.has_role(body, {"secretariat"}); }

// The rulebook-free checks every check-in shares: the sitting takes check-ins and expects the member.
Status can_check_in(const assembly::SittingRecord& sitting, const assembly::MemberRecord& member, store::Reader& reader,
                    const std::string& field) {
  if (sitting.state == assembly::SittingState::kClosed)
    return make_error(ErrorCode::kConflict, "会议已结束，不能签到", "the sitting is closed to check-in",
                      "args.sitting_id");
  if (!assembly::matches(assembly::expected_members(sitting), member))
    return make_error(ErrorCode::kRuleViolation, member.name + " 不是本次会议的应出席人员（不属于该会议或已出缺）",
                      member.name + " is not expected at this sitting (not part of it, or vacated)", field);
  if (tables::check_in(reader, sitting.id, member.id))
    return make_error(ErrorCode::kConflict, member.name + " 已经签到", member.name + " has already checked in", field);
  return Status::ok();
}

void notify_summary(ActionContext& ctx, const assembly::SittingRecord& sitting,
                    std::shared_ptr<const rules::Rulebook> book_ptr) {
  ctx.notify(sitting.body, "attendance:" + std::to_string(sitting.id), [sitting, book_ptr](store::Reader& reader) {
    const rules::Rulebook& book = *book_ptr;
    Summary s = summarize(reader, book, sitting);
    auto session = assembly::tables::session(reader, sitting.session_id);
    return Json{{"kind", "attendance.summary"},
                {"sitting_id", sitting.id},
                {"expected", s.expected},
                {"present", s.present},
                {"absent", s.absent},
                {"on_leave", s.on_leave},
                {"quorum_minimum", s.quorum_minimum},
                {"quorum_met", s.quorum_met},
                {"announcement_zh", announcement_zh(book, *session, s)},
                {"announcement_en", announcement_en(book, s)}};
  });
}

Status check_in(ActionContext& ctx, const Json& args) {
  PLENUM_ASSIGN_OR_RETURN(auto sitting, sitting_arg(ctx, args));
  PLENUM_ASSIGN_OR_RETURN(auto member, member_ref(ctx, sitting.body, args));
  PLENUM_ASSIGN_OR_RETURN(auto method, opt_string(args, "method", "args"));
  bool staff = is_staff(ctx, sitting.body);
  std::string how;
  if (staff) {
    how = method.value_or(args.contains("member_id") ? "staff" : "desk");
    if (how != "device" && how != "desk" && how != "staff")
      return make_error(ErrorCode::kMalformed, "签到方式应为 device、desk 或 staff",
                        "method must be device, desk or staff", "args.method");
  } else {
    if (!ctx.has_role(sitting.body, {"member"}) || ctx.actor_member_id() != member.id)
      return make_error(ErrorCode::kForbidden, "成员只能为本人签到", "a member may check in only themselves",
                        member_field(args));
    how = method.value_or("device");
    if (how != "device")
      return make_error(ErrorCode::kForbidden, "成员本人只能通过终端签到",
                        "a member checks in only from their own device", "args.method");
  }
  PLENUM_TRY(can_check_in(sitting, member, ctx.reader(), member_field(args)));
  PLENUM_ASSIGN_OR_RETURN(auto book, ctx.rulebook_of(sitting.body));
  ctx.emit(sitting.body, "attendance.checked_in",
           Json{{"sitting_id", sitting.id}, {"member_id", member.id}, {"method", how}});
  notify_summary(ctx, sitting, book);
  ctx.result() = Json{{"sitting_id", sitting.id},
                      {"member_id", member.id},
                      {"name", member.name},
                      {"seat", member.seat},
                      {"method", how}};
  return Status::ok();
}

Status check_in_bulk(ActionContext& ctx, const Json& args) {
  PLENUM_ASSIGN_OR_RETURN(auto sitting, sitting_arg(ctx, args));
  if (!is_staff(ctx, sitting.body))
    return make_error(ErrorCode::kForbidden, "只有秘书处可以批量签到", "only the secretariat may check in in bulk",
                      "actor");
  bool by_id = args.contains("member_ids");
  if (by_id == args.contains("seats"))
    return make_error(ErrorCode::kMalformed, "须且只须给出 member_ids 或 seats 之一",
                      "give exactly one of member_ids, seats", "args.member_ids");
  const char* key = by_id ? "member_ids" : "seats";
  PLENUM_ASSIGN_OR_RETURN(auto list, req_array(args, key, "args"));
  std::vector<ErrorDetail> problems;
  std::vector<assembly::MemberRecord> members;
  std::set<int64_t> seen;
  for (size_t i = 0; i < (list)->size(); ++i) {
    const Json& v = (*list)[i];
    std::string field = std::string("args.") + key + "[" + std::to_string(i) + "]";
    std::optional<assembly::MemberRecord> m;
    if (by_id ? !v.is_number_integer() : !v.is_string()) {
      problems.push_back({0, field, field + (by_id ? " 应为整数" : " 应为字符串"),
                          field + (by_id ? " must be an integer" : " must be a string")});
      continue;
    }
    m = by_id ? assembly::tables::member(ctx.reader(), v.get<int64_t>())
              : assembly::tables::member_by_seat(ctx.reader(), sitting.body, v.get<std::string>());
    if (!m || m->body != sitting.body) {  // name what was looked for: the list may be long
      problems.push_back(by_id ? ErrorDetail{0, field, "没有编号为 " + std::to_string(v.get<int64_t>()) + " 的成员",
                                             "no member has id " + std::to_string(v.get<int64_t>())}
                               : ErrorDetail{0, field, "没有座位号为 " + v.get<std::string>() + " 的成员",
                                             "no member has seat " + v.get<std::string>()});
      continue;
    }
    if (!seen.insert(m->id).second) {
      problems.push_back({0, field, m->name + " 在列表中重复", m->name + " is listed twice"});
      continue;
    }
    if (Status s = can_check_in(sitting, *m, ctx.reader(), field); !s) {
      problems.push_back({0, field, s.error().message_zh, s.error().message_en});
      continue;
    }
    members.push_back(*m);
  }
  if (!problems.empty()) {
    Error e =
        make_error(ErrorCode::kConflict, "批量签到有 " + std::to_string(problems.size()) + " 处错误，未签到任何人",
                   "bulk check-in has " + std::to_string(problems.size()) +
                       (problems.size() == 1 ? " problem" : " problems") + "; nobody was checked in",
                   std::string("args.") + key);
    e.details = std::move(problems);
    return e;
  }
  if (members.empty())
    return make_error(ErrorCode::kMalformed, "名单为空", "the list is empty", std::string("args.") + key);
  PLENUM_ASSIGN_OR_RETURN(auto book, ctx.rulebook_of(sitting.body));
  for (const auto& m : members)
    ctx.emit(sitting.body, "attendance.checked_in",
             Json{{"sitting_id", sitting.id}, {"member_id", m.id}, {"method", "bulk"}});
  notify_summary(ctx, sitting, book);
  ctx.result() = Json{{"sitting_id", sitting.id}, {"checked_in", members.size()}};
  return Status::ok();
}

Status request_leave(ActionContext& ctx, const Json& args) {
  PLENUM_ASSIGN_OR_RETURN(auto sitting, sitting_arg(ctx, args));
  bool staff = is_staff(ctx, sitting.body);
  if (!staff && !ctx.has_role(sitting.body, {"member"}))
    return make_error(ErrorCode::kForbidden, "只有成员本人或秘书处可以请假",
                      "only the member or the secretariat may request leave", "actor");
  Json ref = args;
  if (!staff && !args.contains("member_id") && !args.contains("seat") && !args.contains("card"))
    ref["member_id"] = ctx.actor_member_id();
  PLENUM_ASSIGN_OR_RETURN(auto member, member_ref(ctx, sitting.body, ref));
  if (!staff && (!ctx.has_role(sitting.body, {"member"}) || ctx.actor_member_id() != member.id))
    return make_error(ErrorCode::kForbidden, "成员只能为本人请假", "a member may request leave only for themselves",
                      member_field(args));
  PLENUM_ASSIGN_OR_RETURN(auto reason, req_string(args, "reason", "args"));
  std::string why = trim(reason);
  if (why.empty() || why.size() > 2000)
    return make_error(ErrorCode::kMalformed, "请假须说明理由（不超过2000字节）",
                      "a leave request needs a reason (at most 2000 bytes)", "args.reason");
  if (!assembly::matches(assembly::expected_members(sitting), member))
    return make_error(ErrorCode::kRuleViolation, member.name + " 不是本次会议的应出席人员",
                      member.name + " is not expected at this sitting", member_field(args));
  if (tables::check_in(ctx.reader(), sitting.id, member.id))
    return make_error(ErrorCode::kConflict, member.name + " 已经签到，无需请假",
                      member.name + " has checked in; no leave is needed", member_field(args));
  for (const auto& l : tables::leaves(ctx.reader(), sitting.id))
    if (l.member_id == member.id && l.state != LeaveState::kDenied)
      return make_error(ErrorCode::kConflict, "已有请假申请（" + name_of(l.state) + "）",
                        "a leave request already exists (" + name_of(l.state) + ")", member_field(args));
  int64_t id = store::next_id(ctx.reader().sql(), "leaves");
  ctx.emit(sitting.body, "attendance.leave_requested",
           Json{{"id", id}, {"sitting_id", sitting.id}, {"member_id", member.id}, {"reason", why}});
  ctx.result() = Json{{"leave_id", id}, {"state", "pending"}};
  return Status::ok();
}

Status decide_leave(ActionContext& ctx, const Json& args) {
  PLENUM_ASSIGN_OR_RETURN(auto id, req_int(args, "leave_id", "args"));
  auto leave = tables::leave(ctx.reader(), id);
  if (!leave) return not_found("请假申请", "leave request", "args.leave_id");
  auto sitting = assembly::tables::sitting(ctx.reader(), leave->sitting_id);
  PLENUM_TRY(ctx.require_role(sitting->body, {"secretariat", "presiding"}));
  PLENUM_ASSIGN_OR_RETURN(auto decision, req_string(args, "decision", "args"));
  if (decision != "approved" && decision != "denied")
    return make_error(ErrorCode::kMalformed, "decision 应为 approved 或 denied", "decision must be approved or denied",
                      "args.decision");
  PLENUM_ASSIGN_OR_RETURN(auto note, opt_string(args, "note", "args"));
  if (leave->state != LeaveState::kPending)
    return make_error(ErrorCode::kConflict, "该请假申请已处理（" + name_of(leave->state) + "）",
                      "this leave request was already decided (" + name_of(leave->state) + ")", "args.leave_id");
  PLENUM_ASSIGN_OR_RETURN(auto book, ctx.rulebook_of(sitting->body));
  ctx.emit(sitting->body, "attendance.leave_decided",
           Json{{"leave_id", leave->id}, {"decision", decision}, {"note", trim(note.value_or(""))}});
  notify_summary(ctx, *sitting, book);
  ctx.result() = Json{{"leave_id", leave->id}, {"state", decision}};
  return Status::ok();
}

}  // namespace

// Reasons for leave are personal: the leaves route shows them to the secretariat and the
// presiding officers, and so do the events route and the live channel, besides the member who
// asked. Everyone else following the body sees that leave was asked and decided, not why.
std::optional<Json> leave_view(store::Reader& reader, const std::string& viewer, const Event& e) {
  auto sitting_body = [&]() -> std::string {
    int64_t sitting_id = e.payload.value("sitting_id", int64_t{0});
    if (!sitting_id)
      if (auto l = tables::leave(reader, e.payload.value("leave_id", int64_t{0}))) sitting_id = l->sitting_id;
    auto s = assembly::tables::sitting(reader, sitting_id);
    return s ? s->body : e.body;
  };
  if (accounts::has_role(reader, viewer, sitting_body(), {"secretariat", "presiding"})) return e.payload;
  int64_t member_id = e.payload.value("member_id", int64_t{0});
  if (!member_id)
    if (auto l = tables::leave(reader, e.payload.value("leave_id", int64_t{0}))) member_id = l->member_id;
  auto account = accounts::tables::account(reader, viewer);
  if (account && member_id && account->member_id == member_id) return e.payload;
  Json shown = e.payload;
  shown.erase("reason");
  shown.erase("note");
  return shown;
}

void register_feature(ledger::Registry& r) {
  auto room = r.add_room(tables::slice());
  register_routes(r);
  r.add_action(
      "attendance.check_in",
      ledger::ArgSchema{
          ledger::Arg::id("sitting_id").required(), ledger::Arg::id("member_id").describe("The member by id."),
          ledger::Arg::string("seat", 160, 1).describe("The member by seat number (座位号).").example("N0001"),
          ledger::Arg::string("card", 160, 1).describe("The member by card number (证件号).").example("NPC14-0001"),
          ledger::Arg::choice("method", {"device", "desk", "staff"})
              .describe("Default for staff: staff when member_id is given, else desk. A member checking in themselves "
                        "may only use device (the default).")}
          .exactly_one_of({"member_id", "seat", "card"})
          .describe("Exactly one of member_id, seat, card."),
      check_in);
  r.add_action("attendance.check_in_bulk",
               ledger::ArgSchema{ledger::Arg::id("sitting_id").required(),
                                 ledger::Arg::array("member_ids", ledger::Arg::id(""), 1, 100000),
                                 ledger::Arg::array("seats", ledger::Arg::string("", 160, 1), 1, 100000)}
                   .exactly_one_of({"member_ids", "seats"})
                   .describe("Exactly one of member_ids, seats."),
               check_in_bulk);
  r.add_action(
      "attendance.request_leave",
      ledger::ArgSchema{
          ledger::Arg::id("sitting_id").required(), ledger::Arg::id("member_id").describe("The member by id."),
          ledger::Arg::string("seat", 160, 1).describe("The member by seat number (座位号).").example("N0001"),
          ledger::Arg::string("card", 160, 1).describe("The member by card number (证件号).").example("NPC14-0001"),
          ledger::Arg::document("reason", 2000)
              .required()
              .describe("Why (请假理由), 1-2000 bytes after trimming.")
              .example("因病请假")}
          .describe("Staff give exactly one of member_id, seat, card; a member may omit all three to mean themselves."),
      request_leave);
  r.add_action(
      "attendance.decide_leave",
      ledger::ArgSchema{
          ledger::Arg::id("leave_id").required(),
          ledger::Arg::choice("decision", {"approved", "denied"}).required().describe("approved 批准, denied 不批准."),
          ledger::Arg::string("note", 4000).describe("Optional note.")},
      decide_leave);
  room.add_projector("attendance.checked_in", [](store::TableWriter& w, const Event& e) {
    tables::put_check_in(w, {e.payload["sitting_id"], e.payload["member_id"], e.payload["method"], e.at, e.actor});
  });
  r.add_event_view("attendance.leave_requested", leave_view);
  r.add_event_view("attendance.leave_decided", leave_view);
  room.add_projector("attendance.leave_requested", [](store::TableWriter& w, const Event& e) {
    const Json& p = e.payload;
    tables::put_leave(
        w, {p["id"], p["sitting_id"], p["member_id"], p["reason"], LeaveState::kPending, e.actor, e.at, "", 0, ""});
  });
  room.add_projector("attendance.leave_decided", [](store::TableWriter& w, const Event& e) {
    auto l = tables::leave(w, e.payload["leave_id"]);
    l->state = e.payload["decision"];
    l->decided_by = e.actor;
    l->decided_at = e.at;
    l->note = e.payload["note"];
    tables::put_leave(w, *l);
  });
}

Summary summarize(store::Reader& reader, const rules::Rulebook& book, const assembly::SittingRecord& sitting) {
  Summary s;
  s.expected = assembly::tables::count_members(reader, assembly::expected_members(sitting));
  s.present = tables::count_check_ins(reader, sitting.id);
  s.absent = s.expected - s.present;
  for (const auto& l : tables::leaves(reader, sitting.id))
    if (l.state == LeaveState::kApproved && !tables::check_in(reader, sitting.id, l.member_id)) ++s.on_leave;
  s.quorum_minimum = book.quorum.minimum(s.expected);
  s.quorum_met = s.expected > 0 && book.quorum.met(s.present, s.expected);
  return s;
}

Status require_quorum(store::Reader& reader, const rules::Rulebook& book, const assembly::SittingRecord& sitting,
                      const std::string& what_zh, const std::string& what_en, const std::string& field) {
  if (!book.voting.requires_quorum) return Status::ok();
  Summary s = summarize(reader, book, sitting);
  if (s.quorum_met) return Status::ok();
  const char* quorum_zh = book.announcement_style == rules::AnnouncementStyle::kNpc ? "法定人数" : "规定人数";
  const char* quorum_en =
      book.announcement_style == rules::AnnouncementStyle::kNpc ? "legal quorum" : "required number";
  return rules::violation("应出席" + book.member_noun_zh + std::to_string(s.expected) + "人，出席" +
                              std::to_string(s.present) + "人，不足" + quorum_zh + "（至少" +
                              std::to_string(s.quorum_minimum) + "人），不能开始" + what_zh,
                          std::to_string(s.present) + " of " + std::to_string(s.expected) + " " + book.member_noun_en +
                              " present, fewer than the " + quorum_en + " of " + std::to_string(s.quorum_minimum) +
                              ": " + what_en + " cannot begin",
                          book.quorum.citation, field);
}

std::string announcement_zh(const rules::Rulebook& book, const assembly::SessionRecord& session, const Summary& s) {
  const std::string& prefix = session.short_name_zh;
  switch (book.announcement_style) {
    case rules::AnnouncementStyle::kNpc:
      return prefix + "应出席" + book.member_noun_zh + std::to_string(s.expected) + "人，出席" +
             std::to_string(s.present) + "人，缺席" + std::to_string(s.absent) + "人，出席人数" +
             (s.quorum_met ? "符合" : "不足") + "法定人数。";
    case rules::AnnouncementStyle::kCppcc:
      return prefix + "应出席" + book.member_noun_zh + std::to_string(s.expected) + "人，实到" +
             std::to_string(s.present) + "人，" + (s.quorum_met ? "符合" : "不足") + "规定人数。";
    case rules::AnnouncementStyle::kGeneric:
      break;
  }
  return prefix + "应出席" + book.member_noun_zh + std::to_string(s.expected) + "人，出席" + std::to_string(s.present) +
         "人，缺席" + std::to_string(s.absent) + "人，" + (s.quorum_met ? "符合" : "不足") + "规定人数。";
}

std::string announcement_en(const rules::Rulebook& book, const Summary& s) {
  std::string text = "Expected to attend: " + std::to_string(s.expected) + " " + book.member_noun_en +
                     "; present: " + std::to_string(s.present) + "; absent: " + std::to_string(s.absent) + ". ";
  if (book.announcement_style == rules::AnnouncementStyle::kNpc)
    return text + (s.quorum_met ? "The number present meets the legal quorum."
                                : "The number present falls short of the legal quorum.");
  return text + (s.quorum_met ? "The required number is met." : "The required number is not met.");
}

// The verdict as a badge says it, in the announcement's own words (the NPC's 法定人数, the CPPCC's
// and other bodies' 规定人数), either way: a live count flips it without a re-read.
Json quorum_wording(const rules::Rulebook& book) {
  const bool legal = book.announcement_style == rules::AnnouncementStyle::kNpc;
  const std::string counted = book.announcement_style == rules::AnnouncementStyle::kCppcc ? "实到人数" : "出席人数";
  const std::string noun = legal ? "法定人数" : "规定人数";
  return Json{
      {"met_zh", counted + "符合" + noun},
      {"not_met_zh", counted + "不足" + noun},
      {"met_en", legal ? "The number present meets the legal quorum" : "The required number is met"},
      {"not_met_en", legal ? "The number present falls short of the legal quorum" : "The required number is not met"}};
}

Result<Json> sitting_report(store::Reader& reader, const rules::RulebookSet& books, int64_t sitting_id) {
  auto sitting = assembly::tables::sitting(reader, sitting_id);
  if (!sitting)
    return not_found("会议 " + std::to_string(sitting_id), "sitting " + std::to_string(sitting_id), "sitting_id");
  PLENUM_ASSIGN_OR_RETURN(auto book, ledger::body_rulebook(reader, books, sitting->body));
  auto session = assembly::tables::session(reader, sitting->session_id);
  Summary s = summarize(reader, book, *sitting);
  Json j = assembly::to_json(*sitting);
  j["session"] = assembly::to_json(*session);
  j["attendance"] =
      Json{{"expected", s.expected}, {"present", s.present}, {"absent", s.absent}, {"on_leave", s.on_leave}};
  j["quorum"] = Json{{"met", s.quorum_met},
                     {"minimum", s.quorum_minimum},
                     {"rule", rules::to_json(book.quorum)},
                     {"rule_zh", book.quorum.describe_zh(book.member_noun_zh)},
                     {"rule_en", book.quorum.describe_en(book.member_noun_en)},
                     {"wording", quorum_wording(book)}};
  j["announcement_zh"] = announcement_zh(book, *session, s);
  j["announcement_en"] = announcement_en(book, s);
  return j;
}

Result<Json> sitting_check_ins(store::Reader& reader, int64_t sitting_id) {
  auto sitting = assembly::tables::sitting(reader, sitting_id);
  if (!sitting)
    return not_found("会议 " + std::to_string(sitting_id), "sitting " + std::to_string(sitting_id), "sitting_id");
  Json out = Json::array();
  for (const auto& c : tables::check_ins(reader, sitting_id)) {
    auto m = assembly::tables::member(reader, c.member_id);
    out.push_back(Json{{"member_id", c.member_id},
                       {"name", m ? m->name : ""},
                       {"seat", m ? m->seat : ""},
                       {"method", c.method},
                       {"at", iso_time(c.at)},
                       {"by", c.by}});
  }
  return out;
}

Result<Json> sitting_leaves(store::Reader& reader, int64_t sitting_id) {
  if (!assembly::tables::sitting(reader, sitting_id))
    return not_found("会议 " + std::to_string(sitting_id), "sitting " + std::to_string(sitting_id), "sitting_id");
  Json out = Json::array();
  for (const auto& l : tables::leaves(reader, sitting_id)) {
    auto m = assembly::tables::member(reader, l.member_id);
    Json row{{"leave_id", l.id},
             {"member_id", l.member_id},
             {"name", m ? m->name : ""},
             {"seat", m ? m->seat : ""},
             {"reason", l.reason},
             {"state", l.state},
             {"requested_by", l.requested_by},
             {"requested_at", iso_time(l.requested_at)}};
    row["decided_by"] = l.decided_by.empty() ? Json() : Json(l.decided_by);
    row["decided_at"] = l.decided_at ? Json(iso_time(l.decided_at)) : Json();
    row["note"] = l.note;
    out.push_back(row);
  }
  return out;
}

Result<Json> sitting_units(store::Reader& reader, int64_t sitting_id, bool with_reasons) {
  auto sitting = assembly::tables::sitting(reader, sitting_id);
  if (!sitting)
    return not_found("会议 " + std::to_string(sitting_id), "sitting " + std::to_string(sitting_id), "sitting_id");
  std::set<int64_t> present;
  for (const auto& c : tables::check_ins(reader, sitting_id)) present.insert(c.member_id);
  std::map<int64_t, LeaveRecord> leave;  // by member: the latest request
  for (const auto& l : tables::leaves(reader, sitting_id))
    if (l.state == LeaveState::kApproved || l.state == LeaveState::kPending) leave[l.member_id] = l;
  struct Tally {
    int64_t expected = 0, present = 0, on_leave = 0;
    Json absentees = Json::array();
  };
  std::map<int64_t, Tally> by_unit;
  for (const auto& m : assembly::tables::members(reader, assembly::expected_members(*sitting))) {
    Tally& t = by_unit[m.unit_id];
    ++t.expected;
    if (present.count(m.id)) {
      ++t.present;
      continue;
    }
    Json a{{"member_id", m.id}, {"name", m.name}, {"seat", m.seat}, {"leave", Json()}};
    if (auto l = leave.find(m.id); l != leave.end()) {
      a["leave"] = l->second.state;
      if (l->second.state == LeaveState::kApproved) ++t.on_leave;
      if (with_reasons) a["reason"] = l->second.reason;
    }
    t.absentees.push_back(std::move(a));
  }
  Json units = Json::array();
  auto add = [&](int64_t id, const std::string& name, const std::string& kind) {
    auto it = by_unit.find(id);
    if (it == by_unit.end()) return;
    Tally& t = it->second;
    units.push_back(Json{{"unit_id", id ? Json(id) : Json()},
                         {"name", name},
                         {"kind", kind},
                         {"expected", t.expected},
                         {"present", t.present},
                         {"absent", t.expected - t.present},
                         {"on_leave", t.on_leave},
                         {"absentees", std::move(t.absentees)}});
  };
  for (const auto& u : assembly::tables::units(reader, sitting->body)) add(u.id, u.name, u.kind);
  add(0, "", "");  // members of no unit
  return Json{{"sitting_id", sitting_id}, {"units", units}};
}

Result<Json> member_history(store::Reader& reader, int64_t member_id) {
  auto member = assembly::tables::member(reader, member_id);
  if (!member)
    return not_found("成员 " + std::to_string(member_id), "member " + std::to_string(member_id), "member_id");
  std::map<int64_t, CheckInRecord> present;
  for (auto& c : tables::check_ins_of_member(reader, member_id)) present.emplace(c.sitting_id, c);
  std::map<int64_t, LeaveRecord> leave;
  for (auto& l : tables::leaves_of_member(reader, member_id))
    if (l.state != LeaveState::kDenied || !leave.count(l.sitting_id)) leave[l.sitting_id] = l;
  Json out = Json::array();
  for (const auto& session : assembly::tables::sessions(reader, member->body)) {
    for (const auto& sitting : assembly::tables::sittings(reader, session.id)) {
      if (!assembly::matches(assembly::expected_members(sitting), *member)) continue;
      Json row{{"session_id", session.id},      {"session", session.name_zh}, {"sitting_id", sitting.id},
               {"title_zh", sitting.title_zh},  {"kind", sitting.kind},       {"starts_at", sitting.starts_at},
               {"sitting_state", sitting.state}};
      if (auto it = present.find(sitting.id); it != present.end()) {
        row["status"] = "present";
        row["method"] = it->second.method;
        row["at"] = iso_time(it->second.at);
      } else if (auto lt = leave.find(sitting.id); lt != leave.end() && lt->second.state == LeaveState::kApproved) {
        row["status"] = "on_leave";
        row["reason"] = lt->second.reason;
      } else if (sitting.state == assembly::SittingState::kClosed) {
        row["status"] = "absent_unexcused";
        if (lt != leave.end()) row["leave_state"] = lt->second.state;
      } else {
        row["status"] = "not_checked_in";
        if (lt != leave.end()) row["leave_state"] = lt->second.state;
      }
      out.push_back(row);
    }
  }
  auto unit = assembly::tables::unit(reader, member->unit_id);
  return Json{{"member", assembly::to_json(*member, unit ? unit->name : "")}, {"sittings", out}};
}

namespace {

// Per member: unexcused absent plenary sittings of one session, and whether the member missed
// the whole session without approved leave for every sitting missed.
struct SessionAttendance {
  std::map<int64_t, int64_t> unexcused_sittings;
  std::set<int64_t> missed_unexcused;
};

SessionAttendance session_attendance(store::Reader& reader, int64_t session_id) {
  SessionAttendance out;
  std::map<int64_t, int> expected_at, present_at;
  std::map<int64_t, bool> all_excused;
  for (const auto& sitting : assembly::tables::sittings(reader, session_id)) {
    if (sitting.kind != "plenary" || sitting.state != assembly::SittingState::kClosed) continue;
    std::set<int64_t> present, approved;
    for (const auto& c : tables::check_ins(reader, sitting.id)) present.insert(c.member_id);
    for (const auto& l : tables::leaves(reader, sitting.id))
      if (l.state == LeaveState::kApproved) approved.insert(l.member_id);
    for (const auto& m : assembly::tables::members(reader, assembly::expected_members(sitting))) {
      ++expected_at[m.id];
      all_excused.emplace(m.id, true);
      if (present.count(m.id)) {
        ++present_at[m.id];
      } else if (!approved.count(m.id)) {
        ++out.unexcused_sittings[m.id];
        all_excused[m.id] = false;
      }
    }
  }
  for (const auto& [id, n] : expected_at)
    if (!present_at.count(id) && !all_excused[id]) out.missed_unexcused.insert(id);
  return out;
}

}  // namespace

Result<Json> session_absences(store::Reader& reader, const rules::RulebookSet& books, int64_t session_id) {
  auto session = assembly::tables::session(reader, session_id);
  if (!session) return not_found("会议（次）", "session", "session_id");
  PLENUM_ASSIGN_OR_RETURN(auto book, ledger::body_rulebook(reader, books, session->body));
  SessionAttendance here = session_attendance(reader, session_id);
  // Sessions of the same term missed without leave, up to and including this one.
  std::map<int64_t, int64_t> term_missed;
  for (const auto& s : assembly::tables::sessions(reader, session->body)) {
    if (s.term != session->term || s.number > session->number) continue;
    SessionAttendance a = s.id == session_id ? here : session_attendance(reader, s.id);
    for (int64_t id : a.missed_unexcused) ++term_missed[id];
  }
  std::set<int64_t> listed;
  for (const auto& [id, n] : here.unexcused_sittings) listed.insert(id);
  for (const auto& [id, n] : term_missed) listed.insert(id);
  Json rows = Json::array();
  for (int64_t id : listed) {
    auto m = assembly::tables::member(reader, id);
    if (!m) continue;
    int64_t missed = term_missed.count(id) ? term_missed[id] : 0;
    bool ends = book.unexcused_absence_limit > 0 && missed >= book.unexcused_absence_limit;
    rows.push_back(Json{{"member_id", id},
                        {"name", m->name},
                        {"seat", m->seat},
                        {"unexcused_sittings", here.unexcused_sittings.count(id) ? here.unexcused_sittings[id] : 0},
                        {"missed_session_without_leave", here.missed_unexcused.count(id) > 0},
                        {"term_sessions_missed_without_leave", missed},
                        {"mandate_ends", ends}});
  }
  Json rule = Json{{"limit", book.unexcused_absence_limit},
                   {"citation_zh", book.absence_citation.zh},
                   {"citation_en", book.absence_citation.en}};
  return Json{{"session", assembly::to_json(*session)}, {"rule", rule}, {"members", rows}};
}

}  // namespace plenum::attendance
