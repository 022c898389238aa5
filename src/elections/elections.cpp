#include "elections/elections.h"

#include <algorithm>
#include <set>

#include "assembly/assembly.h"
#include "assembly/tables.h"
#include "attendance/attendance.h"
#include "base/args.h"
#include "base/text.h"
#include "elections/count.h"
#include "elections/internal.h"
#include "elections/tables.h"
#include "motions/motions.h"
#include "motions/tables.h"
#include "rules/rulebook.h"

namespace plenum::elections {

using ledger::ActionContext;
using ledger::Event;

Result<ElectionRecord> election_arg(ActionContext& ctx, const Json& args) {
  PLENUM_ASSIGN_OR_RETURN(auto id, req_int(args, "election_id", "args"));
  auto e = tables::election(ctx.reader(), id);
  if (!e) return not_found("选举 " + std::to_string(id), "election " + std::to_string(id), "args.election_id");
  return *e;
}

Result<const rules::ElectionRules*> rules_of(ActionContext& ctx, const std::string& body) {
  PLENUM_ASSIGN_OR_RETURN(auto book, ctx.rulebook_of(body));
  if (!(book)->elections)
    return make_error(ErrorCode::kRuleViolation, body + " 的规则手册没有选举规则",
                      "the rulebook of " + body + " has no election rules", "args.session_id");
  return &*(book)->elections;
}

Error wrong_state(const ElectionRecord& e, const std::string& zh, const std::string& en) {
  return make_error(ErrorCode::kConflict, "选举当前状态为 " + name_of(e.state) + "，" + zh,
                    "the election is " + name_of(e.state) + "; " + en, "args.election_id");
}

std::optional<ElectionRoundRecord> open_round(store::Reader& tx, const ElectionRecord& e) {
  for (const auto& r : tables::election_rounds(tx, e.id))
    if (r.number == e.round && r.state == RoundState::kOpen) return r;
  return std::nullopt;
}

namespace {

// The actor's scrutineer entry in this election (chief or not), if any.
std::optional<bool> scrutineer_of(ActionContext& ctx, const ElectionRecord& e) {
  int64_t me = ctx.actor_member_id();
  for (const auto& s : Json::parse(e.scrutineers))
    if (me && s["member_id"] == me) return s["chief"].get<bool>();
  return std::nullopt;
}

Status require_scrutineer(ActionContext& ctx, const ElectionRecord& e, bool chief) {
  if (ctx.actor() == ledger::kSystemActor) return Status::ok();
  auto s = scrutineer_of(ctx, e);
  if (!s || (chief && !*s))
    return make_error(
        ErrorCode::kForbidden, chief ? "只有总监票人可以签署计票结果" : "只有本次选举的监票人可以录入",
        chief ? "only a chief scrutineer signs off the count" : "only a scrutineer of this election may enter counts",
        "actor");
  return Status::ok();
}

}  // namespace

// The rules of one round, as count.h takes them.
Result<Round> round_rules(ActionContext& ctx, const ElectionRecord& e, const ElectionRoundRecord& r) {
  PLENUM_ASSIGN_OR_RETURN(auto rules, rules_of(ctx, e.body));
  auto body = assembly::tables::body(ctx.reader(), e.body);
  Round round;
  round.kind = e.ballot_kind == "confirmation" ? BallotKind::kConfirmation : BallotKind::kElection;
  round.seats = r.seats;
  Json candidates = Json::parse(e.candidates);
  for (const auto& id : Json::parse(r.candidate_ids))
    for (const auto& c : candidates)
      if (c["id"] == id) round.candidates.push_back({c["id"], c["name"]});
  round.members = r.members;
  int64_t issued = 0, returned = 0;
  Json boxes = Json::parse(r.boxes);
  for (const auto& [box, counts] : boxes.items()) {
    issued += counts["issued"].get<int64_t>();
    returned += counts["returned"].get<int64_t>();
  }
  round.issued = issued;
  round.returned = returned;
  round.threshold = (rules)->threshold;
  if (int64_t motion_id = tables::ballot_motion(e)) {  // a motion passes by its kind's threshold, not an election's
    auto motion = motions::tables::motion(ctx.reader(), motion_id);
    if (!motion) return not_found("议案 " + std::to_string(motion_id), "motion " + std::to_string(motion_id), "");
    PLENUM_ASSIGN_OR_RETURN(auto book, ctx.rulebook_of(e.body));
    round.threshold = book->pass_for(motion->kind);
  }
  round.reelection = r.kind == "reelection";
  const auto& levels = (rules)->reelection_floor_levels;
  if (body && std::find(levels.begin(), levels.end(), body->level) != levels.end())
    round.reelection_floor = (rules)->reelection_floor;
  return round;
}

namespace {

Result<Mark> mark_of(const Json& v, const std::string& field) {
  if (v == "for") return Mark::kFor;
  if (v == "against") return Mark::kAgainst;
  if (v == "abstain") return Mark::kAbstain;
  return invalid(field, field + " 只能是 for、against 或 abstain", field + " must be for, against or abstain");
}

Result<std::map<std::string, int64_t>> counts_of(const Json& obj, const std::string& field) {
  std::map<std::string, int64_t> out;
  if (obj.is_null()) return out;
  if (!obj.is_object()) return invalid(field, field + " 应为对象", field + " must be an object");
  for (const auto& [k, v] : obj.items()) {
    if (!v.is_number_integer() || v.get<int64_t>() < 0)
      return invalid(field + "." + k, field + "." + k + " 应为非负整数",
                     field + "." + k + " must be a non-negative integer");
    out[k] = v.get<int64_t>();
  }
  return out;
}

// Counts the round's entry; also used to check an entry when it is made.
Result<RoundResult> count_entry(const Round& round, const Json& entry) {
  if (entry.contains("totals")) {
    const Json& t = entry["totals"];
    if (!t.is_object()) return invalid("args.totals", "totals 应为对象", "totals must be an object");
    Totals totals;
    PLENUM_ASSIGN_OR_RETURN(auto valid, req_int(t, "valid_ballots", "args.totals"));
    PLENUM_ASSIGN_OR_RETURN(auto void_ballots, req_int(t, "void_ballots", "args.totals"));
    totals.valid_ballots = valid;
    totals.void_ballots = void_ballots;
    PLENUM_ASSIGN_OR_RETURN(auto f, counts_of(t.value("for", Json()), "args.totals.for"));
    PLENUM_ASSIGN_OR_RETURN(auto a, counts_of(t.value("against", Json()), "args.totals.against"));
    PLENUM_ASSIGN_OR_RETURN(auto w, counts_of(t.value("write_ins", Json()), "args.totals.write_ins"));
    totals.for_votes = f;
    totals.against_votes = a;
    totals.write_in_votes = w;
    return count_totals(round, totals);
  }
  const Json& list = entry["ballots"];
  if (!list.is_array() || list.size() > 100000)
    return invalid("args.ballots", "ballots 应为选票数组", "ballots must be an array of ballots");
  std::vector<Ballot> ballots;
  for (size_t i = 0; i < list.size(); ++i) {
    std::string at = "args.ballots[" + std::to_string(i) + "]";
    const Json& b = list[i];
    if (!b.is_object()) return invalid(at, at + " 应为对象", at + " must be an object");
    Ballot ballot;
    if (b.contains("marks")) {
      if (!b["marks"].is_object())
        return invalid(at + ".marks", at + ".marks 应为对象", at + ".marks must be an object");
      for (const auto& [id, m] : b["marks"].items()) {
        PLENUM_ASSIGN_OR_RETURN(auto mark, mark_of(m, at + ".marks." + id));
        ballot.marks[id] = mark;
      }
    }
    if (b.contains("write_ins")) {
      if (!b["write_ins"].is_array())
        return invalid(at + ".write_ins", at + ".write_ins 应为姓名数组", at + ".write_ins must be an array of names");
      for (const auto& n : b["write_ins"]) {
        if (!n.is_string())
          return invalid(at + ".write_ins", at + ".write_ins 应为姓名数组",
                         at + ".write_ins must be an array of names");
        ballot.write_ins.push_back(n);
      }
    }
    ballots.push_back(std::move(ballot));
  }
  return count_ballots(round, ballots);
}

}  // namespace

ElectionRecord projected_election(store::TableWriter& tx, const ledger::Event& ev) {
  auto e = tables::election(tx, ev.payload["election_id"]);
  if (!e) throw store::StoreFailure(ev.type + ": unknown election");
  return *e;
}

Json result_json(const RoundResult& r) {
  Json candidates = Json::array();
  for (const auto& c : r.candidates)
    candidates.push_back(Json{{"id", c.id},
                              {"name", c.name},
                              {"written_in", c.written_in},
                              {"for", c.for_votes},
                              {"against", c.against_votes},
                              {"abstain", c.abstentions},
                              {"meets_threshold", c.meets_threshold},
                              {"elected", c.elected},
                              {"tied", c.tied}});
  return Json{{"valid", r.valid},
              {"valid_ballots", r.valid_ballots},
              {"void_ballots", r.void_ballots},
              {"minimum", r.minimum},
              {"candidates", candidates},
              {"elected", r.elected},
              {"runoff", r.runoff},
              {"runoff_seats", r.runoff_seats},
              {"unfilled", r.unfilled},
              {"announcement_zh", r.announcement_zh},
              {"announcement_en", r.announcement_en}};
}

namespace {

// One bound of a competitive margin: extra candidates beyond the seats, an integer or a fraction
// "a/b" of the seats (the lower bound rounds up, the upper down: 地方组织法 counts whole people).
Result<int64_t> margin_bound(const Json& v, int64_t seats, bool lower, const std::string& field) {
  if (v.is_number_integer() && v.get<int64_t>() >= 0 && v.get<int64_t>() <= 1000) return v.get<int64_t>();
  if (v.is_string()) {
    auto f = rules::parse_fraction(v.get<std::string>());
    if (f) return lower ? (seats * f->num + f->den - 1) / f->den : seats * f->num / f->den;
  }
  return invalid(field, field + " 应为非负整数或“a/b”形式的名额比例",
                 field + " must be a non-negative integer or a fraction \"a/b\" of the seats");
}

// {min, max} extra candidates for `seats` seats: 等额 is {0, 0}.
Result<std::pair<int64_t, int64_t>> margin_arg(const Json& margin, int64_t seats) {
  if (!margin.is_object())
    return invalid("args.margin", "margin 应为对象 {min, max}", "margin must be an object {min, max}");
  if (!margin.contains("min") || !margin.contains("max"))
    return invalid("args.margin", "margin 须给出 min 和 max", "margin needs min and max");
  PLENUM_ASSIGN_OR_RETURN(auto lo, margin_bound(margin["min"], seats, true, "args.margin.min"));
  PLENUM_ASSIGN_OR_RETURN(auto hi, margin_bound(margin["max"], seats, false, "args.margin.max"));
  if (lo > hi) return invalid("args.margin", "差额下限大于上限", "the margin's minimum exceeds its maximum");
  return std::make_pair(lo, hi);
}

// ---- actions

Status create(ActionContext& ctx, const Json& args) {
  PLENUM_ASSIGN_OR_RETURN(auto sid, req_int(args, "session_id", "args"));
  auto session = assembly::tables::session(ctx.reader(), sid);
  if (!session) return not_found("会议 " + std::to_string(sid), "session " + std::to_string(sid), "args.session_id");
  PLENUM_TRY(ctx.require_role(session->body, {"presiding", "secretariat"}));
  PLENUM_TRY(rules_of(ctx, session->body).status());
  PLENUM_ASSIGN_OR_RETURN(auto title, text_arg(args, "title_zh", 200));
  PLENUM_ASSIGN_OR_RETURN(auto title_en, opt_text_arg(args, "title_en", 300));
  PLENUM_ASSIGN_OR_RETURN(auto seats, req_int(args, "seats", "args"));
  if (seats < 1 || seats > 1000) return invalid("args.seats", "应选名额应在 1 到 1000 之间", "seats must be 1 to 1000");
  PLENUM_ASSIGN_OR_RETURN(auto kind, req_string(args, "ballot_kind", "args"));
  if (kind != "election" && kind != "confirmation")
    return invalid("args.ballot_kind", "ballot_kind 只能是 election（选举票）或 confirmation（表决票）",
                   "ballot_kind must be election or confirmation");
  std::string mode = args.value("mode", Json("paper")).is_string() ? args.value("mode", std::string("paper")) : "";
  if (mode != "paper" && mode != "electronic")
    return invalid("args.mode", "mode 只能是 paper（纸质选票）或 electronic（可验证的电子选票）",
                   "mode must be paper or electronic (verifiable electronic ballots)");
  Json margin;
  if (args.contains("margin") && !args["margin"].is_null()) {
    PLENUM_TRY(margin_arg(args["margin"], seats).status());  // checked here; the round applies it
    margin = args["margin"];
  }
  PLENUM_ASSIGN_OR_RETURN(auto motion_id, opt_int(args, "motion_id", "args"));
  Json item;  // a ballot on a motion: its one item
  if (motion_id) {
    auto motion = motions::tables::motion(ctx.reader(), *motion_id);
    if (!motion || motion->session_id != sid)
      return not_found("本次会议的议案 " + std::to_string(*motion_id),
                       "motion " + std::to_string(*motion_id) + " of the session", "args.motion_id");
    PLENUM_ASSIGN_OR_RETURN(auto book, ctx.rulebook_of(session->body));
    const auto& secret = book->voting.secret_ballot_kinds;
    if (std::find(secret.begin(), secret.end(), motion->kind) == secret.end())
      return rules::violation("“" + motion->title_zh + "”以表决器表决（voting.open），不发表决票",
                              "\"" + motion->title_zh + "\" is voted by the devices (voting.open), not by ballot",
                              book->voting.citation, "args.motion_id");
    if (kind != "confirmation")
      return invalid("args.ballot_kind", "对议案投票用表决票（confirmation）",
                     "a ballot on a motion is a confirmation ballot");
    if (seats != 1)
      return invalid("args.seats", "对议案投票只有一项：该议案", "a ballot on a motion has one item, the motion");
    if (mode != "paper")
      return invalid("args.mode", "对议案以纸质表决票无记名投票", "a ballot on a motion is a secret paper ballot");
    if (!margin.is_null()) return invalid("args.margin", "对议案投票没有差额", "a ballot on a motion has no margin");
    if (!motions::open_to_vote(*motion))
      return make_error(ErrorCode::kConflict, "议案当前状态为 " + name_of(motion->state) + "，不能交付表决",
                        "the motion is " + name_of(motion->state) + " and cannot be put to the vote", "args.motion_id");
    for (const auto& other : tables::elections(ctx.reader(), sid))
      if (tables::ballot_motion(other) == *motion_id)
        return make_error(ErrorCode::kConflict, "该议案已有表决（选举 " + std::to_string(other.id) + "）",
                          "the motion already has its ballot (election " + std::to_string(other.id) + ")",
                          "args.motion_id");
    // Shaped as a candidate (the ballot's one line), nominated by whoever submitted the motion.
    item = Json{{"id", "c1"},
                {"name", motion->title_zh},
                {"member_id", 0},
                {"nominated_by", motion->submitter},
                {"motion_id", motion->id}};
  }
  int64_t id = store::next_id(ctx.reader().sql(), "elections");
  Json created{{"election_id", id}, {"session_id", sid},   {"title_zh", title}, {"title_en", title_en.value_or("")},
               {"seats", seats},    {"ballot_kind", kind}, {"mode", mode}};
  if (!margin.is_null()) created["margin"] = margin;
  if (!item.is_null()) created["item"] = item;
  ctx.emit(session->body, "elections.created", created);
  ctx.result() = Json{{"election_id", id}};
  return Status::ok();
}

Status nominate(ActionContext& ctx, const Json& args) {
  PLENUM_ASSIGN_OR_RETURN(auto e, election_arg(ctx, args));
  PLENUM_TRY(ctx.require_role(e.body, {"presiding", "secretariat"}));
  PLENUM_ASSIGN_OR_RETURN(auto rules, rules_of(ctx, e.body));
  if (e.state != ElectionState::kNominating)
    return wrong_state(e, "投票开始后不能再提名", "no nominations once voting has begun");
  if (tables::ballot_motion(e))
    return make_error(ErrorCode::kConflict, "对议案的表决票只有该议案一项，没有候选人",
                      "a ballot on a motion has the motion as its one item, and no candidates", "args.election_id");
  PLENUM_ASSIGN_OR_RETURN(auto name, text_arg(args, "name", 50));
  PLENUM_ASSIGN_OR_RETURN(auto member_id, opt_int(args, "member_id", "args"));
  if (member_id) {
    auto m = assembly::tables::member(ctx.reader(), *member_id);
    if (!m || m->body != e.body)
      return not_found("成员 " + std::to_string(*member_id), "member " + std::to_string(*member_id), "args.member_id");
  }
  Json candidates = Json::parse(e.candidates);
  for (const auto& c : candidates)
    if (c["name"] == name)
      return make_error(ErrorCode::kConflict, name + " 已被提名", name + " is already nominated", "args.name");
  for (const auto& s : Json::parse(e.scrutineers))
    if (member_id && s["member_id"] == *member_id)
      return rules::violation(name + " 是监票人，不能同时是候选人", name + " is a scrutineer and cannot stand",
                              (rules)->nomination_citation, "args.member_id");
  bool by_organ = args.contains("organ") && !args["organ"].is_null();
  bool by_members = args.contains("member_ids") && !args["member_ids"].is_null();
  if (by_organ == by_members)
    return invalid("args.organ", "须且只须给出 organ（机关提名）或 member_ids（联名提名）之一",
                   "give exactly one of organ or member_ids (who nominates)");
  std::string nominated_by;
  if (by_organ) {
    PLENUM_ASSIGN_OR_RETURN(auto organ, req_string(args, "organ", "args"));
    const auto& organs = (rules)->nominating_organs;
    if (std::find(organs.begin(), organs.end(), organ) == organs.end())
      return rules::violation(organ + " 无权提名候选人", organ + " may not nominate candidates",
                              (rules)->nomination_citation, "args.organ");
    nominated_by = organ;
  } else {
    PLENUM_ASSIGN_OR_RETURN(auto ids, req_array(args, "member_ids", "args"));
    auto body = assembly::tables::body(ctx.reader(), e.body);
    int64_t needed = (rules)->members_needed(body ? body->level : "");
    if (needed == 0)
      return rules::violation("本级不接受成员联名提名", "members may not nominate jointly here",
                              (rules)->nomination_citation, "args.member_ids");
    if (static_cast<int64_t>((ids)->size()) < needed)
      return rules::violation("联名提名须有" + std::to_string(needed) + "名以上成员",
                              "a joint nomination needs at least " + std::to_string(needed) + " members",
                              (rules)->nomination_citation, "args.member_ids");
    std::set<int64_t> seen;
    for (const auto& v : *ids) {
      if (!v.is_number_integer())
        return invalid("args.member_ids", "member_ids 应为成员编号", "member_ids must be member ids");
      auto m = assembly::tables::member(ctx.reader(), v.get<int64_t>());
      if (!m || m->body != e.body) return not_found("成员 " + v.dump(), "member " + v.dump(), "args.member_ids");
      if (!seen.insert(m->id).second)
        return make_error(ErrorCode::kConflict, "联名者重复", "a nominator is listed twice", "args.member_ids");
    }
    nominated_by = "members:" + std::to_string(seen.size());
  }
  std::string cid = "c" + std::to_string(candidates.size() + 1);
  ctx.emit(e.body, "elections.nominated",
           Json{{"election_id", e.id},
                {"candidate",
                 {{"id", cid}, {"name", name}, {"member_id", member_id.value_or(0)}, {"nominated_by", nominated_by}}}});
  ctx.result() = Json{{"election_id", e.id}, {"candidate_id", cid}};
  return Status::ok();
}

Status appoint_scrutineer(ActionContext& ctx, const Json& args) {
  PLENUM_ASSIGN_OR_RETURN(auto e, election_arg(ctx, args));
  PLENUM_TRY(ctx.require_role(e.body, {"presiding"}));
  PLENUM_ASSIGN_OR_RETURN(auto rules, rules_of(ctx, e.body));
  if (e.state == ElectionState::kClosed) return wrong_state(e, "选举已结束", "the election is over");
  PLENUM_ASSIGN_OR_RETURN(auto id, req_int(args, "member_id", "args"));
  auto m = assembly::tables::member(ctx.reader(), id);
  if (!m || m->body != e.body)
    return not_found("成员 " + std::to_string(id), "member " + std::to_string(id), "args.member_id");
  bool chief = args.value("chief", false);
  for (const auto& c : Json::parse(e.candidates))
    if (c["member_id"] == id)
      return rules::violation(m->name + " 是候选人，不能担任监票人",
                              m->name + " is a candidate and cannot be a scrutineer", (rules)->nomination_citation,
                              "args.member_id");
  for (const auto& s : Json::parse(e.scrutineers))
    if (s["member_id"] == id)
      return make_error(ErrorCode::kConflict, m->name + " 已是监票人", m->name + " is already a scrutineer",
                        "args.member_id");
  ctx.emit(e.body, "elections.scrutineer_appointed", Json{{"election_id", e.id}, {"member_id", id}, {"chief", chief}});
  ctx.result() = Json{{"election_id", e.id}, {"member_id", id}, {"chief", chief}};
  return Status::ok();
}

Status open_round_action(ActionContext& ctx, const Json& args) {
  auto e = election_arg(ctx, args);
  if (!e) return e.error();
  PLENUM_TRY(ctx.require_role(e->body, {"presiding"}));
  PLENUM_ASSIGN_OR_RETURN(auto sitting, assembly::sitting_arg(ctx, args));
  if (sitting.session_id != e->session_id)
    return invalid("args.sitting_id", "该会议不属于本次会议", "the sitting is not part of the election's session");
  if (sitting.state != assembly::SittingState::kOpen)
    return make_error(ErrorCode::kConflict, "会议未在进行中", "the sitting is not open", "args.sitting_id");
  if (e->state != ElectionState::kNominating && e->state != ElectionState::kCounted)
    return wrong_state(*e, "不能开始新一轮投票", "a new round cannot begin now");
  PLENUM_ASSIGN_OR_RETURN(auto book, ctx.rulebook_of(e->body));
  PLENUM_TRY(attendance::require_quorum(ctx.reader(), *book, sitting, "本轮投票", "the round", "args.sitting_id"));
  bool has_chief = e->mode == "electronic";  // the count is the trustees' decryption, not a scrutineer's
  for (const auto& s : Json::parse(e->scrutineers)) has_chief = has_chief || s["chief"].get<bool>();
  if (!has_chief)
    return make_error(ErrorCode::kConflict, "尚未指定总监票人", "no chief scrutineer has been appointed",
                      "args.election_id");
  const int64_t motion_id = tables::ballot_motion(*e);
  if (motion_id && e->round > 0 && Json::parse(tables::election_rounds(ctx.reader(), e->id).back().result)["valid"])
    return wrong_state(*e, "表决已计票，结果已定", "the ballot is counted and the motion decided");
  if (motion_id) {
    auto motion = motions::tables::motion(ctx.reader(), motion_id);
    if (!motion || (!motions::open_to_vote(*motion) && motion->state != motions::MotionState::kVoting))
      return make_error(ErrorCode::kConflict, "议案当前不能交付表决", "the motion cannot be put to the vote now",
                        "args.election_id");
  }
  Json candidates = Json::parse(e->candidates);
  Json elected = Json::parse(e->elected);
  int64_t seats_left = e->seats - static_cast<int64_t>(elected.size());
  std::string kind = "first";
  int64_t seats = e->seats;
  Json ids = Json::array();
  if (e->round == 0) {
    for (const auto& c : candidates) ids.push_back(c["id"]);
    if (args.contains("candidate_ids"))
      return invalid("args.candidate_ids", "第一轮投票包括全部候选人", "the first round has every candidate");
    if (!e->margin.empty()) {  // 等额 or 差额, as the session's election method says
      PLENUM_ASSIGN_OR_RETURN(auto m, margin_arg(Json::parse(e->margin), e->seats));
      int64_t extra = static_cast<int64_t>(candidates.size()) - e->seats;
      if (extra < m.first || extra > m.second) {
        std::string want =
            m.first == m.second ? std::to_string(m.first) : std::to_string(m.first) + "—" + std::to_string(m.second);
        return rules::violation("应选" + std::to_string(e->seats) + "名，候选人应多出" + want + "名，现有候选人" +
                                    std::to_string(candidates.size()) + "名",
                                std::to_string(e->seats) + " seats need " + want +
                                    " more candidates than seats; there are " + std::to_string(candidates.size()) +
                                    " candidates",
                                {"本次会议的选举办法；地方各级人民代表大会和地方各级人民政府组织法（差额选举）",
                                 "the session's election method; Local Organic Law (competitive elections)"},
                                "args.election_id");
      }
    }
  } else {
    PLENUM_ASSIGN_OR_RETURN(auto list, req_array(args, "candidate_ids", "args"));
    std::set<std::string> seen;
    for (const auto& id : *list) {
      bool known = std::any_of(candidates.begin(), candidates.end(), [&](const Json& c) { return c["id"] == id; });
      if (!id.is_string() || !known)
        return not_found("候选人 " + id.dump(), "candidate " + id.dump(), "args.candidate_ids");
      if (std::find(elected.begin(), elected.end(),
                    std::find_if(candidates.begin(), candidates.end(), [&](const Json& c) {
                      return c["id"] == id;
                    })->at("name")) != elected.end())
        return make_error(ErrorCode::kConflict, "已当选者不再参加投票", "an elected candidate does not stand again",
                          "args.candidate_ids");
      if (!seen.insert(id.get<std::string>()).second)
        return make_error(ErrorCode::kConflict, "候选人重复", "a candidate is listed twice", "args.candidate_ids");
      ids.push_back(id);
    }
    auto rounds = tables::election_rounds(ctx.reader(), e->id);
    Json last = Json::parse(rounds.back().result);
    std::set<std::string> tied;
    for (const auto& c : last["candidates"])
      if (c["tied"].get<bool>()) tied.insert(c["id"].get<std::string>());
    if (!tied.empty() && tied == seen) {
      kind = "runoff";
      seats = last["runoff_seats"];
    } else if (!last["valid"].get<bool>()) {
      kind = rounds.back().kind;  // a void round is held again as it was
      seats = rounds.back().seats;
    } else {
      kind = "reelection";
      seats = seats_left;
    }
  }
  if (seats < 1) return make_error(ErrorCode::kConflict, "名额已满", "every seat is filled", "args.election_id");
  if (static_cast<int64_t>(ids.size()) < seats)
    return make_error(ErrorCode::kConflict, "候选人少于应选名额", "fewer candidates than seats", "args.candidate_ids");
  // Freeze who may vote: the members sitting on the day.
  assembly::MemberFilter f;
  f.body = e->body;
  f.sitting_on = assembly::sitting_date(sitting);
  std::string list;
  int64_t members = 0;
  for (const auto& m : assembly::tables::members(ctx.reader(), f)) {
    list += std::to_string(m.id) + "\n";
    ++members;
  }
  Json opened{
      {"election_id", e->id}, {"number", e->round + 1}, {"sitting_id", sitting.id}, {"kind", kind},
      {"seats", seats},       {"candidate_ids", ids},   {"members", members},       {"members_hash", sha256_hex(list)}};
  if (e->mode == "electronic") {
    PLENUM_ASSIGN_OR_RETURN(
        auto manifest, electronic::round_manifest(ctx, *e, e->round + 1, kind, seats, ids, members, sha256_hex(list)));
    opened["manifest"] = manifest;
  }
  if (motion_id) opened["motion_id"] = motion_id;  // motions projects it: the motion is being voted
  ctx.emit(e->body, "elections.round_opened", opened);
  ctx.result() =
      Json{{"election_id", e->id}, {"round", e->round + 1}, {"kind", kind}, {"seats", seats}, {"members", members}};
  return Status::ok();
}

Status record_box(ActionContext& ctx, const Json& args) {
  PLENUM_ASSIGN_OR_RETURN(auto e, election_arg(ctx, args));
  PLENUM_TRY(require_scrutineer(ctx, e, false));
  auto r = open_round(ctx.reader(), e);
  if (!r) return wrong_state(e, "没有进行中的投票", "no round is open");
  PLENUM_ASSIGN_OR_RETURN(auto box, text_arg(args, "box", 40));
  PLENUM_ASSIGN_OR_RETURN(auto issued, req_int(args, "issued", "args"));
  PLENUM_ASSIGN_OR_RETURN(auto returned, req_int(args, "returned", "args"));
  if (issued < 0 || returned < 0) return invalid("args.issued", "票数不能为负", "counts must not be negative");
  Json boxes = Json::parse(r->boxes);
  boxes[box] = Json{{"issued", issued}, {"returned", returned}};
  int64_t total_issued = 0;
  for (const auto& [k, v] : boxes.items()) total_issued += v["issued"].get<int64_t>();
  if (total_issued > r->members)
    return invalid(
        "args.issued",
        "发出的选票（共" + std::to_string(total_issued) + "张）多于有选举权的人数" + std::to_string(r->members),
        "ballots issued (" + std::to_string(total_issued) + ") exceed the " + std::to_string(r->members) +
            " members entitled to vote");
  ctx.emit(
      e.body, "elections.box_recorded",
      Json{{"election_id", e.id}, {"number", r->number}, {"box", box}, {"issued", issued}, {"returned", returned}});
  ctx.result() = Json{{"election_id", e.id}, {"box", box}, {"issued", total_issued}};
  return Status::ok();
}

Status enter_count(ActionContext& ctx, const Json& args) {
  PLENUM_ASSIGN_OR_RETURN(auto e, election_arg(ctx, args));
  PLENUM_TRY(require_scrutineer(ctx, e, false));
  auto r = open_round(ctx.reader(), e);
  if (!r) return wrong_state(e, "没有进行中的投票", "no round is open");
  if (args.contains("totals") == args.contains("ballots"))
    return invalid("args.totals", "须且只须给出 totals（合计）或 ballots（逐张）之一",
                   "give exactly one of totals or ballots");
  Json entry = args.contains("totals") ? Json{{"totals", args["totals"]}} : Json{{"ballots", args["ballots"]}};
  PLENUM_ASSIGN_OR_RETURN(auto round, round_rules(ctx, e, *r));
  auto counted = count_entry(round, entry);  // checked now, so a wrong entry is refused at once
  if (!counted) return counted.error();
  ctx.emit(e.body, "elections.count_entered", Json{{"election_id", e.id}, {"number", r->number}, {"entry", entry}});
  ctx.result() =
      Json{{"election_id", e.id}, {"valid_ballots", counted->valid_ballots}, {"void_ballots", counted->void_ballots}};
  return Status::ok();
}

// A counted ballot on a motion, as the hall hears it: the ballots, the votes on the motion, and
// 通过 or 未通过 with why (the count against the kind's threshold and its article).
void decide_motion(const rules::Rulebook& book, const Round& round, const RoundResult& counted, Json& result) {
  const CandidateResult& c = counted.candidates.front();
  const rules::Threshold& t = round.threshold;
  const bool adopted = !counted.elected.empty();
  auto n = [](int64_t v) { return std::to_string(v); };
  int64_t minimum = t.minimum(round.members);
  result["adopted"] = adopted;
  result["result_zh"] = adopted ? "通过" : "未通过";
  result["announcement_zh"] = "发出表决票" + n(round.issued) + "张，收回表决票" + n(round.returned) + "张，有效票" +
                              n(counted.valid_ballots) + "张，无效票" + n(counted.void_ballots) + "张。赞成" +
                              n(c.for_votes) + "票，反对" + n(c.against_votes) + "票，弃权" + n(c.abstentions) +
                              "票。" + (adopted ? "通过。" : "未通过。");
  result["announcement_en"] = n(round.issued) + " ballots issued, " + n(round.returned) + " returned, " +
                              n(counted.valid_ballots) + " valid, " + n(counted.void_ballots) + " void. " +
                              n(c.for_votes) + " for, " + n(c.against_votes) + " against, " + n(c.abstentions) +
                              " abstaining. " + (adopted ? "Adopted." : "Not adopted.");
  if (!adopted) {
    result["reason_zh"] = "赞成" + n(c.for_votes) + "票，不足" + n(minimum) + "票：赞成票须达" +
                          t.describe_zh(book.member_noun_zh) + "（" + t.citation.zh + "）";
    result["reason_en"] = n(c.for_votes) + " for, fewer than " + n(minimum) + ": it needs " +
                          t.describe_en(book.member_noun_en) + " voting for (" + t.citation.en + ")";
  }
}

Status sign_off(ActionContext& ctx, const Json& args) {
  PLENUM_ASSIGN_OR_RETURN(auto e, election_arg(ctx, args));
  PLENUM_TRY(require_scrutineer(ctx, e, true));
  auto r = open_round(ctx.reader(), e);
  if (!r) return wrong_state(e, "没有进行中的投票", "no round is open");
  if (r->boxes == "{}")
    return make_error(ErrorCode::kConflict, "尚未登记票箱", "no ballot box has been recorded", "args.election_id");
  if (r->entry.empty())
    return make_error(ErrorCode::kConflict, "尚未录入计票结果", "no count has been entered", "args.election_id");
  PLENUM_ASSIGN_OR_RETURN(auto round, round_rules(ctx, e, *r));
  PLENUM_ASSIGN_OR_RETURN(auto counted, count_entry(round, Json::parse(r->entry)));
  Json result = result_json(counted);
  const int64_t motion_id = counted.valid ? tables::ballot_motion(e) : 0;
  if (motion_id) {
    PLENUM_ASSIGN_OR_RETURN(auto book, ctx.rulebook_of(e.body));
    decide_motion(*book, round, counted, result);
  }
  Json payload{{"election_id", e.id}, {"number", r->number}, {"result", result}};
  if (motion_id) {  // motions projects it: adopted or not, by secret ballot
    payload["motion_id"] = motion_id;
    payload["adopted"] = result["adopted"];
  }
  ctx.emit(e.body, "elections.round_counted", payload);
  ctx.result() = result;
  return Status::ok();
}

// ---- projections

void register_projectors(ledger::Registry::Room reg) {
  // A round's ballots are on the board only as they arrive, and its count is not yet final:
  // every round is counted before an upgrade.
  reg.add_upgrade_check([](store::Reader& reader) -> Status {
    auto rounds = tables::unfinished_rounds(reader);
    if (rounds.empty()) return Status::ok();
    std::string election = std::to_string(rounds.front().election_id), round = std::to_string(rounds.front().number);
    return make_error(ErrorCode::kConflict, "选举 " + election + " 第" + round + "轮尚未计票完毕：请先完成该轮再升级",
                      "round " + round + " of election " + election +
                          " is still being voted or counted: finish it before the upgrade",
                      "election_id");
  });
  auto current = [](store::TableWriter& tx, const Event& ev) {
    for (auto& r : tables::election_rounds(tx, ev.payload["election_id"]))
      if (r.number == ev.payload["number"].get<int64_t>()) return r;
    throw store::StoreFailure(ev.type + ": unknown round");
  };
  reg.add_projector("elections.created", [](store::TableWriter& tx, const Event& ev) {
    const Json& j = ev.payload;
    tables::put_election(tx, {j["election_id"], ev.body, j["session_id"], j["title_zh"], j["title_en"], j["seats"],
                              j["ballot_kind"], j.value("mode", "paper"), ElectionState::kNominating, 0,
                              j.contains("item") ? canonical(Json::array({j["item"]})) : "[]", "[]", "[]", "",
                              j.contains("margin") ? canonical(j["margin"]) : ""});
  });
  reg.add_projector("elections.nominated", [](store::TableWriter& tx, const Event& ev) {
    auto e = projected_election(tx, ev);
    Json c = Json::parse(e.candidates);
    c.push_back(ev.payload["candidate"]);
    e.candidates = canonical(c);
    tables::put_election(tx, e);
  });
  reg.add_projector("elections.scrutineer_appointed", [](store::TableWriter& tx, const Event& ev) {
    auto e = projected_election(tx, ev);
    Json s = Json::parse(e.scrutineers);
    s.push_back(Json{{"member_id", ev.payload["member_id"]}, {"chief", ev.payload["chief"]}});
    e.scrutineers = canonical(s);
    tables::put_election(tx, e);
  });
  reg.add_projector("elections.round_opened", [](store::TableWriter& tx, const Event& ev) {
    auto e = projected_election(tx, ev);
    const Json& j = ev.payload;
    e.round = j["number"];
    e.state = ElectionState::kVoting;
    tables::put_election(tx, e);
    std::string manifest = j.value("manifest", "");
    tables::put_election_round(
        tx, {e.id, j["number"], j["sitting_id"], j["kind"], j["seats"], canonical(j["candidate_ids"]), j["members"],
             j["members_hash"], "{}", "", RoundState::kOpen, "", "[]", manifest});
    if (!manifest.empty()) electronic::append_board(tx, e.id, j["number"], "manifest", manifest);
  });
  reg.add_projector("elections.box_recorded", [current](store::TableWriter& tx, const Event& ev) {
    auto r = current(tx, ev);
    Json boxes = Json::parse(r.boxes);
    boxes[ev.payload["box"].get<std::string>()] =
        Json{{"issued", ev.payload["issued"]}, {"returned", ev.payload["returned"]}};
    r.boxes = canonical(boxes);
    tables::put_election_round(tx, r);
  });
  reg.add_projector("elections.count_entered", [current](store::TableWriter& tx, const Event& ev) {
    auto r = current(tx, ev);
    r.entry = canonical(ev.payload["entry"]);
    Json signed_by = Json::parse(r.signed_by);
    signed_by.push_back(ev.actor);
    r.signed_by = canonical(signed_by);
    tables::put_election_round(tx, r);
  });
  reg.add_projector("elections.round_counted", [current](store::TableWriter& tx, const Event& ev) {
    auto r = current(tx, ev);
    r.state = RoundState::kCounted;
    r.result = canonical(ev.payload["result"]);
    Json signed_by = Json::parse(r.signed_by);
    signed_by.push_back(ev.actor);
    r.signed_by = canonical(signed_by);
    tables::put_election_round(tx, r);
    if (ev.payload.contains("board"))  // electronic mode: the decrypted result on the board
      electronic::append_board(tx, r.election_id, r.number, "result", ev.payload["board"]);
    auto e = projected_election(tx, ev);
    Json elected = Json::parse(e.elected);
    for (const auto& name : ev.payload["result"]["elected"]) elected.push_back(name);
    e.elected = canonical(elected);
    // A ballot on a motion decides it either way once validly counted.
    bool decided = static_cast<int64_t>(elected.size()) >= e.seats || ev.payload.contains("motion_id");
    e.state = decided ? ElectionState::kClosed : ElectionState::kCounted;
    tables::put_election(tx, e);
  });
}

Json election_json(store::Reader& reader, const ElectionRecord& e) {
  Json rounds = Json::array();
  for (const auto& r : tables::election_rounds(reader, e.id))
    rounds.push_back(Json{{"number", r.number},
                          {"sitting_id", r.sitting_id},
                          {"kind", r.kind},
                          {"seats", r.seats},
                          {"candidate_ids", Json::parse(r.candidate_ids)},
                          {"members", r.members},
                          {"members_hash", r.members_hash},
                          {"boxes", Json::parse(r.boxes)},
                          {"state", r.state},
                          {"result", r.result.empty() ? Json() : Json::parse(r.result)},
                          {"signed_by", Json::parse(r.signed_by)},
                          // electronic: the manifest's SHA-256, to read out in the hall and compare on devices
                          {"fingerprint", r.manifest.empty() ? Json() : Json(sha256_hex(r.manifest))}});
  if (e.mode == "electronic" && !rounds.empty())  // members who have cast, for the live count
    rounds.back()["voted"] = tables::count_election_voters(reader, e.id, e.round);
  return Json{{"id", e.id},
              {"body", e.body},
              {"session_id", e.session_id},
              {"title_zh", e.title_zh},
              {"title_en", e.title_en},
              {"seats", e.seats},
              {"ballot_kind", e.ballot_kind},
              {"mode", e.mode},
              {"margin", e.margin.empty() ? Json() : Json::parse(e.margin)},
              {"state", e.state},
              {"candidates", Json::parse(e.candidates)},
              {"scrutineers", Json::parse(e.scrutineers)},
              {"elected", Json::parse(e.elected)},
              {"rounds", rounds},
              {"electronic", e.electronic.empty() ? Json() : electronic::summary(e.electronic)}};
}

}  // namespace

// One bound of a margin (margin_bound): a number of extra candidates, or a fraction of the seats.
const ledger::Arg kMarginBound = ledger::Arg::json("", "any",
                                                   Json{{"oneOf",
                                                         {{{"type", "integer"}, {"minimum", 0}, {"maximum", 1000}},
                                                          {{"type", "string"},
                                                           {"pattern", "^[0-9]+/[0-9]+$"},
                                                           {"description", "a fraction of the seats, e.g. 1/5"}}}}});

void register_feature(ledger::Registry& reg) {
  register_routes(reg);
  reg.add_action(
      "elections.create",
      ledger::ArgSchema{
          ledger::Arg::id("session_id", 1).required(), ledger::Arg::text("title_zh", 200).required(),
          ledger::Arg::text("title_en", 300), ledger::Arg::integer("seats", 1, 1000).required(),
          ledger::Arg::choice("ballot_kind", {"election", "confirmation"})
              .required()
              .describe(
                  "election 选举票 (vote for candidates), confirmation 表决票 (for, against or abstain on each)."),
          ledger::Arg::choice("mode", {"paper", "electronic"})
              .describe("paper (default) or electronic: verifiable end to end (docs/ELECTION-PROTOCOL.md)"),
          ledger::Arg::object("margin",
                              ledger::ArgSchema{kMarginBound.as("min").required(), kMarginBound.as("max").required()})
              .describe("A competitive election (差额选举): how many candidates beyond the seats the round must have, "
                        "{min, max}; default {0, 0} (等额). 422 when the rulebook's election rules forbid it."),
          ledger::Arg::id("motion_id", 1)
              .describe("A secret paper ballot on a motion of the session (表决票 on a kind in the rulebook's "
                        "voting.secret_ballot_kinds, e.g. a constitutional amendment): its one item is the motion "
                        "(no nominations), ballot_kind confirmation, seats 1, mode paper; counted against the kind's "
                        "pass threshold, the count adopts the motion or not (422 for a kind voted by the devices; 409 "
                        "a motion not open to the vote or already on a ballot).")},
      create);
  reg.add_action(
      "elections.nominate",
      ledger::ArgSchema{ledger::Arg::id("election_id", 1).required(), ledger::Arg::string("name", 50, 1).required(),
                        ledger::Arg::id("member_id", 1), ledger::Arg::string("organ", 64, 1),
                        ledger::Arg::array("member_ids", ledger::Arg::id("", 1), 0, 100000)},
      nominate);
  reg.add_action("elections.appoint_scrutineer",
                 ledger::ArgSchema{ledger::Arg::id("election_id", 1).required(),
                                   ledger::Arg::id("member_id", 1).required(), ledger::Arg::boolean("chief")},
                 appoint_scrutineer);
  reg.add_action(
      "elections.open_round",
      ledger::ArgSchema{ledger::Arg::id("election_id", 1).required(), ledger::Arg::id("sitting_id", 1).required(),
                        ledger::Arg::array("candidate_ids", ledger::Arg::string("", 64, 1), 0, 10000)},
      open_round_action);
  reg.add_action(
      "elections.record_box",
      ledger::ArgSchema{ledger::Arg::id("election_id", 1).required(), ledger::Arg::string("box", 40, 1).required(),
                        ledger::Arg::id("issued").required(), ledger::Arg::id("returned").required()},
      record_box);
  reg.add_action(
      "elections.enter_count",
      ledger::ArgSchema{
          ledger::Arg::id("election_id", 1).required(),
          ledger::Arg::object(
              "totals",
              ledger::ArgSchema{
                  ledger::Arg::id("valid_ballots").required(), ledger::Arg::id("void_ballots").required(),
                  ledger::Arg::json(
                      "for", "object",
                      Json::parse(R"({"type": "object", "additionalProperties": {"type": "integer", "minimum": 0}})")),
                  ledger::Arg::json(
                      "against", "object",
                      Json::parse(R"({"type": "object", "additionalProperties": {"type": "integer", "minimum": 0}})")),
                  ledger::Arg::json(
                      "write_ins", "object",
                      Json::parse(
                          R"({"type": "object", "additionalProperties": {"type": "integer", "minimum": 0}})"))}),
          ledger::Arg::array(
              "ballots",
              ledger::Arg::object(
                  "",
                  ledger::ArgSchema{
                      ledger::Arg::json(
                          "marks", "object",
                          Json::parse(
                              R"({"type": "object", "additionalProperties": {"enum": ["for", "against", "abstain"]}})")),
                      ledger::Arg::array("write_ins", ledger::Arg::string("", 200, 1), 0, 1000)}),
              0, 1000000)},
      enter_count);
  reg.add_action("elections.sign_off", ledger::ArgSchema{ledger::Arg::id("election_id", 1).required()}, sign_off);
  auto room = reg.add_room(tables::slice());
  register_projectors(room);
  electronic::register_feature(reg, room);
}

Result<Json> get_election(store::Reader& reader, int64_t election_id) {
  auto e = tables::election(reader, election_id);
  if (!e)
    return not_found("选举 " + std::to_string(election_id), "election " + std::to_string(election_id), "election_id");
  return election_json(reader, *e);
}

bool is_ballot_event(const std::string& type) { return electronic::is_ballot_event(type); }

Result<Json> get_board(store::Reader& reader, int64_t election_id, const std::string& kind,
                       const std::string& receipt) {
  return electronic::board(reader, election_id, kind, receipt);
}

Result<Json> member_ballot(store::Reader& reader, int64_t election_id, int64_t member_id) {
  return electronic::member_ballot(reader, election_id, member_id);
}

Result<Json> list_elections(store::Reader& reader, int64_t session_id) {
  if (!assembly::tables::session(reader, session_id))
    return not_found("会议 " + std::to_string(session_id), "session " + std::to_string(session_id), "session_id");
  Json out = Json::array();
  for (const auto& e : tables::elections(reader, session_id)) out.push_back(election_json(reader, e));
  return Json{{"elections", out}};
}

}  // namespace plenum::elections
