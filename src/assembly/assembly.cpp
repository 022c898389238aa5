#include "assembly/assembly.h"

#include <algorithm>
#include <set>

#include "assembly/roster_csv.h"
#include "assembly/tables.h"
#include "base/args.h"
#include "base/text.h"
#include "rules/rulebook.h"
#include "voting/tables.h"

namespace plenum::assembly {
namespace {

using ledger::ActionContext;
using ledger::Event;

const char* unit_kind_for(const rules::Rulebook& book) {
  switch (book.announcement_style) {
    case rules::AnnouncementStyle::kNpc:
      return "delegation";
    case rules::AnnouncementStyle::kCppcc:
      return "sector";
    default:
      return "unit";
  }
}

// ---------------------------------------------------------------- actions

Status create_body(ActionContext& ctx, const Json& args) {
  PLENUM_ASSIGN_OR_RETURN(auto id, req_string(args, "id", "args"));
  if (!ledger::is_body_id(id) || id == ledger::kAccountsChain)
    return invalid("args.id", "机构标识只能由小写字母、数字、-、_ 组成，最长32个字符，且不能是 plenum",
                   "body id must be 1-32 characters of a-z, 0-9, - and _, and not \"plenum\"");
  if (ctx.actor() != ledger::kSystemActor && !ctx.has_role("*", {"admin"}))
    return make_error(ErrorCode::kForbidden, "只有管理员可以创建机构", "only an admin may create a body", "actor");
  PLENUM_ASSIGN_OR_RETURN(auto name_zh, text_arg(args, "name_zh"));
  PLENUM_ASSIGN_OR_RETURN(auto name_en, text_arg(args, "name_en"));
  PLENUM_ASSIGN_OR_RETURN(auto rulebook, req_string(args, "rulebook", "args"));
  const rules::Rulebook* book = ctx.rulebooks().find(rulebook);
  if (!book)
    return make_error(ErrorCode::kNotFound, "未知的议事规则 " + rulebook, "unknown rulebook " + rulebook,
                      "args.rulebook");
  PLENUM_ASSIGN_OR_RETURN(auto quorum, opt_string(args, "quorum", "args"));
  std::string override_text;
  if (quorum) {
    // "more_than 1/2" or "at_least 2/3"
    const std::string& q = *quorum;
    auto space = q.find(' ');
    std::string cmp = space == std::string::npos ? "" : q.substr(0, space);
    if (cmp != "at_least" && cmp != "more_than")
      return invalid("args.quorum", "法定人数应写作 \"at_least 2/3\" 或 \"more_than 1/2\"",
                     "quorum must read \"at_least 2/3\" or \"more_than 1/2\"");
    auto f = rules::parse_fraction(q.substr(space + 1));
    if (!f) {
      Error e = f.error();
      e.field = "args.quorum";
      return e;
    }
    auto applied =
        rules::with_quorum(*book, cmp == "at_least" ? rules::Comparison::kAtLeast : rules::Comparison::kMoreThan, *f);
    if (!applied) {
      Error e = applied.error();
      e.field = "args.quorum";
      return e;
    }
    override_text = cmp + " " + std::to_string(f->num) + "/" + std::to_string(f->den);
  }
  // The level decides rules that differ between province, city and county (地方组织法 52).
  PLENUM_ASSIGN_OR_RETURN(auto level, opt_string(args, "level", "args"));
  static const char* const kLevels[] = {"national", "province", "city", "county", "township"};
  if (level && std::none_of(std::begin(kLevels), std::end(kLevels), [&](const char* l) { return *level == l; }))
    return invalid("args.level", "level 应为 national、province、city、county 或 township",
                   "level must be national, province, city, county or township");
  if (tables::body(ctx.reader(), id))
    return make_error(ErrorCode::kConflict, "机构 " + id + " 已存在", "body " + id + " already exists", "args.id");
  Json payload{{"id", id},
               {"name_zh", name_zh},
               {"name_en", name_en},
               {"rulebook", rulebook},
               {"quorum_override", override_text}};
  if (level) payload["level"] = *level;
  ctx.emit(id, "assembly.body_created", std::move(payload));
  ctx.result() = Json{{"body", id}};
  return Status::ok();
}

Status create_term(ActionContext& ctx, const Json& args) {
  PLENUM_ASSIGN_OR_RETURN(auto body, req_string(args, "body", "args"));
  if (!tables::body(ctx.reader(), body)) return not_found("机构 " + body, "body " + body, "args.body");
  PLENUM_TRY(ctx.require_role(body, {"secretariat"}));
  PLENUM_ASSIGN_OR_RETURN(auto number, req_int(args, "number", "args"));
  if (number < 1 || number > 1000)
    return invalid("args.number", "届次应为正整数", "term number must be a positive integer");
  PLENUM_ASSIGN_OR_RETURN(auto name, text_arg(args, "name_zh"));
  PLENUM_ASSIGN_OR_RETURN(auto starts, date_arg(args, "starts_on"));
  if (tables::term(ctx.reader(), body, number))
    return make_error(ErrorCode::kConflict, "该届已存在", "this term already exists", "args.number");
  ctx.emit(body, "assembly.term_created", Json{{"number", number}, {"name_zh", name}, {"starts_on", starts}});
  ctx.result() = Json{{"body", body}, {"term", number}};
  return Status::ok();
}

Status create_session(ActionContext& ctx, const Json& args) {
  PLENUM_ASSIGN_OR_RETURN(auto body, req_string(args, "body", "args"));
  if (!tables::body(ctx.reader(), body)) return not_found("机构 " + body, "body " + body, "args.body");
  PLENUM_TRY(ctx.require_role(body, {"secretariat"}));
  PLENUM_ASSIGN_OR_RETURN(auto term, req_int(args, "term", "args"));
  if (!tables::term(ctx.reader(), body, term)) return not_found("届次", "term", "args.term");
  PLENUM_ASSIGN_OR_RETURN(auto number, req_int(args, "number", "args"));
  if (number < 1 || number > 1000)
    return invalid("args.number", "会议次数应为正整数", "session number must be a positive integer");
  PLENUM_ASSIGN_OR_RETURN(auto name_zh, text_arg(args, "name_zh"));
  PLENUM_ASSIGN_OR_RETURN(auto name_en, text_arg(args, "name_en"));
  PLENUM_ASSIGN_OR_RETURN(auto short_zh, text_arg(args, "short_name_zh"));
  PLENUM_ASSIGN_OR_RETURN(auto opens, date_arg(args, "opens_on"));
  PLENUM_ASSIGN_OR_RETURN(auto closes, date_arg(args, "closes_on"));
  if (closes < opens) return invalid("args.closes_on", "闭幕日期早于开幕日期", "closes_on is before opens_on");
  for (const auto& s : tables::sessions(ctx.reader(), body))
    if (s.term == term && s.number == number)
      return make_error(ErrorCode::kConflict, "该次会议已存在", "this session already exists", "args.number");
  int64_t id = store::next_id(ctx.reader().sql(), "sessions");
  ctx.emit(body, "assembly.session_created",
           Json{{"id", id},
                {"term", term},
                {"number", number},
                {"name_zh", name_zh},
                {"name_en", name_en},
                {"short_name_zh", short_zh},
                {"opens_on", opens},
                {"closes_on", closes}});
  ctx.result() = Json{{"session_id", id}};
  return Status::ok();
}

Status schedule_sitting(ActionContext& ctx, const Json& args) {
  PLENUM_ASSIGN_OR_RETURN(auto session_id, req_int(args, "session_id", "args"));
  auto session = tables::session(ctx.reader(), session_id);
  if (!session) return not_found("会议（次）", "session", "args.session_id");
  PLENUM_TRY(ctx.require_role(session->body, {"secretariat"}));
  PLENUM_ASSIGN_OR_RETURN(auto kind, req_string(args, "kind", "args"));
  const auto& kinds = sitting_kinds();
  if (std::none_of(kinds.begin(), kinds.end(), [&](const auto& k) { return k.first == kind; }))
    return invalid("args.kind", "未知的会议类型 " + kind, "unknown sitting kind " + kind);
  PLENUM_ASSIGN_OR_RETURN(auto number, req_int(args, "number", "args"));
  if (number < 1) return invalid("args.number", "会议序号应为正整数", "sitting number must be positive");
  PLENUM_ASSIGN_OR_RETURN(auto title_zh, text_arg(args, "title_zh"));
  PLENUM_ASSIGN_OR_RETURN(auto title_en, opt_string(args, "title_en", "args"));
  if (title_en && ((title_en)->size() > 800 || (title_en)->find('\n') != std::string::npos))
    return invalid("args.title_en", "字段 args.title_en 过长或含换行",
                   "field args.title_en is too long or has a line break");
  PLENUM_ASSIGN_OR_RETURN(auto starts_at, req_string(args, "starts_at", "args"));
  int64_t micros;
  if (!parse_iso_time(starts_at, &micros))
    return invalid("args.starts_at", "开始时间应为 ISO 8601 格式，如 2024-03-05T09:00+08:00",
                   "starts_at must be ISO 8601, e.g. 2024-03-05T09:00+08:00");
  std::string date = starts_at.substr(0, 10);
  if (date < session->opens_on || date > session->closes_on)
    return make_error(ErrorCode::kRuleViolation, "会议日期不在本次会议的会期之内",
                      "the sitting's date is outside the session's dates", "args.starts_at");
  std::vector<int64_t> unit_ids;
  if (auto it = args.find("units"); it != args.end() && !it->is_null()) {
    if (!it->is_array()) return invalid("args.units", "units 应为数组", "units must be an array");
    for (size_t i = 0; i < it->size(); ++i) {
      std::string f = "args.units[" + std::to_string(i) + "]";
      if (!(*it)[i].is_string()) return invalid(f, f + " 应为字符串", f + " must be a string");
      auto unit = tables::unit_by_name(ctx.reader(), session->body, (*it)[i].get<std::string>());
      if (!unit) return not_found("单位 " + (*it)[i].get<std::string>(), "unit " + (*it)[i].get<std::string>(), f);
      if (std::find(unit_ids.begin(), unit_ids.end(), unit->id) != unit_ids.end())
        return invalid(f, "单位重复", "unit listed twice");
      unit_ids.push_back(unit->id);
    }
  }
  PLENUM_ASSIGN_OR_RETURN(auto group, opt_string(args, "group", "args"));
  std::string group_name = group.value_or("");
  if (kind == "delegation_plenary" && unit_ids.size() != 1)
    return invalid("args.units", "代表团全体会议须指定一个代表团", "a delegation plenary needs exactly one unit");
  if (kind == "joint_group" && unit_ids.size() < 2)
    return invalid("args.units", "联组会须指定两个以上单位", "a joint group meeting needs at least two units");
  if (kind == "group" && group_name.empty())
    return invalid("args.group", "小组会议须指定小组", "a group sitting needs a group");
  if ((kind == "plenary" || kind == "preparatory" || kind == "presidium") && (!unit_ids.empty() || !group_name.empty()))
    return invalid("args.units", "全体会议、预备会议和主席团会议不指定单位或小组",
                   "plenary, preparatory and presidium sittings take no units or group");
  for (const auto& s : tables::sittings(ctx.reader(), session_id))
    if (s.kind == kind && s.number == number && s.unit_ids == unit_ids && s.group_name == group_name)
      return make_error(ErrorCode::kConflict, "同类同序号的会议已存在",
                        "a sitting of this kind and number already exists", "args.number");
  int64_t id = store::next_id(ctx.reader().sql(), "sittings");
  ctx.emit(session->body, "assembly.sitting_scheduled",
           Json{{"id", id},
                {"session_id", session_id},
                {"kind", kind},
                {"number", number},
                {"title_zh", title_zh},
                {"title_en", title_en.value_or("")},
                {"starts_at", starts_at},
                {"unit_ids", unit_ids},
                {"group_name", group_name}});
  ctx.result() = Json{{"sitting_id", id}};
  return Status::ok();
}

Status change_sitting_state(ActionContext& ctx, const Json& args, SittingState from, SittingState to,
                            const char* event_type) {
  PLENUM_ASSIGN_OR_RETURN(auto sitting, sitting_arg(ctx, args));
  PLENUM_TRY(ctx.require_role(sitting.body, {"secretariat", "presiding"}));
  if (sitting.state != from)
    return make_error(ErrorCode::kConflict, "会议当前状态为 " + name_of(sitting.state) + "，不能变为 " + name_of(to),
                      "the sitting is " + name_of(sitting.state) + " and cannot become " + name_of(to),
                      "args.sitting_id");
  if (to == SittingState::kClosed)
    for (const auto& poll : voting::tables::polls_of_sitting(ctx.reader(), sitting.id))
      if (poll.state == voting::PollState::kOpen)
        return make_error(ErrorCode::kConflict, "表决 " + std::to_string(poll.id) + " 尚未结束，不能散会",
                          "poll " + std::to_string(poll.id) + " is still open; close it first", "args.sitting_id");
  ctx.emit(sitting.body, event_type, Json{{"sitting_id", sitting.id}});
  ctx.result() = Json{{"sitting_id", sitting.id}, {"state", to}};
  return Status::ok();
}

Status import_roster(ActionContext& ctx, const Json& args) {
  PLENUM_ASSIGN_OR_RETURN(auto body, req_string(args, "body", "args"));
  if (!tables::body(ctx.reader(), body)) return not_found("机构 " + body, "body " + body, "args.body");
  PLENUM_TRY(ctx.require_role(body, {"secretariat"}));
  PLENUM_ASSIGN_OR_RETURN(auto book, ctx.rulebook_of(body));
  PLENUM_ASSIGN_OR_RETURN(auto csv, req_string(args, "csv", "args"));
  RosterParse parsed = parse_roster_csv(csv);
  std::vector<ErrorDetail> problems;
  int64_t count = parsed.problem_count;
  for (const auto& p : parsed.problems) problems.push_back(ErrorDetail{p.line, p.column, p.reason_zh, p.reason_en});
  // Against the roster already imported: seats and cards stay unique within the body. Checked
  // even when the file has problems of its own, so every bad line is reported at once.
  auto clash = [&](ErrorDetail d) {
    ++count;
    if (problems.size() < 2 * kMaxErrorDetails) problems.push_back(std::move(d));
  };
  for (const auto& row : parsed.rows) {
    if (auto m = tables::member_by_seat(ctx.reader(), body, row.seat))
      clash({row.line, "seat", "座位号 " + row.seat + " 已属于 " + m->name,
             "seat " + row.seat + " already belongs to " + m->name});
    if (auto m = tables::member_by_card(ctx.reader(), body, row.card))
      clash({row.line, "card", "证件号 " + row.card + " 已属于 " + m->name,
             "card " + row.card + " already belongs to " + m->name});
  }
  std::stable_sort(problems.begin(), problems.end(),
                   [](const ErrorDetail& a, const ErrorDetail& b) { return a.line < b.line; });
  if (parsed.rows.empty() && problems.empty()) {
    problems.push_back({0, "", "名册中没有任何成员", "the roster has no members"});
    count = 1;
  }
  if (!problems.empty()) {
    Error e = make_error(
        ErrorCode::kMalformed, "名册有 " + std::to_string(count) + " 处错误，未导入任何成员",
        "the roster has " + std::to_string(count) + (count == 1 ? " problem" : " problems") + "; nothing was imported",
        "args.csv");
    if (problems.size() > kMaxErrorDetails) problems.resize(kMaxErrorDetails);
    e.details = std::move(problems);
    e.details_total = count;
    return e;
  }
  int64_t next_unit = store::next_id(ctx.reader().sql(), "units");
  int64_t next_member = store::next_id(ctx.reader().sql(), "members");
  int64_t units_created = 0;
  for (const auto& row : parsed.rows) {
    auto unit = tables::unit_by_name(ctx.reader(), body, row.unit);
    int64_t unit_id;
    if (unit) {
      unit_id = unit->id;
    } else {
      unit_id = next_unit++;
      ++units_created;
      ctx.emit(body, "assembly.unit_created",
               Json{{"id", unit_id}, {"kind", unit_kind_for(*book)}, {"name", row.unit}});
    }
    ctx.emit(body, "assembly.member_added",
             Json{{"id", next_member++},
                  {"seat", row.seat},
                  {"card", row.card},
                  {"name", row.name},
                  {"gender", row.gender},
                  {"unit_id", unit_id},
                  {"group_name", row.group},
                  {"joined_on", row.joined_on},
                  {"roles", row.roles}});
  }
  ctx.result() = Json{{"imported", parsed.rows.size()}, {"units_created", units_created}};
  return Status::ok();
}

Status record_vacancy(ActionContext& ctx, const Json& args) {
  auto member = member_arg(ctx, args);
  if (!member) return member.error();
  PLENUM_TRY(ctx.require_role(member->body, {"secretariat"}));
  PLENUM_ASSIGN_OR_RETURN(auto on, date_arg(args, "on"));
  PLENUM_ASSIGN_OR_RETURN(auto reason, req_string(args, "reason", "args"));
  static const std::set<std::string> kReasons = {"death", "resignation", "recall", "other"};
  if (!kReasons.count(reason))
    return invalid("args.reason", "出缺原因应为 death、resignation、recall 或 other",
                   "reason must be death, resignation, recall or other");
  if (!member->vacated_on.empty())
    return make_error(ErrorCode::kConflict, "该成员已于 " + member->vacated_on + " 出缺",
                      "the member's seat was already vacated on " + member->vacated_on, "args.member_id");
  if (!member->joined_on.empty() && on < member->joined_on)
    return invalid("args.on", "出缺日期早于任职日期", "the vacancy date is before the member joined");
  ctx.emit(member->body, "assembly.member_vacated", Json{{"member_id", member->id}, {"on", on}, {"reason", reason}});
  ctx.result() = Json{{"member_id", member->id}, {"vacated_on", on}};
  return Status::ok();
}

Status set_member_roles(ActionContext& ctx, const Json& args) {
  PLENUM_ASSIGN_OR_RETURN(auto member, member_arg(ctx, args));
  PLENUM_TRY(ctx.require_role(member.body, {"secretariat"}));
  PLENUM_ASSIGN_OR_RETURN(auto roles, req_array(args, "roles", "args"));
  std::vector<std::string> out;
  for (size_t i = 0; i < (roles)->size(); ++i) {
    const Json& r = (*roles)[i];
    std::string f = "args.roles[" + std::to_string(i) + "]";
    const auto& known = member_roles();
    if (!r.is_string() ||
        std::none_of(known.begin(), known.end(), [&](const auto& k) { return k.first == r.get<std::string>(); }))
      return invalid(f, f + " 不是已知的职务", f + " is not a known member role");
    if (std::find(out.begin(), out.end(), r.get<std::string>()) == out.end()) out.push_back(r.get<std::string>());
  }
  ctx.emit(member.body, "assembly.member_roles_set", Json{{"member_id", member.id}, {"roles", out}});
  ctx.result() = Json{{"member_id", member.id}, {"roles", out}};
  return Status::ok();
}

// ---------------------------------------------------------------- projections

void register_projectors(ledger::Registry::Room r) {
  // A session's cutoff for proposals is set by the proposals feature.
  r.add_projector("proposals.cutoff_set", [](store::TableWriter& w, const Event& e) {
    auto s = tables::session(w, e.payload["session_id"]);
    if (!s) throw store::StoreFailure("proposals.cutoff_set: unknown session");
    s->proposal_cutoff_at = e.payload["cutoff_at"];
    tables::put_session(w, *s);
  });
  r.add_projector("assembly.body_created", [](store::TableWriter& w, const Event& e) {
    const Json& p = e.payload;
    tables::put_body(w,
                     {p["id"], p["name_zh"], p["name_en"], p["rulebook"], p["quorum_override"], p.value("level", "")});
  });
  r.add_projector("assembly.term_created", [](store::TableWriter& w, const Event& e) {
    const Json& p = e.payload;
    tables::put_term(w, {e.body, p["number"], p["name_zh"], p["starts_on"]});
  });
  r.add_projector("assembly.session_created", [](store::TableWriter& w, const Event& e) {
    const Json& p = e.payload;
    tables::put_session(w, {p["id"], e.body, p["term"], p["number"], p["name_zh"], p["name_en"], p["short_name_zh"],
                            p["opens_on"], p["closes_on"]});
  });
  r.add_projector("assembly.sitting_scheduled", [](store::TableWriter& w, const Event& e) {
    const Json& p = e.payload;
    tables::put_sitting(
        w, {p["id"], p["session_id"], e.body, p["kind"], p["number"], p["title_zh"], p["title_en"], p["starts_at"],
            SittingState::kScheduled, p["unit_ids"].get<std::vector<int64_t>>(), p["group_name"], 0, 0});
  });
  r.add_projector("assembly.sitting_opened", [](store::TableWriter& w, const Event& e) {
    auto s = tables::sitting(w, e.payload["sitting_id"]);
    s->state = SittingState::kOpen;
    s->opened_at = e.at;
    tables::put_sitting(w, *s);
  });
  r.add_projector("assembly.sitting_closed", [](store::TableWriter& w, const Event& e) {
    auto s = tables::sitting(w, e.payload["sitting_id"]);
    s->state = SittingState::kClosed;
    s->closed_at = e.at;
    tables::put_sitting(w, *s);
  });
  r.add_projector("assembly.unit_created", [](store::TableWriter& w, const Event& e) {
    const Json& p = e.payload;
    tables::put_unit(w, {p["id"], e.body, p["kind"], p["name"]});
  });
  r.add_projector("assembly.member_added", [](store::TableWriter& w, const Event& e) {
    const Json& p = e.payload;
    tables::put_member(w, {p["id"], e.body, p["seat"], p["card"], p["name"], p["gender"], p["unit_id"], p["group_name"],
                           p["joined_on"], "", "", p["roles"].get<std::vector<std::string>>(), std::nullopt});
  });
  r.add_projector("assembly.member_vacated", [](store::TableWriter& w, const Event& e) {
    auto m = tables::member(w, e.payload["member_id"]);
    m->vacated_on = e.payload["on"];
    m->vacancy_reason = e.payload["reason"];
    tables::put_member(w, *m);
  });
  r.add_projector("assembly.member_roles_set", [](store::TableWriter& w, const Event& e) {
    auto m = tables::member(w, e.payload["member_id"]);
    m->roles = e.payload["roles"].get<std::vector<std::string>>();
    tables::put_member(w, *m);
  });
}

}  // namespace

Result<MemberRecord> member_arg(ledger::ActionContext& ctx, const Json& args) {
  PLENUM_ASSIGN_OR_RETURN(auto id, req_int(args, "member_id", "args"));
  auto m = tables::member(ctx.reader(), id);
  if (!m) return not_found("成员 " + std::to_string(id), "member " + std::to_string(id), "args.member_id");
  return *m;
}

Result<SittingRecord> sitting_arg(ledger::ActionContext& ctx, const Json& args) {
  PLENUM_ASSIGN_OR_RETURN(auto id, req_int(args, "sitting_id", "args"));
  auto s = tables::sitting(ctx.reader(), id);
  if (!s) return not_found("会议 " + std::to_string(id), "sitting " + std::to_string(id), "args.sitting_id");
  return *s;
}

const std::vector<std::pair<std::string, std::string>>& sitting_kinds() {
  static const std::vector<std::pair<std::string, std::string>> kKinds = {
      {"preparatory", "预备会议"}, {"plenary", "全体会议"},
      {"presidium", "主席团会议"}, {"delegation_plenary", "代表团全体会议"},
      {"group", "小组会议"},       {"joint_group", "联组会议"}};
  return kKinds;
}

std::string sitting_date(const SittingRecord& sitting) { return sitting.starts_at.substr(0, 10); }

MemberFilter expected_members(const SittingRecord& sitting) {
  MemberFilter f;
  f.body = sitting.body;
  f.sitting_on = sitting_date(sitting);
  if (sitting.kind == "presidium") f.role = "presidium";
  f.unit_ids = sitting.unit_ids;
  f.group_name = sitting.group_name;
  return f;
}

bool matches(const MemberFilter& f, const MemberRecord& m) {
  if (m.body != f.body) return false;
  if (!f.sitting_on.empty() && (m.joined_on > f.sitting_on || (!m.vacated_on.empty() && m.vacated_on <= f.sitting_on)))
    return false;
  if (!f.unit_ids.empty() && std::find(f.unit_ids.begin(), f.unit_ids.end(), m.unit_id) == f.unit_ids.end())
    return false;
  if (!f.group_name.empty() && m.group_name != f.group_name) return false;
  if (!f.role.empty() && std::find(m.roles.begin(), m.roles.end(), f.role) == m.roles.end()) return false;
  return true;
}

// The kinds this feature's actions take (each documented once in docs/openapi.json).
const ledger::Arg kBodyLevel = ledger::Arg::kind(
    "BodyLevel", rules::body_levels(),
    "A body's administrative level (全国、省、设区的市、县、乡); decides rules that differ by level, e.g. how "
    "many deputies may submit a motion jointly (地方组织法第五十二条: 10 at province or city, 5 at county).");
const ledger::Arg kSittingKind = ledger::Arg::kind(
    "SittingKind", {"preparatory", "plenary", "presidium", "delegation_plenary", "group", "joint_group"},
    "preparatory 预备会议, plenary 全体会议, presidium 主席团会议, delegation_plenary 代表团全体会议 (exactly "
    "one unit), group 小组会议 (needs group), joint_group 联组会议 (two or more units).");
const ledger::Arg kMemberRoleName = ledger::Arg::kind(
    "MemberRoleName", {"presidium", "executive_chair", "secretariat", "scrutineer", "delegation_head"},
    "A member's duties from the roster (职务): presidium 主席团成员, executive_chair 执行主席, secretariat "
    "秘书处, scrutineer 监票人, delegation_head 代表团团长. A presidium sitting expects the members holding "
    "presidium.");

void register_feature(ledger::Registry& r) {
  register_routes(r);
  r.add_action(
      "assembly.create_body",
      ledger::ArgSchema{
          ledger::Arg::body("id").required().describe("The new body's id; not \"plenum\" (the accounts chain)."),
          ledger::Arg::text("name_zh", 200).required().describe("Chinese name."),
          ledger::Arg::text("name_en", 200).required().describe("English name."),
          ledger::Arg::string("rulebook", 64, 1)
              .required()
              .describe("A rulebook id from GET /api/v1/rulebooks.")
              .example("npc"),
          ledger::Arg::string("quorum", 64)
              .documented({{"pattern", "^(at_least|more_than) [0-9]+/[0-9]+$"}})
              .describe("The body's own quorum, if its rulebook allows it (quorum.configurable): \"at_least 2/3\" or "
                        "\"more_than 1/2\"."),
          kBodyLevel.as("level").describe(
              "Optional: national, province, city, county or township. Where a rulebook's submission rule differs by "
              "level (members_jointly_by_level), the body's level picks the number.")},
      create_body);
  r.add_action("assembly.create_term",
               ledger::ArgSchema{
                   ledger::Arg::body("body").required(),
                   ledger::Arg::integer("number", 1, 1000).required().describe("Term number (届), 1-1000.").example(14),
                   ledger::Arg::text("name_zh", 200).required().describe("e.g. 第十四届全国人民代表大会."),
                   ledger::Arg::date("starts_on").required()},
               create_term);
  r.add_action(
      "assembly.create_session",
      ledger::ArgSchema{
          ledger::Arg::body("body").required(), ledger::Arg::id("term").required().describe("An existing term number."),
          ledger::Arg::integer("number", 1, 1000).required().describe("Session number in the term (次), 1-1000."),
          ledger::Arg::text("name_zh", 200).required().describe("e.g. 第十四届全国人民代表大会第二次会议."),
          ledger::Arg::text("name_en", 200).required().describe("English name."),
          ledger::Arg::text("short_name_zh", 200)
              .required()
              .describe("The prefix of announcements, e.g. 十四届全国人大二次会议."),
          ledger::Arg::date("opens_on").required(),
          ledger::Arg::date("closes_on").required().describe("Not before opens_on.")},
      create_session);
  r.add_action(
      "assembly.schedule_sitting",
      ledger::ArgSchema{ledger::Arg::id("session_id").required(), kSittingKind.as("kind").required(),
                        ledger::Arg::id("number", 1)
                            .required()
                            .describe("Sequence number of the sitting of this kind (第N次全体会议), ≥ 1."),
                        ledger::Arg::text("title_zh", 200).required().describe("e.g. 开幕会（第一次全体会议）."),
                        ledger::Arg::string("title_en", 800).describe("English title (optional)."),
                        ledger::Arg::time("starts_at")
                            .required()
                            .describe("Start time; its date must fall within the session's dates (else 422)."),
                        ledger::Arg::array("units", ledger::Arg::string("", 400, 1), 0, 1000)
                            .describe("Unit names (代表团/界别): exactly one for delegation_plenary, two or more for "
                                      "joint_group, none for plenary, preparatory and presidium."),
                        ledger::Arg::text("group", 100).describe("Member group (小组); required for kind group.")},
      schedule_sitting);
  r.add_action("assembly.open_sitting", ledger::ArgSchema{ledger::Arg::id("sitting_id").required()},
               [](ActionContext& ctx, const Json& args) {
                 return change_sitting_state(ctx, args, SittingState::kScheduled, SittingState::kOpen,
                                             "assembly.sitting_opened");
               });
  r.add_action("assembly.close_sitting", ledger::ArgSchema{ledger::Arg::id("sitting_id").required()},
               [](ActionContext& ctx, const Json& args) {
                 return change_sitting_state(ctx, args, SittingState::kOpen, SittingState::kClosed,
                                             "assembly.sitting_closed");
               });
  r.add_action(
      "assembly.import_roster",
      ledger::ArgSchema{
          ledger::Arg::body("body").required(),
          ledger::Arg::document("csv", 64 << 20)
              .required()
              .describe("The roster file (UTF-8, RFC 4180, a header row): seat/座位号, card/证件号, name/姓名, "
                        "unit/代表团/界别/单位 required; group/小组, gender/性别, roles/职务 (; separated), "
                        "joined_on/任职日期 optional. POST /api/v1/bodies/{body}/roster uploads the file directly.")},
      import_roster);
  r.add_action(
      "assembly.record_vacancy",
      ledger::ArgSchema{
          ledger::Arg::id("member_id").required(),
          ledger::Arg::date("on").required().describe(
              "The date the seat falls vacant; from this date on the member no longer counts as sitting (实有)."),
          ledger::Arg::choice("reason", {"death", "resignation", "recall", "other"})
              .required()
              .describe("death 去世, resignation 辞职, recall 罢免, other 其他.")},
      record_vacancy);
  r.add_action(
      "assembly.set_member_roles",
      ledger::ArgSchema{ledger::Arg::id("member_id").required(),
                        ledger::Arg::array("roles", kMemberRoleName.as(""), 0, 20)
                            .required()
                            .describe("The member's duties, replacing the current ones; duplicates are dropped.")},
      set_member_roles);
  auto room = r.add_room(tables::slice());
  register_projectors(room);
  register_member_record(room);
}

// ---------------------------------------------------------------- queries

Json to_json(const BodyRecord& b) {
  return Json{{"id", b.id},
              {"name_zh", b.name_zh},
              {"name_en", b.name_en},
              {"rulebook", b.rulebook},
              {"quorum_override", b.quorum_override},
              {"level", b.level}};
}

Json to_json(const SessionRecord& s) {
  return Json{{"id", s.id},
              {"body", s.body},
              {"term", s.term},
              {"number", s.number},
              {"name_zh", s.name_zh},
              {"name_en", s.name_en},
              {"short_name_zh", s.short_name_zh},
              {"opens_on", s.opens_on},
              {"closes_on", s.closes_on}};
}

Json to_json(const SittingRecord& s) {
  Json j{{"id", s.id},         {"session_id", s.session_id}, {"body", s.body},         {"kind", s.kind},
         {"number", s.number}, {"title_zh", s.title_zh},     {"title_en", s.title_en}, {"starts_at", s.starts_at},
         {"state", s.state},   {"unit_ids", s.unit_ids},     {"group", s.group_name}};
  j["opened_at"] = s.opened_at ? Json(iso_time(s.opened_at)) : Json();
  j["closed_at"] = s.closed_at ? Json(iso_time(s.closed_at)) : Json();
  for (const auto& k : sitting_kinds())
    if (k.first == s.kind) j["kind_zh"] = k.second;
  return j;
}

Json to_json(const MemberRecord& m, const std::string& unit_name) {
  Json j{{"id", m.id},           {"body", m.body},          {"seat", m.seat},
         {"card", m.card},       {"name", m.name},          {"gender", m.gender},
         {"unit_id", m.unit_id}, {"unit", unit_name},       {"group", m.group_name},
         {"roles", m.roles},     {"joined_on", m.joined_on}};
  j["vacated_on"] = m.vacated_on.empty() ? Json() : Json(m.vacated_on);
  j["vacancy_reason"] = m.vacancy_reason.empty() ? Json() : Json(m.vacancy_reason);
  j["photo"] = m.photo ? m.photo->to_json() : Json();
  return j;
}

Json list_bodies(store::Reader& reader) {
  Json out = Json::array();
  for (const auto& b : tables::bodies(reader)) out.push_back(to_json(b));
  return out;
}

Result<Json> get_body(store::Reader& reader, const std::string& body) {
  auto b = tables::body(reader, body);
  if (!b) return not_found("机构 " + body, "body " + body, "body");
  Json j = to_json(*b);
  j["terms"] = Json::array();
  for (const auto& t : tables::terms(reader, body))
    j["terms"].push_back(Json{{"number", t.number}, {"name_zh", t.name_zh}, {"starts_on", t.starts_on}});
  j["units"] = Json::array();
  for (const auto& u : tables::units(reader, body))
    j["units"].push_back(Json{{"id", u.id}, {"kind", u.kind}, {"name", u.name}});
  MemberFilter all;
  all.body = body;
  j["members_total"] = tables::count_members(reader, all);
  return j;
}

Result<Json> list_sessions(store::Reader& reader, const std::string& body) {
  if (!tables::body(reader, body)) return not_found("机构 " + body, "body " + body, "body");
  Json out = Json::array();
  for (const auto& s : tables::sessions(reader, body)) out.push_back(to_json(s));
  return out;
}

Result<Json> list_sittings(store::Reader& reader, int64_t session_id) {
  if (!tables::session(reader, session_id)) return not_found("会议（次）", "session", "session_id");
  Json out = Json::array();
  for (const auto& s : tables::sittings(reader, session_id)) out.push_back(to_json(s));
  return out;
}

Result<Json> list_members(store::Reader& reader, const std::string& body, const std::string& unit_name,
                          const std::string& on_date) {
  if (!tables::body(reader, body)) return not_found("机构 " + body, "body " + body, "body");
  MemberFilter f;
  f.body = body;
  if (!on_date.empty()) {
    if (!is_valid_date(on_date)) return invalid("on", "on 应为日期 YYYY-MM-DD", "on must be a date YYYY-MM-DD");
    f.sitting_on = on_date;
  }
  std::map<int64_t, std::string> unit_names;
  for (const auto& u : tables::units(reader, body)) unit_names[u.id] = u.name;
  if (!unit_name.empty()) {
    auto u = tables::unit_by_name(reader, body, unit_name);
    if (!u) return not_found("单位 " + unit_name, "unit " + unit_name, "unit");
    f.unit_ids = {u->id};
  }
  Json out = Json::array();
  for (const auto& m : tables::members(reader, f)) out.push_back(to_json(m, unit_names[m.unit_id]));
  return out;
}

Result<Json> get_member(store::Reader& reader, int64_t member_id) {
  auto m = tables::member(reader, member_id);
  if (!m) return not_found("成员 " + std::to_string(member_id), "member " + std::to_string(member_id), "member_id");
  auto u = tables::unit(reader, m->unit_id);
  return to_json(*m, u ? u->name : "");
}

}  // namespace plenum::assembly
