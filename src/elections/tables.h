// The elections feature's slice of storage (store/tables.h): its tables with their schema and
// their place in the state hash, and the reads and writes of its records.
#pragma once

#include <utility>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/names.h"
#include "store/store.h"
#include "store/tables.h"

namespace plenum::elections {

// An election's states (below).
enum class ElectionState { kNominating, kVoting, kCounted, kClosed };
PLENUM_NAMES(ElectionState, {{ElectionState::kNominating, "nominating"},
                             {ElectionState::kVoting, "voting"},
                             {ElectionState::kCounted, "counted"},
                             {ElectionState::kClosed, "closed"}})

// An election by secret ballot (DOMAIN.md section 5) in paper mode: offices with seats, the
// candidates, the scrutineers, and its rounds. States: nominating → voting (a round open) →
// counted (a round counted; another round may follow) → closed.
struct ElectionRecord {
  int64_t id = 0;
  std::string body;
  int64_t session_id = 0;
  std::string title_zh;
  std::string title_en;
  int64_t seats = 1;
  std::string ballot_kind;  // election | confirmation
  std::string mode;         // paper | electronic
  ElectionState state = ElectionState::kNominating;
  int64_t round = 0;        // the latest round
  std::string candidates;   // canonical JSON [{id, name, member_id, nominated_by}]
  std::string scrutineers;  // canonical JSON [{member_id, chief}]
  std::string elected;      // canonical JSON [names] over all rounds
  // Electronic mode (docs/ELECTION-PROTOCOL.md): canonical JSON {threshold, trustees: [{index,
  // name, box_key}], public_key?, verification_keys?, credentials?}, "" in paper mode.
  std::string electronic;
  // Competitive margin from the session's election method: canonical JSON {"min", "max"} extra
  // candidates beyond the seats (0/0 等额), each an integer or a fraction "a/b" of the seats;
  // "" if the method sets none.
  std::string margin;
};

// A round: open → counted; electronic: open → tallying (the trustees decrypt) → counted.
enum class RoundState { kOpen, kTallying, kCounted };
PLENUM_NAMES(RoundState,
             {{RoundState::kOpen, "open"}, {RoundState::kTallying, "tallying"}, {RoundState::kCounted, "counted"}})

// One round of voting: who may vote (frozen when it opens), ballots issued and returned per box,
// the count entered by the scrutineers, and the result once the chief scrutineer signs it off.
struct ElectionRoundRecord {
  int64_t election_id = 0;
  int64_t number = 0;
  int64_t sitting_id = 0;
  std::string kind;  // first | runoff | reelection
  int64_t seats = 0;
  std::string candidate_ids;  // canonical JSON [ids]
  int64_t members = 0;        // eligible members on the day (the threshold's base)
  std::string members_hash;   // SHA-256 of the eligible member ids, published with the round
  std::string boxes;          // canonical JSON {box: {issued, returned}}
  std::string entry;          // canonical JSON: {"totals": {...}} or {"ballots": [...]}, "" until entered
  RoundState state = RoundState::kOpen;
  std::string result;     // canonical JSON of the count (elections/count.h), "" until counted
  std::string signed_by;  // canonical JSON [usernames]: scrutineers who signed the count
  std::string manifest;   // electronic mode: the manifest text published on the board, else ""
};

// One entry of an election's public bulletin board (docs/ELECTION-PROTOCOL.md section 9).
struct ElectionBoardRecord {
  int64_t election_id = 0;
  int64_t index = 0;
  std::string kind;
  int64_t round = 0;    // the round it belongs to, 0 for the key generation
  std::string payload;  // exact JSON text
  std::string hash;     // hex
};

// A public credential of an electronic election and the member who first cast with it (kept off
// the board: the board shows credentials, never who holds them).
struct ElectionCredentialRecord {
  int64_t election_id = 0;
  std::string credential;  // hex Ed25519 public key
  int64_t member_id = 0;   // 0 until first used
  int64_t last_round = 0;  // the latest round it cast a ballot in
  std::string receipts;    // canonical JSON [receipts of every ballot it cast]: a replay is refused
};

}  // namespace plenum::elections

namespace plenum::elections::tables {

const store::TableSet& slice();

std::optional<ElectionRecord> election(store::Reader& r, int64_t id);
std::vector<ElectionRecord> elections(store::Reader& r, int64_t session_id);
// The motion a ballot on a motion decides (表决票 on a constitutional amendment: its one item is
// the motion, candidates[0].motion_id), or 0 for an election of people.
int64_t ballot_motion(const ElectionRecord& e);
std::vector<ElectionRoundRecord> election_rounds(store::Reader& r, int64_t election_id);
// Rounds of every election still being voted or tallied.
std::vector<ElectionRoundRecord> unfinished_rounds(store::Reader& r);
// The board in index order; only the entries of `kind` if it is not empty (a board holds
// thousands of ballots, several KB each: a manifest or tally lookup must not read them all).
std::vector<ElectionBoardRecord> election_board(store::Reader& r, int64_t election_id, const std::string& kind = "");
std::optional<ElectionBoardRecord> election_board_last(store::Reader& r, int64_t election_id);
std::optional<ElectionCredentialRecord> election_credential(store::Reader& r, int64_t election_id,
                                                            const std::string& credential);
std::optional<ElectionCredentialRecord> election_credential_of(store::Reader& r, int64_t election_id,
                                                               int64_t member_id);
std::vector<ElectionCredentialRecord> election_credentials(store::Reader& r, int64_t election_id);  // by credential
// Credentials that cast a ballot in `round`.
int64_t count_election_voters(store::Reader& r, int64_t election_id, int64_t round);
void put_election(store::TableWriter& w, const ElectionRecord& election);                         // insert or replace
void put_election_round(store::TableWriter& w, const ElectionRoundRecord& round);                 // insert or replace
void append_election_board(store::TableWriter& w, const ElectionBoardRecord& entry);              // append only
void put_election_credential(store::TableWriter& w, const ElectionCredentialRecord& credential);  // insert or replace

}  // namespace plenum::elections::tables
