// Counting one round of a secret-ballot election by the Election Law's rules (DOMAIN.md
// section 5), whatever produced the ballots: paper ballots entered by hand or scanned, ballot-box
// totals, or (later) the decrypted tally of the electronic mode.
//
// Rules, in order:
// - validity of the round (选举法第四十四条): ballots returned more than issued → the round is
//   void and nobody is elected;
// - validity of a ballot: a ballot marking more names "for" (candidates and written-in names
//   together) than there are seats is void; a write-in is allowed only on an election ballot
//   (选举票), never on a confirmation ballot (表决票), and only in place of a candidate the
//   member voted against;
// - elected: candidates (and written-in names) whose "for" votes meet the threshold (more than
//   half of ALL members by default, 议事规则第四十条), the most votes first, up to the seats;
// - a tie at the cut-off: those above the tie are elected, the tied go to a new round for the
//   remaining seats;
// - seats still unfilled are re-elected in a new round; where the re-election floor applies
//   (county and township, 选举法第四十五条) the most votes win provided they reach at least a
//   third of the ballots.
// Counts are exact integers; thresholds are rules::Threshold.
//
// Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "rules/rulebook.h"

namespace plenum::elections {

enum class BallotKind {
  kElection,      // 选举票: for / against / abstain per candidate, write-ins allowed
  kConfirmation,  // 表决票: for / against / abstain, no write-in
};

enum class Mark { kFor, kAgainst, kAbstain };

struct Candidate {
  std::string id;  // stable within the election, e.g. "c1"
  std::string name;
};

// One paper ballot as marked. A candidate not in `marks` was left unmarked (counted as abstain).
struct Ballot {
  std::map<std::string, Mark> marks;   // candidate id → mark
  std::vector<std::string> write_ins;  // names written in (election ballots only)
};

// A ballot box's or the whole round's totals, when ballots are counted by hand per box.
struct Totals {
  int64_t valid_ballots = 0;
  int64_t void_ballots = 0;
  std::map<std::string, int64_t> for_votes;       // candidate id → for
  std::map<std::string, int64_t> against_votes;   // candidate id → against
  std::map<std::string, int64_t> abstentions;     // candidate id → abstain
  std::map<std::string, int64_t> write_in_votes;  // written-in name → for
};

struct Round {
  BallotKind kind = BallotKind::kElection;
  int64_t seats = 1;
  std::vector<Candidate> candidates;
  int64_t members = 0;         // ALL members eligible on the day (the snapshot): the threshold's base
  int64_t issued = 0;          // ballots issued
  int64_t returned = 0;        // ballots returned
  rules::Threshold threshold;  // to be elected
  std::optional<rules::Threshold> reelection_floor;  // county/township re-election (at least 1/3 of the valid ballots)
  bool reelection = false;                           // this round re-elects unfilled seats
};

struct CandidateResult {
  std::string id;  // candidate id, or "" for a written-in name
  std::string name;
  bool written_in = false;
  int64_t for_votes = 0, against_votes = 0, abstentions = 0;
  bool meets_threshold = false;
  bool elected = false;
  bool tied = false;  // tied at the cut-off: goes to a new round
};

struct RoundResult {
  bool valid = true;  // false: returned > issued, nobody elected
  int64_t valid_ballots = 0, void_ballots = 0;
  int64_t minimum = 0;                      // the fewest "for" votes that meet the threshold
  std::vector<CandidateResult> candidates;  // candidates in ballot order, then write-ins by votes
  std::vector<std::string> elected;         // names, most votes first
  std::vector<std::string> runoff;          // names tied at the cut-off
  int64_t runoff_seats = 0;                 // seats the tie decides
  int64_t unfilled = 0;                     // seats left for a re-election round
  std::string announcement_zh;
  std::string announcement_en;
};

// Checks one ballot against the round: kMalformed for marks on unknown candidates or a write-in
// where none is allowed. A ballot that is merely void (too many names) is not an error.
Status check_ballot(const Round& round, const Ballot& ballot);
// Whether a well-formed ballot is void (more names marked "for" than seats).
bool is_void(const Round& round, const Ballot& ballot);

// Counts individual ballots (each checked; the first malformed one is the error).
Result<RoundResult> count_ballots(const Round& round, const std::vector<Ballot>& ballots);
// Counts totals entered per box and summed (kMalformed if they do not add up: the valid and
// void ballots must equal the ballots returned, and no candidate can have more marks than
// valid ballots).
Result<RoundResult> count_totals(const Round& round, const Totals& totals);

}  // namespace plenum::elections
