// The voting feature's slice of storage (store/tables.h): its tables with their schema and
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

namespace plenum::voting {

// The sums of a poll's ballot weights (1 each unless weighted).
struct Tally {
  int64_t yes = 0, no = 0, abstain = 0;
};

// One ballot of an anonymous poll: an opaque ballot id, its choice and weight.
struct Ballot {
  std::string ballot, choice;
  int64_t weight = 1;
};

// A poll: open → closed.
enum class PollState { kOpen, kClosed };
PLENUM_NAMES(PollState, {{PollState::kOpen, "open"}, {PollState::kClosed, "closed"}})

// A roll-call vote on one motion at one sitting.
struct PollRecord {
  int64_t id = 0;
  std::string body;
  int64_t sitting_id = 0;
  int64_t motion_id = 0;
  std::string mode;  // anonymous | named
  PollState state = PollState::kOpen;
  std::string method;  // device | show_of_hands (manual entry when the device system fails)
  std::string opened_by;
  int64_t opened_at = 0;
  std::string closed_by;
  int64_t closed_at = 0;
  int64_t yes = 0, no = 0, abstain = 0;
  int64_t not_voted = 0;  // present but did not press (未按表决器)
  int64_t present = 0;
  int64_t base_size = 0;  // the threshold's base on the day
  bool adopted = false;
  std::string rule;    // canonical JSON: the threshold that decided, with its citation
  std::string manual;  // canonical JSON of counts entered by hand awaiting sign-off, or ""
  std::string announcement_zh;
  std::string announcement_en;
};

}  // namespace plenum::voting

namespace plenum::voting::tables {

const store::TableSet& slice();

std::optional<PollRecord> poll(store::Reader& r, int64_t id);
std::vector<PollRecord> polls_of_sitting(store::Reader& r, int64_t sitting_id);
std::vector<PollRecord> polls_of_motion(store::Reader& r, int64_t motion_id);
std::vector<PollRecord> open_polls(store::Reader& r);
// The current choice on a ballot ("member:<id>" in a named poll, an opaque hash in an
// anonymous one).
std::optional<std::string> ballot_choice(store::Reader& r, int64_t poll_id, const std::string& ballot);
bool has_voted(store::Reader& r, int64_t poll_id, int64_t member_id);
int64_t count_voters(store::Reader& r, int64_t poll_id);
// Voters who are also checked in at the sitting (the rest of those present did not press).
int64_t count_voters_present(store::Reader& r, int64_t poll_id, int64_t sitting_id);
Tally tally(store::Reader& r, int64_t poll_id);  // sums of ballot weights (1 unless weighted)
std::vector<int64_t> voters(store::Reader& r, int64_t poll_id);
// Vote weights and proxies (only where the rulebook allows them: generic bodies).
std::map<int64_t, int64_t> member_weights(store::Reader& r, const std::string& body);  // absent: 1
// (grantor, holder) of the proxies given for a sitting.
std::vector<std::pair<int64_t, int64_t>> proxies(store::Reader& r, int64_t sitting_id);
std::vector<Ballot> anonymous_ballots(store::Reader& r, int64_t poll_id);
// (member id, choice) of a named poll; an anonymous poll's ballots carry no member.
std::vector<std::pair<int64_t, std::string>> named_votes(store::Reader& r, int64_t poll_id);
void put_poll(store::TableWriter& w, const PollRecord& poll);  // insert or replace
void put_ballot(store::TableWriter& w, int64_t poll_id, const std::string& ballot, int64_t member_id,
                const std::string& choice, int64_t weight);  // insert or replace
// Puts a sealed ballot unless the row is already there (it is, live; replay rebuilds it).
void seal_ballot(store::TableWriter& w, int64_t poll_id, const std::string& ballot, const std::string& choice,
                 int64_t weight);
void put_member_weight(store::TableWriter& w, const std::string& body, int64_t member_id, int64_t weight);
void put_proxy(store::TableWriter& w, int64_t sitting_id, int64_t grantor_id, int64_t holder_id);
// Marks that a member has voted (the double-voting guard; not part of the state hash, since
// an anonymous poll's events deliberately do not say who voted).
void put_voter(store::TableWriter& w, int64_t poll_id, int64_t member_id);

}  // namespace plenum::voting::tables
