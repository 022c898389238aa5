#include "voting/voting.h"

#include <algorithm>
#include <map>
#include <set>

#include "assembly/assembly.h"
#include "assembly/tables.h"
#include "attendance/attendance.h"
#include "attendance/tables.h"
#include "base/args.h"
#include "base/text.h"
#include "motions/motions.h"
#include "motions/tables.h"
#include "voting/tables.h"

namespace plenum::voting {
namespace {

using ledger::ActionContext;
using ledger::Event;

constexpr const char* kVoteCast = "voting.vote_cast";  // named polls only: member and choice

bool valid_choice(const std::string& c) { return c == "for" || c == "against" || c == "abstain"; }

Result<PollRecord> poll_arg(ActionContext& ctx, const Json& args) {
  PLENUM_ASSIGN_OR_RETURN(auto id, req_int(args, "poll_id", "args"));
  auto p = tables::poll(ctx.reader(), id);
  if (!p) return not_found("表决 " + std::to_string(id), "poll " + std::to_string(id), "args.poll_id");
  return *p;
}

Error not_open(const PollRecord& p) {
  return make_error(ErrorCode::kConflict, "表决 " + std::to_string(p.id) + " 未在进行中",
                    "poll " + std::to_string(p.id) + " is not open", "args.poll_id");
}

// A ballot key: what a member's device keeps to change its own anonymous ballot later.
bool valid_ballot_key(const std::string& k) {
  return k.size() >= 16 && k.size() <= 128 && std::all_of(k.begin(), k.end(), [](char c) {
           return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
         });
}

void notify_progress(ActionContext& ctx, const PollRecord& poll) {
  int64_t id = poll.id;
  ctx.notify(poll.body, "poll:" + std::to_string(id), [id](store::Reader& reader) {
    return Json{{"kind", "voting.progress"}, {"poll_id", id}, {"voted", tables::count_voters(reader, id)}};
  });
}

// Weights are public (voting.weight_set), and the result counts weighted votes: a weight that
// one expected member alone holds can give that member's choice away in an anonymous poll. The
// presiding officer is told who before the poll opens and opens it only by saying so.
Status check_identifying_weights(ActionContext& ctx, const assembly::SittingRecord& sitting, const Json& args) {
  auto weights = tables::member_weights(ctx.reader(), sitting.body);
  if (weights.empty()) return Status::ok();
  std::map<int64_t, std::vector<assembly::MemberRecord>> holders;
  for (const auto& m : assembly::tables::members(ctx.reader(), assembly::expected_members(sitting))) {
    auto it = weights.find(m.id);
    holders[it == weights.end() ? 1 : it->second].push_back(m);
  }
  if (holders.size() < 2) return Status::ok();  // everyone weighs the same
  std::vector<std::pair<assembly::MemberRecord, int64_t>> alone;
  for (const auto& [weight, members] : holders)
    if (members.size() == 1) alone.emplace_back(members.front(), weight);
  if (alone.empty()) return Status::ok();
  auto accepted = args.find("identifying_weights_accepted");
  if (accepted != args.end() && accepted->is_boolean() && accepted->get<bool>()) return Status::ok();
  Error e = make_error(
      ErrorCode::kConflict,
      std::to_string(alone.size()) + "名成员的表决权重无人相同，无记名表决的结果可能透露其选择；确认后再开启表决",
      std::to_string(alone.size()) + (alone.size() == 1 ? " member holds a weight" : " members hold weights") +
          " no one else holds: the anonymous result may give their choice away; open again with "
          "identifying_weights_accepted to proceed",
      "args.identifying_weights_accepted");
  for (const auto& [m, weight] : alone)
    add_detail(e, {0, "member_id:" + std::to_string(m.id), m.name + "：权重" + std::to_string(weight),
                   m.name + ": weight " + std::to_string(weight)});
  return e;
}

Status open(ActionContext& ctx, const Json& args) {
  PLENUM_ASSIGN_OR_RETURN(auto motion, motions::motion_arg(ctx, args));
  PLENUM_TRY(ctx.require_role(motion.body, {"presiding"}));
  PLENUM_ASSIGN_OR_RETURN(auto sitting, assembly::sitting_arg(ctx, args));
  if (sitting.session_id != motion.session_id)
    return invalid("args.sitting_id", "该会议不属于议案所在的会议", "the sitting is not part of the motion's session");
  if (sitting.state != assembly::SittingState::kOpen)
    return make_error(ErrorCode::kConflict, "会议未在进行中，不能表决", "the sitting is not open", "args.sitting_id");
  if (motion.kind == "inquiry")
    return invalid("args.motion_id", "质询案由受质询机关答复，不付表决", "an inquiry is answered, not voted on");
  if (!motions::open_to_vote(motion))
    return make_error(ErrorCode::kConflict, "议案当前状态为 " + name_of(motion.state) + "，不能交付表决",
                      "the motion is " + name_of(motion.state) + " and cannot be put to the vote", "args.motion_id");
  for (const auto& c : motions::tables::clauses(ctx.reader(), motion.id))
    if (c.state != motions::MotionState::kAdopted && c.state != motions::MotionState::kNotAdopted &&
        c.state != motions::MotionState::kWithdrawn)
      return make_error(ErrorCode::kConflict, "须先对单独表决的条款（" + c.clause + "）表决",
                        "the clause put separately (" + c.clause + ") is voted first", "args.motion_id");
  if (motion.kind == "draft_law" && motion.parent_id == 0) {
    auto versions = motions::tables::motion_versions(ctx.reader(), motion.id);
    if (versions.empty() || versions.back().stage != "voting")
      return make_error(ErrorCode::kConflict, "法律草案须先由主席团提出表决稿",
                        "a draft law is voted on its voting draft, which the presidium has not submitted yet",
                        "args.motion_id");
  }
  for (const auto& p : tables::polls_of_sitting(ctx.reader(), sitting.id))
    if (p.state == PollState::kOpen)
      return make_error(ErrorCode::kConflict, "本次会议的表决 " + std::to_string(p.id) + " 尚未结束",
                        "poll " + std::to_string(p.id) + " of this sitting is still open", "args.sitting_id");
  PLENUM_ASSIGN_OR_RETURN(auto book, ctx.rulebook_of(motion.body));
  const auto& secret = book->voting.secret_ballot_kinds;
  if (std::find(secret.begin(), secret.end(), motion.kind) != secret.end())
    return rules::violation(
        "“" + motion.title_zh + "”以无记名投票方式表决：发出和收回表决票，由监票人计票，不使用表决器或举手",
        "\"" + (motion.title_en.empty() ? motion.title_zh : motion.title_en) +
            "\" is decided by secret paper ballot (ballots issued and returned, counted by the scrutineers), "
            "never by the voting devices or a show of hands",
        book->voting.citation, "args.motion_id");
  PLENUM_TRY(attendance::require_quorum(ctx.reader(), *book, sitting, "表决", "the vote", "args.sitting_id"));
  const auto& modes = (book)->voting.modes;
  PLENUM_ASSIGN_OR_RETURN(auto mode, opt_string(args, "mode", "args"));
  std::string chosen = mode.value_or(modes.empty() ? "anonymous" : modes.front());
  if (chosen != "anonymous" && chosen != "named")
    return invalid("args.mode", "mode 应为 anonymous 或 named", "mode must be anonymous or named");
  if (std::find(modes.begin(), modes.end(), chosen) == modes.end())
    return rules::violation((book)->name_zh + "不采用" + (chosen == "named" ? "记名" : "无记名") + "表决",
                            "the " + (book)->name_en + " does not vote " + chosen, (book)->voting.citation,
                            "args.mode");
  if (args.contains("identifying_weights_accepted") && !args["identifying_weights_accepted"].is_boolean())
    return invalid("args.identifying_weights_accepted", "identifying_weights_accepted 应为布尔值",
                   "identifying_weights_accepted must be a boolean");
  if (chosen == "anonymous") PLENUM_TRY(check_identifying_weights(ctx, sitting, args));
  int64_t id = store::next_id(ctx.reader().sql(), "polls");
  ctx.emit(motion.body, "voting.poll_opened",
           Json{{"poll_id", id},
                {"motion_id", motion.id},
                {"sitting_id", sitting.id},
                {"mode", chosen},
                {"kind", motion.kind},
                {"title_zh", motion.title_zh},
                {"title_en", motion.title_en}});
  ctx.result()["poll_id"] = id;
  return Status::ok();
}

int64_t weight_of(const std::map<int64_t, int64_t>& weights, int64_t member_id) {
  auto it = weights.find(member_id);
  return it == weights.end() ? 1 : it->second;
}

// Whose ballot a cast fills and with what weight: the member's own, or — where the rulebook
// allows proxies (generic bodies) — that of an absent member whose proxy the member holds.
Result<std::pair<int64_t, int64_t>> voter_for(ActionContext& ctx, const rules::Rulebook& book,
                                              const assembly::SittingRecord& sitting, int64_t member_id,
                                              const Json& args) {
  PLENUM_ASSIGN_OR_RETURN(auto behalf, opt_int(args, "on_behalf_of", "args"));
  if (!book.voting.weights_and_proxies) {
    if (behalf)
      return rules::violation(book.name_zh + "不允许委托投票", "the " + book.name_en + " does not vote by proxy",
                              book.voting.citation, "args.on_behalf_of");
    return std::make_pair(member_id, int64_t{1});
  }
  int64_t voter = member_id;
  if (behalf) {
    bool held = false;
    for (const auto& [grantor, holder] : tables::proxies(ctx.reader(), sitting.id))
      if (grantor == *behalf && holder == member_id) held = true;
    if (!held)
      return make_error(ErrorCode::kForbidden, "未持有该成员本次会议的委托书",
                        "you hold no proxy of that member for this sitting", "args.on_behalf_of");
    if (attendance::tables::check_in(ctx.reader(), sitting.id, *behalf))
      return make_error(ErrorCode::kConflict, "委托人已出席，应亲自表决",
                        "the member who gave the proxy is present and votes themselves", "args.on_behalf_of");
    voter = *behalf;
  }
  return std::make_pair(voter, weight_of(tables::member_weights(ctx.reader(), sitting.body), voter));
}

// Those present (with the absent members a present proxy holder represents), those of them who
// voted, and all members sitting on the day: in weights where the rulebook allows weights.
struct Presence {
  int64_t present = 0, voted_present = 0, all_members = 0;
};
Presence presence(store::Reader& tx, const rules::Rulebook& book, const PollRecord& poll,
                  const assembly::SittingRecord& sitting) {
  Presence p;
  if (!book.voting.weights_and_proxies) {
    p.present = attendance::tables::count_check_ins(tx, sitting.id);
    p.voted_present = tables::count_voters_present(tx, poll.id, sitting.id);
    p.all_members = assembly::tables::count_members(tx, assembly::expected_members(sitting));
    return p;
  }
  auto weights = tables::member_weights(tx, poll.body);
  std::set<int64_t> counted;
  for (const auto& c : attendance::tables::check_ins(tx, sitting.id)) counted.insert(c.member_id);
  std::set<int64_t> in_person = counted;
  for (const auto& [grantor, holder] : tables::proxies(tx, sitting.id))
    if (in_person.count(holder)) counted.insert(grantor);
  for (int64_t m : counted) p.present += weight_of(weights, m);
  for (int64_t m : tables::voters(tx, poll.id))
    if (counted.count(m)) p.voted_present += weight_of(weights, m);
  for (const auto& m : assembly::tables::members(tx, assembly::expected_members(sitting)))
    p.all_members += weight_of(weights, m.id);
  return p;
}

Status cast(ActionContext& ctx, const Json& args) {
  PLENUM_ASSIGN_OR_RETURN(auto poll, poll_arg(ctx, args));
  PLENUM_ASSIGN_OR_RETURN(auto choice, req_string(args, "choice", "args"));
  if (!valid_choice(choice))
    return invalid("args.choice", "choice 应为 for（赞成）、against（反对）或 abstain（弃权）",
                   "choice must be for, against or abstain");
  if (poll.state != PollState::kOpen) return not_open(poll);

  // Whose vote: the member behind the account, never someone else's.
  int64_t member_id = 0;
  auto named = opt_int(args, "member_id", "args");
  if (!named) return named.error();
  if (ctx.actor() == ledger::kSystemActor) {
    if (!*named) return invalid("args.member_id", "系统代为表决时须给出 member_id", "the system actor names member_id");
    member_id = **named;
  } else {
    member_id = ctx.actor_member_id();
    if (member_id == 0 || !ctx.has_role(poll.body, {"member"}))
      return make_error(ErrorCode::kForbidden, "只有本机构的成员可以表决", "only a member of the body may vote",
                        "actor");
    if (*named && **named != member_id)
      return make_error(ErrorCode::kForbidden, "不能替他人表决", "a member votes only for themselves",
                        "args.member_id");
  }
  auto member = assembly::tables::member(ctx.reader(), member_id);
  auto sitting = assembly::tables::sitting(ctx.reader(), poll.sitting_id);
  if (!member || member->body != poll.body)
    return not_found("成员 " + std::to_string(member_id), "member " + std::to_string(member_id), "args.member_id");
  if (!assembly::matches(assembly::expected_members(*sitting), *member))
    return make_error(ErrorCode::kRuleViolation, member->name + " 不是本次会议的应出席人员",
                      member->name + " is not expected at this sitting", "args.member_id");
  PLENUM_ASSIGN_OR_RETURN(auto book, ctx.rulebook_of(poll.body));
  if ((book)->voting.requires_presence && !attendance::tables::check_in(ctx.reader(), sitting->id, member_id))
    return rules::violation(member->name + " 未签到出席，不能表决",
                            member->name + " has not checked in and cannot vote", (book)->voting.citation,
                            "args.member_id");
  PLENUM_ASSIGN_OR_RETURN(auto proxy, voter_for(ctx, *book, *sitting, member_id, args));
  const int64_t voter_id = proxy.first, weight = proxy.second;

  bool voted = tables::has_voted(ctx.reader(), poll.id, voter_id);
  if (poll.mode == "named") {
    std::string ballot = "member:" + std::to_string(voter_id);
    auto current = tables::ballot_choice(ctx.reader(), poll.id, ballot);
    ctx.result()["poll_id"] = poll.id;
    ctx.result()["choice"] = choice;
    if (current && *current == choice) {
      ctx.result()["unchanged"] = true;
      return Status::ok();
    }
    Json payload{{"poll_id", poll.id}, {"member_id", voter_id}, {"choice", choice}};
    if (voter_id != member_id) payload["proxy_holder_id"] = member_id;
    if (weight != 1) payload["weight"] = weight;
    ctx.emit(poll.body, kVoteCast, std::move(payload));
    ctx.result()["changed"] = voted;
    notify_progress(ctx, poll);
    return Status::ok();
  }

  // Anonymous: the ballot is found by its key alone; nothing stored links it to the member.
  ctx.forget_request();
  PLENUM_ASSIGN_OR_RETURN(auto key_arg, opt_string(args, "ballot_key", "args"));
  if (key_arg && !valid_ballot_key(*key_arg))
    return invalid("args.ballot_key", "ballot_key 应为16到128个字母、数字、-、_",
                   "ballot_key must be 16-128 characters of A-Z, a-z, 0-9, - and _");
  std::string key = key_arg.value_or("");
  bool generated = false;
  if (key.empty()) {
    if (voted)
      return make_error(ErrorCode::kConflict, "已经表决；改变选择须提供首次表决的 ballot_key",
                        "already voted; to change the choice send the ballot_key of the first vote", "args.ballot_key");
    key = random_token();
    generated = true;
  }
  // The member's own ballot under this key: another member's key finds nothing of theirs.
  std::string ballot = ballot_id(poll.id, voter_id, key);
  auto current = tables::ballot_choice(ctx.reader(), poll.id, ballot);
  if (!voted && current)
    return make_error(ErrorCode::kConflict, "该 ballot_key 已被使用", "this ballot_key is already in use",
                      "args.ballot_key");
  if (voted && !current)
    return make_error(ErrorCode::kConflict, "已经表决；改变选择须提供首次表决的 ballot_key",
                      "already voted; to change the choice send the ballot_key of the first vote", "args.ballot_key");
  ctx.result()["poll_id"] = poll.id;
  ctx.result()["choice"] = choice;
  if (generated) ctx.result()["ballot_key"] = key;
  if (current && *current == choice) {
    ctx.result()["unchanged"] = true;  // a retried request: counted once
    return Status::ok();
  }
  // No event: an event's position and time would tie the ballot to the moment this member
  // voted. The ballot box is written here, in the same durable transaction, and sealed into
  // the chain whole, sorted by ballot, when the poll closes.
  auto box = ctx.unrecorded_writes(tables::slice());
  if (!voted) tables::put_voter(box.tables(), poll.id, voter_id);
  tables::put_ballot(box.tables(), poll.id, ballot, 0, choice, weight);
  ctx.result()["changed"] = voted;
  notify_progress(ctx, poll);
  return Status::ok();
}

// An anonymous poll's ballots as the sealed box lists them: [ballot, choice], with the weight
// when it is not 1, by choice and then ballot.
Json box_json(store::Reader& reader, int64_t poll_id) {
  Json ballots = Json::array();
  for (const auto& b : tables::anonymous_ballots(reader, poll_id))
    ballots.push_back(b.weight == 1 ? Json::array({b.ballot, b.choice}) : Json::array({b.ballot, b.choice, b.weight}));
  return ballots;
}

std::string count_line_zh(const Outcome& o) {
  return "赞成" + std::to_string(o.yes) + "票，反对" + std::to_string(o.no) + "票，弃权" + std::to_string(o.abstain) +
         "票";
}

// Counts, threshold and announcement of a poll about to close.
Json closing_payload(ActionContext& ctx, const PollRecord& poll, const rules::Rulebook& book, Outcome o,
                     bool show_of_hands) {
  auto motion = motions::tables::motion(ctx.reader(), poll.motion_id);
  auto sitting = assembly::tables::sitting(ctx.reader(), poll.sitting_id);
  const rules::Threshold& t = book.pass_for(motion->kind);
  switch (t.base) {
    case rules::Base::kAllMembers:
      o.base_size = presence(ctx.reader(), book, poll, *sitting).all_members;
      break;
    case rules::Base::kPresent:
      o.base_size = o.present;
      break;
    case rules::Base::kVotesCast:
      o.base_size = o.yes + o.no + o.abstain;
      break;
  }
  o.adopted = t.met(o.yes, o.base_size);
  int64_t minimum = t.minimum(o.base_size);
  Json rule{{"comparison", rules::comparison_name(t.comparison)},
            {"fraction", std::to_string(t.fraction.num) + "/" + std::to_string(t.fraction.den)},
            {"base", rules::base_name(t.base)},
            {"base_size", o.base_size},
            {"minimum", minimum},
            {"kind", book.pass.count(motion->kind) ? motion->kind : "default"},
            {"decided_zh", "赞成票须达" + t.describe_zh(book.member_noun_zh) + "（" + std::to_string(o.base_size) +
                               "的" + (t.comparison == rules::Comparison::kAtLeast ? "" : "多数，") + "即至少" +
                               std::to_string(minimum) + "票）"},
            {"decided_en", "for votes must be " + t.describe_en(book.member_noun_en) + " (" +
                               std::to_string(o.base_size) + "), that is at least " + std::to_string(minimum)},
            {"citation_zh", t.citation.zh},
            {"citation_en", t.citation.en}};
  Json payload{{"poll_id", poll.id},
               {"motion_id", poll.motion_id},
               {"method", show_of_hands ? "show_of_hands" : "device"},
               {"for", o.yes},
               {"against", o.no},
               {"abstain", o.abstain},
               {"not_voted", o.not_voted},
               {"present", o.present},
               {"base_size", o.base_size},
               {"adopted", o.adopted},
               {"rule", rule},
               {"title_zh", motion->title_zh},
               {"announcement_zh", announcement_zh(o, show_of_hands)},
               {"announcement_en", announcement_en(o, show_of_hands)}};
  if (poll.mode == "anonymous") {
    // The sealed ballot box: anyone can recount it, and each member can find their own ballot
    // by its key, but no ballot says whose it is or when it was cast. Sealed at a show-of-hands
    // close too (the device ballots cast before the failure stay on the record, uncounted).
    payload["ballots"] = box_json(ctx.reader(), poll.id);
  }
  return payload;
}

Status close(ActionContext& ctx, const Json& args) {
  auto poll = poll_arg(ctx, args);
  if (!poll) return poll.error();
  PLENUM_TRY(ctx.require_role(poll->body, {"presiding"}));
  if (poll->state != PollState::kOpen) return not_open(*poll);
  if (!poll->manual.empty())
    return make_error(ErrorCode::kConflict, "已录入举手表决结果，须签署确认（voting.sign_off_manual_result）",
                      "a show-of-hands result was entered; sign it off (voting.sign_off_manual_result)",
                      "args.poll_id");
  PLENUM_ASSIGN_OR_RETURN(auto book, ctx.rulebook_of(poll->body));
  auto tally = tables::tally(ctx.reader(), poll->id);
  Outcome o;
  o.yes = tally.yes;
  o.no = tally.no;
  o.abstain = tally.abstain;
  Presence p = presence(ctx.reader(), *book, *poll, *assembly::tables::sitting(ctx.reader(), poll->sitting_id));
  o.present = p.present;
  o.not_voted = std::max<int64_t>(0, p.present - p.voted_present);
  Json payload = closing_payload(ctx, *poll, *book, o, false);
  ctx.result() =
      Json{{"poll_id", poll->id}, {"adopted", payload["adopted"]}, {"announcement_zh", payload["announcement_zh"]}};
  ctx.emit(poll->body, "voting.poll_closed", std::move(payload));
  return Status::ok();
}

Status enter_manual_result(ActionContext& ctx, const Json& args) {
  PLENUM_ASSIGN_OR_RETURN(auto poll, poll_arg(ctx, args));
  PLENUM_TRY(ctx.require_role(poll.body, {"secretariat", "presiding"}));
  if (poll.state != PollState::kOpen) return not_open(poll);
  Json counts = Json::object();
  int64_t sum = 0;
  for (const char* k : {"for", "against", "abstain"}) {
    PLENUM_ASSIGN_OR_RETURN(auto v, req_int(args, k, "args"));
    if (v < 0) return invalid(field_path("args", k), "票数不能为负", "a count cannot be negative");
    counts[k] = v;
    sum += v;
  }
  PLENUM_ASSIGN_OR_RETURN(auto note, opt_text_arg(args, "note", 1000));
  PLENUM_ASSIGN_OR_RETURN(auto book, ctx.rulebook_of(poll.body));
  int64_t present =
      presence(ctx.reader(), *book, poll, *assembly::tables::sitting(ctx.reader(), poll.sitting_id)).present;
  if (sum > present)
    return make_error(
        ErrorCode::kRuleViolation, "票数合计" + std::to_string(sum) + "超过出席人数" + std::to_string(present),
        "the counts add up to " + std::to_string(sum) + ", more than the " + std::to_string(present) + " present",
        "args.for");
  counts["note"] = note.value_or("");
  ctx.emit(poll.body, "voting.manual_result_entered", Json{{"poll_id", poll.id}, {"counts", counts}});
  ctx.result()["poll_id"] = poll.id;
  return Status::ok();
}

Status sign_off_manual_result(ActionContext& ctx, const Json& args) {
  PLENUM_ASSIGN_OR_RETURN(auto poll, poll_arg(ctx, args));
  PLENUM_TRY(ctx.require_role(poll.body, {"presiding"}));
  if (poll.state != PollState::kOpen) return not_open(poll);
  if (poll.manual.empty())
    return make_error(ErrorCode::kConflict, "尚未录入举手表决结果", "no show-of-hands result has been entered",
                      "args.poll_id");
  PLENUM_ASSIGN_OR_RETURN(auto book, ctx.rulebook_of(poll.body));
  Json counts = Json::parse(poll.manual);
  Outcome o;
  o.yes = counts["for"];
  o.no = counts["against"];
  o.abstain = counts["abstain"];
  o.present = presence(ctx.reader(), *book, poll, *assembly::tables::sitting(ctx.reader(), poll.sitting_id)).present;
  o.not_voted = std::max<int64_t>(0, o.present - o.yes - o.no - o.abstain);
  Json payload = closing_payload(ctx, poll, *book, o, true);
  payload["entered_by_note"] = counts["note"];
  ctx.result() =
      Json{{"poll_id", poll.id}, {"adopted", payload["adopted"]}, {"announcement_zh", payload["announcement_zh"]}};
  ctx.emit(poll.body, "voting.poll_closed", std::move(payload));
  return Status::ok();
}

// Where the rulebook allows weights and proxies; otherwise a refusal citing it.
Result<std::shared_ptr<const rules::Rulebook>> weighted_book(ActionContext& ctx, const std::string& body,
                                                             const std::string& field) {
  PLENUM_ASSIGN_OR_RETURN(auto book, ctx.rulebook_of(body));
  if (!(book)->voting.weights_and_proxies)
    return rules::violation((book)->name_zh + "不采用表决权重和委托投票",
                            "the " + (book)->name_en + " has no vote weights or proxies", (book)->voting.citation,
                            field);
  return book;
}

Status set_weight(ActionContext& ctx, const Json& args) {
  PLENUM_ASSIGN_OR_RETURN(auto id, req_int(args, "member_id", "args"));
  auto member = assembly::tables::member(ctx.reader(), id);
  if (!member) return not_found("成员 " + std::to_string(id), "member " + std::to_string(id), "args.member_id");
  PLENUM_TRY(ctx.require_role(member->body, {"secretariat"}));
  PLENUM_ASSIGN_OR_RETURN(auto weight, req_int(args, "weight", "args"));
  if (weight < 1 || weight > 1000000)
    return invalid("args.weight", "表决权重应为1到1000000", "a weight is 1 to 1000000");
  PLENUM_ASSIGN_OR_RETURN(auto book, weighted_book(ctx, member->body, "args.member_id"));
  ctx.emit(member->body, "voting.weight_set", Json{{"member_id", id}, {"weight", weight}});
  ctx.result()["weight"] = weight;
  return Status::ok();
}

Status grant_proxy(ActionContext& ctx, const Json& args) {
  PLENUM_ASSIGN_OR_RETURN(auto sitting, assembly::sitting_arg(ctx, args));
  PLENUM_TRY(ctx.require_role(sitting.body, {"secretariat"}));
  PLENUM_ASSIGN_OR_RETURN(auto book, weighted_book(ctx, sitting.body, "args.sitting_id"));
  if (sitting.state == assembly::SittingState::kClosed)
    return make_error(ErrorCode::kConflict, "会议已结束", "the sitting is closed", "args.sitting_id");
  std::map<std::string, int64_t> ids;
  for (const char* k : {"grantor_id", "holder_id"}) {
    PLENUM_ASSIGN_OR_RETURN(auto id, req_int(args, k, "args"));
    auto m = assembly::tables::member(ctx.reader(), id);
    std::string field = field_path("args", k);
    if (!m || m->body != sitting.body)
      return not_found("成员 " + std::to_string(id), "member " + std::to_string(id), field);
    if (!assembly::matches(assembly::expected_members(sitting), *m))
      return make_error(ErrorCode::kRuleViolation, m->name + " 不是本次会议的应出席人员",
                        m->name + " is not expected at this sitting", field);
    ids[k] = id;
  }
  if (ids["grantor_id"] == ids["holder_id"])
    return invalid("args.holder_id", "不能委托本人", "a member cannot hold their own proxy");
  for (const auto& [grantor, holder] : tables::proxies(ctx.reader(), sitting.id)) {
    if (grantor == ids["grantor_id"])
      return make_error(ErrorCode::kConflict, "该成员已为本次会议委托他人",
                        "this member already gave a proxy for this sitting", "args.grantor_id");
    // No chains: a proxy is exercised in person.
    if (grantor == ids["holder_id"] || holder == ids["grantor_id"])
      return make_error(ErrorCode::kConflict, "受托人不能再委托，委托人不能同时受托",
                        "a proxy holder cannot give a proxy, nor a member who gave one hold one", "args.holder_id");
  }
  ctx.emit(sitting.body, "voting.proxy_granted",
           Json{{"sitting_id", sitting.id}, {"grantor_id", ids["grantor_id"]}, {"holder_id", ids["holder_id"]}});
  ctx.result()["sitting_id"] = sitting.id;
  return Status::ok();
}

void register_projectors(ledger::Registry::Room r) {
  // An open anonymous poll's ballots are not in the log until it closes (docs/LEDGER.md), and a
  // named poll's voters should not find it gone: every poll closes before an upgrade.
  r.add_upgrade_check([](store::Reader& reader) -> Status {
    auto open = tables::open_polls(reader);
    if (open.empty()) return Status::ok();
    std::string id = std::to_string(open.front().id);
    return make_error(ErrorCode::kConflict,
                      "表决 " + id + " 尚未结束（共 " + std::to_string(open.size()) + " 项）：请先结束表决再升级",
                      "poll " + id + " is still open (" + std::to_string(open.size()) +
                          " in all): close every poll before the upgrade",
                      "poll_id");
  });
  r.add_projector("voting.weight_set", [](store::TableWriter& tx, const Event& e) {
    tables::put_member_weight(tx, e.body, e.payload["member_id"], e.payload["weight"]);
  });
  r.add_projector("voting.proxy_granted", [](store::TableWriter& tx, const Event& e) {
    tables::put_proxy(tx, e.payload["sitting_id"], e.payload["grantor_id"], e.payload["holder_id"]);
  });
  r.add_projector("voting.poll_opened", [](store::TableWriter& tx, const Event& e) {
    PollRecord p;
    p.id = e.payload["poll_id"];
    p.body = e.body;
    p.sitting_id = e.payload["sitting_id"];
    p.motion_id = e.payload["motion_id"];
    p.mode = e.payload["mode"];
    p.state = PollState::kOpen;
    p.method = "device";
    p.opened_by = e.actor;
    p.opened_at = e.at;
    tables::put_poll(tx, p);  // the motion's state: motions projects this event too
  });
  r.add_projector(kVoteCast, [](store::TableWriter& tx, const Event& e) {
    int64_t poll = e.payload["poll_id"], member = e.payload["member_id"];
    tables::put_ballot(tx, poll, "member:" + std::to_string(member), member, e.payload["choice"],
                       e.payload.value("weight", 1));
    tables::put_voter(tx, poll, member);
  });
  r.add_projector("voting.manual_result_entered", [](store::TableWriter& tx, const Event& e) {
    auto p = tables::poll(tx, e.payload["poll_id"]);
    if (!p) throw store::StoreFailure("voting.manual_result_entered: unknown poll");
    p->manual = canonical(e.payload["counts"]);
    tables::put_poll(tx, *p);
  });
  r.add_projector("voting.poll_closed", [](store::TableWriter& tx, const Event& e) {
    const Json& c = e.payload;
    auto p = tables::poll(tx, c["poll_id"]);
    if (!p) throw store::StoreFailure("voting.poll_closed: unknown poll");
    p->state = PollState::kClosed;
    p->method = c["method"];
    p->closed_by = e.actor;
    p->closed_at = e.at;
    p->yes = c["for"];
    p->no = c["against"];
    p->abstain = c["abstain"];
    p->not_voted = c["not_voted"];
    p->present = c["present"];
    p->base_size = c["base_size"];
    p->adopted = c["adopted"];
    p->rule = canonical(c["rule"]);
    p->announcement_zh = c["announcement_zh"];
    p->announcement_en = c["announcement_en"];
    tables::put_poll(tx, *p);
    if (c.contains("ballots"))  // already in place live; replay rebuilds the box from here
      for (const auto& b : c["ballots"])
        tables::seal_ballot(tx, p->id, b[0], b[1], b.size() > 2 ? b[2].get<int64_t>() : 1);
    // The motion's outcome: motions projects this event too.
  });
}

}  // namespace

std::string ballot_id(int64_t poll_id, int64_t member_id, const std::string& key) {
  FieldHasher h;
  h.field("plenum-ballot-v2");
  h.field(std::to_string(poll_id));
  h.field(std::to_string(member_id));
  h.field(key);
  return h.hex();
}

bool is_ballot_event(const std::string& type) { return type == kVoteCast; }

std::string announcement_zh(const Outcome& o, bool show_of_hands) {
  std::string verdict = o.adopted ? "通过。" : "未通过。";
  if (show_of_hands) return "举手表决：" + count_line_zh(o) + "。" + verdict;
  return count_line_zh(o) + "，未按表决器" + std::to_string(o.not_voted) + "人。" + verdict;
}

std::string announcement_en(const Outcome& o, bool show_of_hands) {
  std::string counts = "For " + std::to_string(o.yes) + ", against " + std::to_string(o.no) + ", abstaining " +
                       std::to_string(o.abstain);
  std::string verdict = o.adopted ? "Adopted." : "Not adopted.";
  if (show_of_hands) return "By show of hands: " + counts + ". " + verdict;
  return counts + ", not voting " + std::to_string(o.not_voted) + ". " + verdict;
}

// The kinds this feature's actions take (each documented once in docs/openapi.json).
const ledger::Arg kPollMode = ledger::Arg::kind(
    "PollMode", {"anonymous", "named"},
    "anonymous 无记名 (NPC: no choice is ever stored or published with a member; see docs/API.md), named 记名 "
    "(each member's choice is recorded and published once the poll closes).");
const ledger::Arg kVoteChoice =
    ledger::Arg::kind("VoteChoice", {"for", "against", "abstain"}, "for 赞成, against 反对, abstain 弃权.");
const ledger::Arg kBallotKey =
    ledger::Arg::string("", 128, 16)
        .documented({{"pattern", "^[A-Za-z0-9_-]{16,128}$"}})
        .describe(
            "A secret only the member's device keeps (16-128 characters of A-Z, a-z, 0-9, - and _; e.g. 32 random "
            "bytes in hex). An anonymous ballot is stored and published under ballot = SHA-256 over the poll id and "
            "this key, never under the member; the same key changes the choice, and finds one's own ballot in the "
            "sealed box after the close.")
        .named("BallotKey");

void register_feature(ledger::Registry& r) {
  register_routes(r);
  r.add_action(
      "voting.open",
      ledger::ArgSchema{ledger::Arg::id("motion_id").required().describe("The motion."),
                        ledger::Arg::id("sitting_id").required().describe("An open sitting of the motion's session."),
                        kPollMode.as("mode").describe("Default: the rulebook's first voting mode (NPC: anonymous). 422 "
                                                      "if the rulebook does not allow the mode."),
                        ledger::Arg::boolean("identifying_weights_accepted")
                            .describe("An anonymous poll in which a member holds a weight nobody else holds is refused "
                                      "(409, field identifying_weights_accepted, details naming them) unless this is "
                                      "true: the weighted result could give that member's choice away.")},
      open);
  r.add_action(
      "voting.cast",
      ledger::ArgSchema{
          ledger::Arg::id("poll_id").required().describe("The poll."), kVoteChoice.as("choice").required(),
          kBallotKey.as("ballot_key")
              .describe("Anonymous polls: the device's key for this ballot. Send your own on the first cast and keep "
                        "it (recommended: it makes a retry safe); omitted on the first cast, one is generated and "
                        "returned once in the result. Required to change the choice. Ignored by named polls."),
          ledger::Arg::id("member_id")
              .describe("Only the system actor (demo loader) names the member; a member's account votes for its own "
                        "member (another id: 403)."),
          ledger::Arg::id("on_behalf_of")
              .describe("Where the rulebook allows proxies: the absent member whose proxy for this sitting the caller "
                        "holds; the ballot is theirs (with their weight). 403 without such a proxy; 409 if that member "
                        "is present (they vote themselves); 422 in a body without proxies.")},
      cast);
  r.add_action("voting.close", ledger::ArgSchema{ledger::Arg::id("poll_id").required().describe("The poll.")}, close);
  r.add_action("voting.enter_manual_result",
               ledger::ArgSchema{ledger::Arg::id("poll_id").required().describe("The poll."),
                                 ledger::Arg::id("for").required().describe("赞成, ≥ 0."),
                                 ledger::Arg::id("against").required().describe("反对, ≥ 0."),
                                 ledger::Arg::id("abstain").required().describe("弃权, ≥ 0."),
                                 ledger::Arg::text("note", 1000).describe("E.g. why the device system failed.")},
               enter_manual_result);
  r.add_action("voting.sign_off_manual_result",
               ledger::ArgSchema{ledger::Arg::id("poll_id").required().describe("The poll.")}, sign_off_manual_result);
  r.add_action("voting.set_weight",
               ledger::ArgSchema{ledger::Arg::id("member_id").required().describe("The member."),
                                 ledger::Arg::integer("weight", 1, 1000000).required()},
               set_weight);
  r.add_action(
      "voting.grant_proxy",
      ledger::ArgSchema{ledger::Arg::id("sitting_id").required(),
                        ledger::Arg::id("grantor_id").required().describe("The absent member who gives the proxy."),
                        ledger::Arg::id("holder_id").required().describe("The member who will vote for them.")},
      grant_proxy);
  register_projectors(r.add_room(tables::slice()));
}

// ---------------------------------------------------------------- queries

namespace {

Json poll_json(store::Reader& reader, const PollRecord& p) {
  auto motion = motions::tables::motion(reader, p.motion_id);
  Json j{{"id", p.id},
         {"body", p.body},
         {"sitting_id", p.sitting_id},
         {"motion_id", p.motion_id},
         {"title_zh", motion ? motion->title_zh : ""},
         {"title_en", motion ? motion->title_en : ""},
         {"mode", p.mode},
         {"state", p.state},
         {"method", p.method},
         {"opened_at", iso_time(p.opened_at)}};
  if (p.state == PollState::kOpen) {
    j["voted"] = tables::count_voters(reader, p.id);
    j["manual_entered"] = !p.manual.empty();
    // Counted by show of hands in the open hall: not secret, and presiding signs off what is shown.
    if (!p.manual.empty()) j["manual"] = Json::parse(p.manual);
    return j;
  }
  j["closed_at"] = iso_time(p.closed_at);
  j["for"] = p.yes;
  j["against"] = p.no;
  j["abstain"] = p.abstain;
  j["not_voted"] = p.not_voted;
  j["present"] = p.present;
  j["base_size"] = p.base_size;
  j["adopted"] = p.adopted;
  j["result_zh"] = p.adopted ? "通过" : "未通过";
  j["rule"] = Json::parse(p.rule);
  // Why a motion failed, for the hall and the big screen: the count against the minimum and the
  // rule that set it (议事规则 / the rulebook's pass threshold).
  const Json& rule = j["rule"];
  if (!p.adopted && rule.contains("minimum")) {
    int64_t minimum = rule["minimum"];
    j["reason_zh"] = "赞成" + std::to_string(p.yes) + "票，不足" + std::to_string(minimum) + "票：" +
                     rule.value("decided_zh", "") + "（" + rule.value("citation_zh", "") + "）";
    j["reason_en"] = std::to_string(p.yes) + " for, fewer than " + std::to_string(minimum) + ": " +
                     rule.value("decided_en", "") + " (" + rule.value("citation_en", "") + ")";
  }
  j["announcement_zh"] = p.announcement_zh;
  j["announcement_en"] = p.announcement_en;
  if (!p.manual.empty()) j["manual_note"] = Json::parse(p.manual).value("note", "");
  return j;
}

}  // namespace

Result<Json> get_poll(store::Reader& reader, int64_t poll_id) {
  auto p = tables::poll(reader, poll_id);
  if (!p) return not_found("表决 " + std::to_string(poll_id), "poll " + std::to_string(poll_id), "poll_id");
  Json j = poll_json(reader, *p);
  // Named choices are published once the poll has closed; anonymous ones never exist by name.
  if (p->mode == "named" && p->state == PollState::kClosed) {
    Json votes = Json::array();
    for (const auto& [member_id, choice] : tables::named_votes(reader, poll_id)) {
      auto m = assembly::tables::member(reader, member_id);
      votes.push_back(
          Json{{"member_id", member_id}, {"name", m ? m->name : ""}, {"seat", m ? m->seat : ""}, {"choice", choice}});
    }
    j["votes"] = votes;
  }
  return j;
}

Result<Json> sealed_box(store::Reader& reader, int64_t poll_id) {
  auto p = tables::poll(reader, poll_id);
  if (!p) return not_found("表决 " + std::to_string(poll_id), "poll " + std::to_string(poll_id), "poll_id");
  if (p->mode != "anonymous")
    return make_error(ErrorCode::kConflict, "记名表决没有封存的票箱", "a named poll has no sealed box", "poll_id");
  if (p->state != PollState::kClosed)
    return make_error(ErrorCode::kConflict, "表决结束后票箱才封存公布",
                      "the box is sealed and published when the poll closes", "poll_id");
  return Json{{"poll_id", poll_id}, {"ballots", box_json(reader, poll_id)}};
}

Result<Json> sitting_polls(store::Reader& reader, int64_t sitting_id) {
  if (!assembly::tables::sitting(reader, sitting_id))
    return not_found("会议 " + std::to_string(sitting_id), "sitting " + std::to_string(sitting_id), "sitting_id");
  Json out = Json::array();
  for (const auto& p : tables::polls_of_sitting(reader, sitting_id)) out.push_back(poll_json(reader, p));
  return Json{{"sitting_id", sitting_id}, {"polls", out}};
}

}  // namespace plenum::voting
