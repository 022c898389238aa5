#include "ledger/chain.h"

#include <map>

#include "base/text.h"

namespace plenum::ledger {

std::string event_hash(const store::EventRecord& e) {
  FieldHasher h;
  h.field("plenum-event-v1");
  h.field(e.prev_hash);
  h.field(e.body);
  h.field(std::to_string(e.seq));
  h.field(e.type);
  h.field(e.actor);
  h.field(std::to_string(e.at));
  h.field(e.request_id);
  h.field(e.payload);
  return h.hex();
}

ChainReport verify_chain(store::EventLog& log, const std::atomic<bool>* cancelled) {
  ChainReport report;
  std::map<std::string, std::pair<int64_t, std::string>> heads;  // body → (seq, hash)
  log.for_each_event([&](const store::EventRecord& e) {
    if (cancelled && cancelled->load(std::memory_order_relaxed)) {
      report.ok = false;
      report.reason = "cancelled";
      return false;
    }
    ++report.events;
    auto it = heads.find(e.body);
    int64_t expect_seq = it == heads.end() ? 1 : it->second.first + 1;
    const std::string& expect_prev = it == heads.end() ? kGenesisHash : it->second.second;
    auto broken = [&](std::string why) {
      report.ok = false;
      report.body = e.body;
      report.seq = e.seq;
      report.position = e.position;
      report.reason = std::move(why);
      return false;
    };
    if (e.seq != expect_seq) return broken("sequence gap: expected seq " + std::to_string(expect_seq));
    if (e.prev_hash != expect_prev) return broken("prev_hash does not match the previous event");
    if (event_hash(e) != e.hash) return broken("hash does not match the event's content");
    heads[e.body] = {e.seq, e.hash};
    return true;
  });
  report.bodies = static_cast<int64_t>(heads.size());
  return report;
}

Status chain_status(const ChainReport& r) {
  if (r.ok) return Status::ok();
  std::string at = r.body + " seq " + std::to_string(r.seq) + " (position " + std::to_string(r.position) + ")";
  return make_error(ErrorCode::kConflict, "账本在 " + at + " 处已损坏：" + r.reason,
                    "the ledger is broken at " + at + ": " + r.reason, "db");
}

}  // namespace plenum::ledger
