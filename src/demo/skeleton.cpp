#include "demo/skeleton.h"

#include <cstdio>
#include <map>

#include "assembly/tables.h"

namespace plenum::demo {

namespace {

Result<Json> act(ledger::Ledger& ledger, const std::string& action, Json args) {
  ledger::ActionRequest request;
  request.action = action;
  request.args = std::move(args);
  request.actor = ledger::kSystemActor;
  PLENUM_ASSIGN_OR_RETURN(auto ack, ledger.submit_and_wait(std::move(request)));
  return ack.result;
}

std::string numbered(char letter, int i, int members) {
  char out[16];
  std::snprintf(out, sizeof out, "%c%0*d", letter, members > 9999 ? 5 : 4, i);
  return out;
}

}  // namespace

std::string skeleton_seat(int i, int members) { return numbered('S', i, members); }

Result<Skeleton> seed_skeleton(ledger::Ledger& ledger, store::Store& store, const SkeletonSpec& spec) {
  if (spec.members < 0 || spec.members > 99999)
    return make_error(ErrorCode::kMalformed, "成员数应为 0 至 99999", "members must be 0 to 99,999", "members");
  Skeleton s;
  s.body = spec.body;
  Json body{{"id", spec.body}, {"name_zh", spec.name_zh}, {"name_en", spec.name_en}, {"rulebook", spec.rulebook}};
  if (!spec.level.empty()) body["level"] = spec.level;
  PLENUM_TRY(act(ledger, "assembly.create_body", body).status());
  PLENUM_TRY(act(ledger, "assembly.create_term",
                 Json{{"body", spec.body}, {"number", 1}, {"name_zh", "第一届"}, {"starts_on", "2024-01-01"}})
                 .status());
  PLENUM_ASSIGN_OR_RETURN(auto session, act(ledger, "assembly.create_session",
                                            Json{{"body", spec.body},
                                                 {"term", 1},
                                                 {"number", 1},
                                                 {"name_zh", "第一届第一次会议"},
                                                 {"name_en", "1st session"},
                                                 {"short_name_zh", "一届一次会议"},
                                                 {"opens_on", "2024-03-01"},
                                                 {"closes_on", "2024-03-10"}}));
  s.session_id = session["session_id"];
  if (spec.members > 0) {
    std::string csv = "seat,card,name,unit\n";
    for (int i = 1; i <= spec.members; ++i)
      csv += skeleton_seat(i, spec.members) + "," + numbered('K', i, spec.members) + ",成员" + std::to_string(i) +
             (i % 2 ? ",甲团\n" : ",乙团\n");
    PLENUM_TRY(act(ledger, "assembly.import_roster", Json{{"body", spec.body}, {"csv", csv}}).status());
  }
  PLENUM_ASSIGN_OR_RETURN(auto sitting, act(ledger, "assembly.schedule_sitting",
                                            Json{{"session_id", s.session_id},
                                                 {"kind", "plenary"},
                                                 {"number", 1},
                                                 {"title_zh", "第一次全体会议"},
                                                 {"starts_at", "2024-03-05T09:00+08:00"}}));
  s.sitting_id = sitting["sitting_id"];
  assembly::MemberFilter filter;
  filter.body = spec.body;
  std::map<std::string, int64_t> by_seat;
  for (const auto& m : assembly::tables::members(*store.read(), filter)) by_seat[m.seat] = m.id;
  for (const auto& [seat, id] : by_seat) s.member_ids.push_back(id);
  return s;
}

}  // namespace plenum::demo
