// The record itself, for those who follow a body: its events in order, each shown by its
// feature's read rule (EventView), as on the live channel.
#include <algorithm>

#include "assembly/tables.h"
#include "base/text.h"
#include "ledger/ledger.h"

namespace plenum::ledger {

void register_event_routes(Registry& registry) {
  BodyOf chain = [](const ReadRequest& r) -> Result<std::string> {
    const std::string& body = r.param("body");
    if (body != kAccountsChain && !assembly::tables::body(r.reader, body))
      return not_found("机构 " + body, "body " + body, "body");
    return body;
  };
  registry.add_route(
      {"/api/v1/bodies/{body}/events", ReadRule::followers(chain), [](const ReadRequest& r) -> Result<ReadReply> {
         int64_t since = 0, limit = 1000;
         for (auto [key, value] : {std::pair<const char*, int64_t*>{"since", &since}, {"limit", &limit}}) {
           if (r.q(key).empty()) continue;
           PLENUM_ASSIGN_OR_RETURN(auto v, parse_id(r.q(key), key));
           *value = v;
         }
         limit = std::clamp<int64_t>(limit, 1, 10000);
         // An event shown in part or withheld comes without its hash, and the next one without its
         // prev_hash: the hash covers the whole payload, so with it a reader could test guesses of
         // what is withheld (a reason for leave is a short text). plenum verify checks the chain.
         auto redacted = [&](const store::EventRecord& e) {
           Event ev{e.body, e.seq, e.type, e.actor, e.at, Json::parse(e.payload), e.hash};
           auto shown = visible_payload(r.registry, r.reader, r.viewer, ev);
           return std::make_pair(shown, !shown || *shown != ev.payload);
         };
         bool previous_redacted = false;
         if (since > 0)
           for (const auto& e : r.reader.events_since(r.param("body"), since - 1, 1))
             previous_redacted = redacted(e).second;
         Json out = Json::array();
         for (const auto& e : r.reader.events_since(r.param("body"), since, limit)) {
           auto [shown, hidden] = redacted(e);
           Json item{{"body", e.body},   {"seq", e.seq},         {"type", e.type},
                     {"actor", e.actor}, {"at", iso_time(e.at)}, {"payload", shown ? *shown : Json()}};
           if (!previous_redacted) item["prev_hash"] = e.prev_hash;
           if (!hidden) item["hash"] = e.hash;
           if (!shown) item["withheld"] = true;
           previous_redacted = hidden;
           // A request id is the requester's own: it is shown to them, not to every follower.
           if (e.actor == r.viewer) item["request_id"] = e.request_id;
           out.push_back(std::move(item));
         }
         return ReadReply(std::move(out));
       }});
}

}  // namespace plenum::ledger
