// The smallest whole assembly: what the tests, the fuzzers and the benchmarks start from, written
// once. A body with its first term and first session (2024-03-01 to 2024-03-10), `members`
// members in two units 甲团 and 乙团 (odd seats in 甲团), and one plenary sitting on 2024-03-05,
// all through the ledger's ordinary actions as the system actor.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/status.h"
#include "ledger/ledger.h"
#include "store/store.h"

namespace plenum::demo {

struct SkeletonSpec {
  std::string body = "t";
  std::string rulebook = "npc";
  std::string level;  // the body's level; "" for the rulebook's default
  std::string name_zh = "测试机构";
  std::string name_en = "Test body";
  int members = 0;  // 0 to 99,999
};

struct Skeleton {
  std::string body;
  int64_t session_id = 0;
  int64_t sitting_id = 0;
  std::vector<int64_t> member_ids;  // in seat order
};

// Member i's seat (from 1): "S" and i in four digits, or five when there are more than 9,999
// members; the card is the same with "K".
std::string skeleton_seat(int i, int members);

// Seeds the skeleton; the first refusal is returned as it is.
Result<Skeleton> seed_skeleton(ledger::Ledger& ledger, store::Store& store, const SkeletonSpec& spec);

}  // namespace plenum::demo
