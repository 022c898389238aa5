// Proposals' read routes. Every route is open to all, and each narrows what it shows by the
// viewer (get_proposal and friends): the public sees filed proposals, a proposer their own, a
// handling unit its assignments, the staff everything. The inbox is the signed-in caller's.
#include "accounts/tables.h"
#include "assembly/tables.h"
#include "base/args.h"
#include "base/text.h"
#include "ledger/ledger.h"
#include "motions/tables.h"
#include "proposals/import.h"
#include "proposals/proposals.h"
#include "proposals/tables.h"

namespace plenum::proposals {

namespace {

// The routes under /bodies/{body}/: the body must exist and the filter parse, whatever the route.
// On a list route (`listed`) `limit` and `cursor` are the page's (ledger/listing.h), not the
// filter's.
using BodyRoute = std::function<Result<ledger::ReadReply>(const ledger::ReadRequest&, const ProposalFilter&)>;
ledger::RouteHandler in_body(BodyRoute route, bool listed = false) {
  return [route = std::move(route), listed](const ledger::ReadRequest& r) -> Result<ledger::ReadReply> {
    const std::string& body = r.param("body");
    if (!assembly::tables::body(r.reader, body)) return not_found("机构 " + body, "body " + body, "body");
    auto query = r.query;
    if (listed) query.erase("limit"), query.erase("cursor");
    PLENUM_ASSIGN_OR_RETURN(auto filter, filter_from_params(body, query));
    return route(r, filter);
  };
}

// The member's confirmation inbox: joint motions and proposals awaiting their signature.
Json signature_requests(store::Reader& reader, const std::string& username) {
  Json requests = Json::array();
  auto account = accounts::tables::account(reader, username);
  if (!account || !account->member_id) return requests;
  for (const auto& c : motions::tables::requested_cosignatures(reader, account->member_id)) {
    Json item{{"subject", c.subject}, {"id", c.subject_id}, {"asked_at", iso_time(c.at)}};
    if (c.subject == "motion") {
      if (auto m = motions::tables::motion(reader, c.subject_id)) item["title"] = m->title_zh, item["state"] = m->state;
    } else if (auto p = tables::proposal(reader, c.subject_id)) {
      item["title"] = p->title;
      item["state"] = p->state;
    }
    requests.push_back(std::move(item));
  }
  return requests;
}

}  // namespace

void register_routes(ledger::Registry& registry) {
  using ledger::ReadRequest;
  using ledger::ReadRule;
  registry.add_route({"/api/v1/bodies/{body}/proposals", ReadRule::everyone(),
                      in_body([](const ReadRequest& r, const ProposalFilter& f) {
                        return ledger::reply(list_proposals(r.reader, {r.viewer}, f));
                      })});
  registry.add_route({"/api/v1/bodies/{body}/proposals/overdue", ReadRule::everyone(),
                      in_body(
                          [](const ReadRequest& r, const ProposalFilter&) {
                            return ledger::reply(overdue(r.reader, {r.viewer}, r.param("body"), r.q("as_of")));
                          },
                          /*listed=*/true),
                      ledger::Listing{"overdue", {"due_on", "proposal_id", "unit_id"}}});
  registry.add_route({"/api/v1/bodies/{body}/proposals/export.csv", ReadRule::everyone(),
                      in_body([](const ReadRequest& r, const ProposalFilter& f) -> Result<ledger::ReadReply> {
                        PLENUM_ASSIGN_OR_RETURN(auto csv, export_csv(r.reader, {r.viewer}, f));
                        return ledger::ReadReply::text("text/csv; charset=utf-8", std::move(csv));
                      })});
  registry.add_route({"/api/v1/bodies/{body}/proposal-statistics", ReadRule::everyone(),
                      in_body([](const ReadRequest& r, const ProposalFilter& f) {
                        auto book = ledger::body_rulebook(r.reader, r.rulebooks, r.param("body"));
                        std::string noun =
                            book && book->proposals && book->proposals->kind == "suggestion" ? "建议" : "提案";
                        return ledger::reply(statistics(r.reader, f, r.q("as_of"), noun));
                      })});
  registry.add_route({"/api/v1/bodies/{body}/proposal-reports", ReadRule::everyone(),
                      in_body(
                          [](const ReadRequest& r, const ProposalFilter&) -> Result<ledger::ReadReply> {
                            return ledger::ReadReply(reports(r.reader, r.param("body")));
                          },
                          /*listed=*/true),
                      ledger::Listing{"", {"term", "number"}, /*descending=*/true}});
  registry.add_route({"/api/v1/bodies/{body}/handling-units", ReadRule::everyone(),
                      in_body(
                          [](const ReadRequest& r, const ProposalFilter&) -> Result<ledger::ReadReply> {
                            Json units = Json::array();
                            for (const auto& u : tables::handling_units(r.reader, r.param("body")))
                              units.push_back(Json{{"id", u.id}, {"name_zh", u.name_zh}, {"name_en", u.name_en}});
                            return ledger::ReadReply(std::move(units));
                          },
                          /*listed=*/true),
                      ledger::Listing{"", {"id"}}});
  registry.add_route({"/api/v1/proposals/{proposal_id}", ReadRule::everyone(), [](const ReadRequest& r) {
                        return ledger::reply(get_proposal(r.reader, {r.viewer}, r.id("proposal_id")));
                      }});
  registry.add_route({"/api/v1/me/notifications", ReadRule::signed_in(),
                      [](const ReadRequest& r) -> Result<ledger::ReadReply> {
                        PLENUM_ASSIGN_OR_RETURN(auto notes, notifications(r.reader, {r.viewer}));
                        (notes)["signature_requests"] = signature_requests(r.reader, r.viewer);
                        return ledger::ReadReply(std::move(notes));
                      },
                      ledger::Listing{"notifications", {"id"}, /*descending=*/true}});
  // Historical proposals as a CSV file: parsed and checked here, recorded by one proposals.import.
  registry.add_upload({"/api/v1/bodies/{body}/proposals/import", "text/csv", "proposals.import",
                       [](const ReadRequest& r, const ledger::UploadBody& upload) -> Result<Json> {
                         const std::string& csv = upload.text;
                         for (const auto& [key, value] : r.query)
                           if (key != "session_id")
                             return invalid(key, "未知的查询参数 " + key, "unknown query parameter " + key);
                         PLENUM_ASSIGN_OR_RETURN(auto sid, ledger::parse_id(r.q("session_id"), "session_id"));
                         auto session = assembly::tables::session(r.reader, sid);
                         if (!session || session->body != r.param("body"))
                           return not_found("会议 " + std::to_string(sid), "session " + std::to_string(sid),
                                            "session_id");
                         PLENUM_ASSIGN_OR_RETURN(auto rows, parse_import_csv(csv));
                         return Json{{"session_id", sid}, {"rows", std::move(rows)}};
                       }});
}

}  // namespace plenum::proposals
