// `plenum verify-election`: every check of docs/ELECTION-PROTOCOL.md section 10 from the public
// board alone (no database, no server): the hash chain, the trustees' key generation, each
// round's manifest, every ballot's signature and proofs, one counted ballot per credential, the
// homomorphic tally, the partial decryptions and the result by the Election Law's rules
// (elections/count.h with the manifest's rule).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "crypto/board.h"

namespace plenum::elections {

struct CandidateCount {
  int64_t candidate_id = 0;
  int64_t for_votes = 0, against_votes = 0, abstentions = 0;
};

struct RoundVerified {
  int64_t round = 0;
  int64_t ballots_counted = 0;
  int64_t electorate = 0;
  std::vector<CandidateCount> counts;
  std::vector<int64_t> elected;
};

struct Verification {
  bool ok = false;
  std::string code;    // section 10's failure code ("board-hash", "ballot", …); empty if ok
  int64_t entry = -1;  // index of the failing entry, -1 if none
  std::string reason;  // English sentence
  int64_t ballots_checked = 0;
  std::vector<RoundVerified> rounds;
};

// Runs every check of section 10 in order and stops at the first failure (by step, then by board
// order). Parses and checks the ballots on every hardware thread. Thread-safe (no shared state).
Verification verify_board(const std::vector<crypto::BoardEntry>& entries);

}  // namespace plenum::elections
