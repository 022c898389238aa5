#include "ledger/chain.h"

#include <sodium.h>

#include <map>

#include "base/text.h"

namespace plenum::ledger {

std::string event_hash(const store::EventRecord& e) {
  crypto_hash_sha256_state st;
  crypto_hash_sha256_init(&st);
  auto feed = [&](std::string_view s) {
    std::string len = std::to_string(s.size()) + ":";
    crypto_hash_sha256_update(&st, reinterpret_cast<const unsigned char*>(len.data()), len.size());
    crypto_hash_sha256_update(&st, reinterpret_cast<const unsigned char*>(s.data()), s.size());
  };
  feed("plenum-event-v1");
  feed(e.prev_hash);
  feed(e.body);
  feed(std::to_string(e.seq));
  feed(e.type);
  feed(e.actor);
  feed(std::to_string(e.at));
  feed(e.request_id);
  feed(e.payload);
  unsigned char h[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&st, h);
  return to_hex(h, sizeof h);
}

ChainReport verify_chain(store::Reader& reader) {
  ChainReport report;
  std::map<std::string, std::pair<int64_t, std::string>> heads;  // body → (seq, hash)
  reader.for_each_event([&](const store::EventRecord& e) {
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
    if (e.seq != expect_seq)
      return broken("sequence gap: expected seq " + std::to_string(expect_seq));
    if (e.prev_hash != expect_prev) return broken("prev_hash does not match the previous event");
    if (event_hash(e) != e.hash) return broken("hash does not match the event's content");
    heads[e.body] = {e.seq, e.hash};
    return true;
  });
  report.bodies = static_cast<int64_t>(heads.size());
  return report;
}

}  // namespace plenum::ledger
