#include "elections/count.h"

#include <algorithm>

#include "base/text.h"

namespace plenum::elections {
namespace {

std::string n(int64_t v) { return std::to_string(v); }

int64_t for_marks(const Ballot& b) {
  int64_t count = static_cast<int64_t>(b.write_ins.size());
  for (const auto& [id, mark] : b.marks) count += mark == Mark::kFor;
  return count;
}

int64_t base_of(const rules::Threshold& t, const Round& round, int64_t valid_ballots) {
  switch (t.base) {
    case rules::Base::kAllMembers:
      return round.members;
    case rules::Base::kPresent:
      return round.returned;
    case rules::Base::kVotesCast:
      return valid_ballots;
  }
  return round.members;
}

Error malformed(const std::string& field, const std::string& zh, const std::string& en) {
  return make_error(ErrorCode::kMalformed, zh, en, field);
}

std::string join(const std::vector<std::string>& names, const char* sep) {
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) out += (i ? sep : "") + names[i];
  return out;
}

// Applies the winner rules to validated totals.
RoundResult decide(const Round& round, const Totals& t) {
  RoundResult r;
  r.valid_ballots = t.valid_ballots;
  r.void_ballots = t.void_ballots;
  for (const auto& c : round.candidates) {
    CandidateResult cr;
    cr.id = c.id;
    cr.name = c.name;
    cr.for_votes = t.for_votes.count(c.id) ? t.for_votes.at(c.id) : 0;
    cr.against_votes = t.against_votes.count(c.id) ? t.against_votes.at(c.id) : 0;
    cr.abstentions = t.valid_ballots - cr.for_votes - cr.against_votes;
    r.candidates.push_back(cr);
  }
  std::vector<std::pair<std::string, int64_t>> write_ins(t.write_in_votes.begin(), t.write_in_votes.end());
  std::stable_sort(write_ins.begin(), write_ins.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  for (const auto& [name, votes] : write_ins) {
    CandidateResult cr;
    cr.name = name;
    cr.written_in = true;
    cr.for_votes = votes;
    r.candidates.push_back(cr);
  }

  // In a county or township re-election the most votes win with at least a third of the
  // ballots; otherwise the threshold (more than half of all members) decides who may win.
  const rules::Threshold& rule = round.reelection && round.reelection_floor ? *round.reelection_floor : round.threshold;
  int64_t base = base_of(rule, round, t.valid_ballots);
  r.minimum = rule.minimum(base);
  std::vector<CandidateResult*> eligible;
  for (auto& c : r.candidates) {
    c.meets_threshold = rule.met(c.for_votes, base);
    if (c.meets_threshold) eligible.push_back(&c);
  }
  std::stable_sort(eligible.begin(), eligible.end(),
                   [](const CandidateResult* a, const CandidateResult* b) { return a->for_votes > b->for_votes; });
  int64_t seats = round.seats;
  if (static_cast<int64_t>(eligible.size()) <= seats) {
    for (auto* c : eligible) c->elected = true;
  } else {
    int64_t cut = eligible[seats - 1]->for_votes;
    int64_t above = 0, at_cut = 0;
    for (auto* c : eligible) {
      if (c->for_votes > cut) ++above;
      if (c->for_votes == cut) ++at_cut;
    }
    if (above + at_cut > seats) {  // a tie across the cut-off
      for (auto* c : eligible) {
        if (c->for_votes > cut) c->elected = true;
        if (c->for_votes == cut) c->tied = true;
      }
      r.runoff_seats = seats - above;
    } else {
      for (int64_t i = 0; i < seats; ++i) eligible[i]->elected = true;
    }
  }
  for (auto* c : eligible) {
    if (c->elected) r.elected.push_back(c->name);
    if (c->tied) r.runoff.push_back(c->name);
  }
  r.unfilled = seats - static_cast<int64_t>(r.elected.size()) - r.runoff_seats;

  // The announcement, in the order it is read out.
  std::string zh = "应选" + n(seats) + "名，发出选票" + n(round.issued) + "张，收回选票" + n(round.returned) +
                   "张，收回的选票" + (round.returned < round.issued ? "少于" : "等于") +
                   "发出的选票，选举有效。有效票" + n(t.valid_ballots) + "张，无效票" + n(t.void_ballots) + "张。";
  std::string en = n(seats) + (seats == 1 ? " seat" : " seats") + "; " + n(round.issued) + " ballots issued, " +
                   n(round.returned) + " returned, " + (round.returned < round.issued ? "fewer than" : "as many as") +
                   " issued: the election is valid. " + n(t.valid_ballots) + " valid, " + n(t.void_ballots) + " void.";
  for (const auto& c : r.candidates) {
    if (c.written_in) {
      zh += "另选他人" + c.name + "得" + n(c.for_votes) + "票；";
      en += " Written in " + c.name + ": " + n(c.for_votes) + " for;";
    } else {
      zh += c.name + "赞成" + n(c.for_votes) + "票，反对" + n(c.against_votes) + "票，弃权" + n(c.abstentions) + "票；";
      en += " " + c.name + ": " + n(c.for_votes) + " for, " + n(c.against_votes) + " against, " + n(c.abstentions) +
            " abstaining;";
    }
  }
  if (!r.candidates.empty()) {
    zh.replace(zh.size() - std::string("；").size(), std::string("；").size(), "。");
    en.back() = '.';
  }
  if (r.elected.empty()) {
    zh += "无人当选。";
    en += " Nobody is elected.";
  } else {
    zh += join(r.elected, "、") + "当选。";
    en += " Elected: " + join(r.elected, ", ") + ".";
  }
  if (!r.runoff.empty()) {
    zh += join(r.runoff, "、") + "得票相等，须就" + n(r.runoff_seats) + "个名额再次投票。";
    en += " " + join(r.runoff, ", ") + " are tied: a new round decides " + n(r.runoff_seats) +
          (r.runoff_seats == 1 ? " seat." : " seats.");
  }
  if (r.unfilled > 0) {
    zh += "尚有" + n(r.unfilled) + "个名额未选出，须另行选举。";
    en += " " + n(r.unfilled) + (r.unfilled == 1 ? " seat remains" : " seats remain") +
          " unfilled: a re-election is needed.";
  }
  r.announcement_zh = std::move(zh);
  r.announcement_en = std::move(en);
  return r;
}

Status check_round(const Round& round) {
  if (round.seats < 1) return malformed("seats", "应选名额至少为1", "there must be at least one seat");
  if (round.issued < 0 || round.returned < 0 || round.members < 1)
    return malformed("issued", "选票数和应到人数不能为负", "ballot counts and members must not be negative");
  if (round.issued > round.members)
    return malformed("issued", "发出的选票不能多于有选举权的人数", "more ballots issued than members entitled to vote");
  return Status::ok();
}

// Returned > issued: the whole round is void (选举法第四十四条).
RoundResult void_round(const Round& round) {
  RoundResult r;
  r.valid = false;
  r.unfilled = round.seats;
  for (const auto& c : round.candidates) r.candidates.push_back({c.id, c.name});
  r.announcement_zh = "发出选票" + n(round.issued) + "张，收回选票" + n(round.returned) +
                      "张，收回的选票多于发出的选票，本次选举无效，须重新投票。";
  r.announcement_en = n(round.issued) + " ballots issued, " + n(round.returned) +
                      " returned: more returned than issued, so this round is void and must be held again.";
  return r;
}

}  // namespace

Status check_ballot(const Round& round, const Ballot& ballot) {
  int64_t against = 0;
  for (const auto& [id, mark] : ballot.marks) {
    bool known = std::any_of(round.candidates.begin(), round.candidates.end(),
                             [&candidate = id](const Candidate& c) { return c.id == candidate; });
    if (!known) return malformed("marks", "选票上没有候选人 " + id, "no candidate " + id + " on the ballot");
    against += mark == Mark::kAgainst;
  }
  if (!ballot.write_ins.empty()) {
    if (round.kind == BallotKind::kConfirmation)
      return malformed("write_ins", "表决票不能另选他人", "a confirmation ballot takes no write-in");
    // A write-in takes the place of a candidate the member voted against.
    if (static_cast<int64_t>(ballot.write_ins.size()) > against)
      return malformed("write_ins", "另选他人的人数不能多于投反对票的候选人数",
                       "more names written in than candidates voted against");
    for (const auto& name : ballot.write_ins) {
      if (trim(name).empty() || !is_valid_utf8(name))
        return malformed("write_ins", "另选的人须写明姓名", "a written-in name must be given");
      if (std::any_of(round.candidates.begin(), round.candidates.end(),
                      [&](const Candidate& c) { return c.name == trim(name); }))
        return malformed("write_ins", trim(name) + " 已是候选人", trim(name) + " is already a candidate");
    }
  }
  return Status::ok();
}

bool is_void(const Round& round, const Ballot& ballot) { return for_marks(ballot) > round.seats; }

Result<RoundResult> count_ballots(const Round& round, const std::vector<Ballot>& ballots) {
  PLENUM_TRY(check_round(round));
  if (static_cast<int64_t>(ballots.size()) != round.returned)
    return malformed(
        "ballots",
        "录入的选票 " + n(static_cast<int64_t>(ballots.size())) + " 张，与收回的 " + n(round.returned) + " 张不符",
        n(static_cast<int64_t>(ballots.size())) + " ballots entered but " + n(round.returned) + " returned");
  if (round.returned > round.issued) return void_round(round);
  Totals t;
  for (size_t i = 0; i < ballots.size(); ++i) {
    const Ballot& b = ballots[i];
    if (auto s = check_ballot(round, b); !s) {
      Error e = s.error();
      e.field = "ballots[" + std::to_string(i) + "]." + e.field;
      return e;
    }
    if (is_void(round, b)) {
      ++t.void_ballots;
      continue;
    }
    ++t.valid_ballots;
    for (const auto& [id, mark] : b.marks) {
      if (mark == Mark::kFor) ++t.for_votes[id];
      if (mark == Mark::kAgainst) ++t.against_votes[id];
    }
    for (const auto& name : b.write_ins) ++t.write_in_votes[trim(name)];
  }
  return decide(round, t);
}

Result<RoundResult> count_totals(const Round& round, const Totals& t) {
  PLENUM_TRY(check_round(round));
  if (round.returned > round.issued) return void_round(round);
  if (t.valid_ballots < 0 || t.void_ballots < 0 || t.valid_ballots + t.void_ballots != round.returned)
    return malformed("valid_ballots", "有效票与无效票之和应等于收回的选票",
                     "valid and void ballots must add up to the ballots returned");
  int64_t write_in_total = 0;
  for (const auto& [name, votes] : t.write_in_votes) {
    if (round.kind == BallotKind::kConfirmation)
      return malformed("write_in_votes", "表决票不能另选他人", "a confirmation ballot takes no write-in");
    if (votes < 0 || votes > t.valid_ballots)
      return malformed("write_in_votes", name + " 的票数无效", "invalid count for " + name);
    write_in_total += votes;
  }
  int64_t for_total = write_in_total;
  for (const auto& c : round.candidates) {
    auto get = [&](const std::map<std::string, int64_t>& m) { return m.count(c.id) ? m.at(c.id) : 0; };
    int64_t f = get(t.for_votes), a = get(t.against_votes);
    if (f < 0 || a < 0 || f + a > t.valid_ballots)
      return malformed("for_votes", c.name + " 的赞成票与反对票之和超过有效票",
                       c.name + "'s for and against votes exceed the valid ballots");
    if (t.abstentions.count(c.id) && t.abstentions.at(c.id) != t.valid_ballots - f - a)
      return malformed("abstentions", c.name + " 的赞成、反对、弃权票之和应等于有效票",
                       c.name + "'s for, against and abstentions must add up to the valid ballots");
    for_total += f;
  }
  for (const auto& m : {&t.for_votes, &t.against_votes, &t.abstentions})
    for (const auto& [id, v] : *m)
      if (std::none_of(round.candidates.begin(), round.candidates.end(),
                       [&candidate = id](const Candidate& c) { return c.id == candidate; }))
        return malformed("for_votes", "没有候选人 " + id, "no candidate " + id);
  // Every valid ballot marks at most `seats` names: more "for" marks than that cannot be.
  if (for_total > t.valid_ballots * round.seats)
    return malformed("for_votes", "赞成票总数超过有效票乘以应选名额，合计有误",
                     "more for votes than valid ballots times seats: the totals are wrong");
  return decide(round, t);
}

}  // namespace plenum::elections
