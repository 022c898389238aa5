// Attendance's read routes. The roll call of a sitting is the public announcement; who checked
// in is for those who follow the body; reasons for leave and absences are personal, for the
// secretariat and the presiding officers (and a member's own history for the member).
#include "accounts/accounts.h"
#include "assembly/assembly.h"
#include "assembly/tables.h"
#include "attendance/attendance.h"

namespace plenum::attendance {

void register_routes(ledger::Registry& registry) {
  using ledger::ReadRequest;
  using ledger::ReadRule;
  const std::vector<std::string> officers{"secretariat", "presiding"};
  registry.add_route({"/api/v1/sittings/{sitting_id}", ReadRule::everyone(), [](const ReadRequest& r) {
                        return ledger::reply(sitting_report(r.reader, r.rulebooks, r.id("sitting_id")));
                      }});
  registry.add_route({"/api/v1/sittings/{sitting_id}/check-ins", ReadRule::followers(assembly::body_of_sitting()),
                      ledger::by_id("sitting_id", sitting_check_ins), ledger::Listing{"", {"member_id"}}});
  // Who is absent is the complement of the check-ins; why is for the officers only.
  registry.add_route({"/api/v1/sittings/{sitting_id}/units", ReadRule::followers(assembly::body_of_sitting()),
                      [officers](const ReadRequest& r) -> Result<ledger::ReadReply> {
                        auto sitting = assembly::tables::sitting(r.reader, r.id("sitting_id"));
                        bool reasons = sitting && accounts::has_role(r.reader, r.viewer, sitting->body, officers);
                        return ledger::reply(sitting_units(r.reader, r.id("sitting_id"), reasons));
                      },
                      ledger::Listing{"units", {"unit_id"}}});
  registry.add_route({"/api/v1/sittings/{sitting_id}/leaves", ReadRule::roles_in(officers, assembly::body_of_sitting()),
                      ledger::by_id("sitting_id", sitting_leaves), ledger::Listing{"", {"leave_id"}}});
  registry.add_route(
      {"/api/v1/sessions/{session_id}/absences", ReadRule::roles_in(officers, assembly::body_of_session()),
       [](const ReadRequest& r) { return ledger::reply(session_absences(r.reader, r.rulebooks, r.id("session_id"))); },
       ledger::Listing{"members", {"member_id"}}});
  registry.add_route({"/api/v1/members/{member_id}/attendance",
                      ReadRule::roles_in(officers, assembly::body_of_member()).or_self(assembly::member_param()),
                      ledger::by_id("member_id", member_history), ledger::Listing{"sittings", {"sitting_id"}}});
}

}  // namespace plenum::attendance
