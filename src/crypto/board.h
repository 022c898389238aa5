// The public bulletin board of an election (docs/ELECTION-PROTOCOL.md section 9): entries and
// their hash chain. elections/verification.h checks a whole board.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/json.h"

namespace plenum::crypto {

struct BoardEntry {
  int64_t index = 0;
  std::string kind;
  std::string payload;  // exact JSON text
  std::string hash;     // raw 32 bytes
};

// hash_i = SHA-256(LP("plenum-board/1") ‖ LP(prev) ‖ U32(i) ‖ LP(kind) ‖ LP(payload)).
std::string board_hash(const std::string& prev, int64_t index, const std::string& kind, const std::string& payload);

// Appends entry (kind, payload) to `board` with the next index and its chained hash.
void append_entry(std::vector<BoardEntry>& board, std::string kind, std::string payload);

// {"index", "kind", "payload", "hash"} with the hash in hex, and back (the hash is not checked
// by parse_board_entries: verify_board does that).
Json board_entry_json(const BoardEntry& entry);
Result<std::vector<BoardEntry>> parse_board(const Json& board);  // {"election_id", "entries"}

}  // namespace plenum::crypto
