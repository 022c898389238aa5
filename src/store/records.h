// Plain records the Store reads and writes. They are the projection tables' rows, named in the
// domain's words; no behaviour lives here.
#pragma once

#include <cstdint>
#include <optional>
#include <map>
#include <string>
#include <vector>

namespace plenum::store {

// One entry of the append-only log. `payload` is canonical JSON text (base/json.h); `hash` is
// the chain link defined in ledger/chain.h.
struct EventRecord {
  int64_t position = 0;  // global insertion order (assigned by the store)
  std::string body;
  int64_t seq = 0;  // per-body sequence number, from 1
  std::string type;
  std::string actor;
  int64_t at = 0;  // microseconds since the epoch, UTC
  std::string request_id;
  std::string payload;
  std::string prev_hash;
  std::string hash;
};

// A proposal (提案) or a deputy's suggestion (建议), DOMAIN.md section 6. Its text never changes
// after submission; everything else is the cycle's state.
// States: submitted → registered → assigned → replied → closed, with rehandling (after 不满意)
// back to replied; or the review's other outcomes merged | converted | withdrawn | not_registered.
struct ProposalRecord {
  int64_t id = 0;
  std::string body;
  int64_t session_id = 0;
  int64_t number = 0;          // registration number (提案号), per body and session; 0 until 立案
  std::string title;           // 案由: "关于……的提案"
  std::string parts;           // canonical JSON {facts, analysis, suggestions}
  std::string area;            // economy | politics | culture | society | ecology
  std::string proposer_kind;   // member | party | organisation | special_committee | sector | group | delegation
  std::string proposer_name;   // the collective's name, or the first proposer's
  int64_t first_proposer_id = 0;        // member id; 0 for a collective proposal
  std::vector<int64_t> co_proposers;    // joint proposers after the first (联名)
  std::string stage;           // plenary (大会期间) | intersession (闭会期间)
  std::string channel;         // online | paper
  std::string submitted_on;    // YYYY-MM-DD, Beijing time
  std::string submitted_by;    // username
  std::string state;
  std::string outcome;         // review outcome: register | merge | convert | withdraw | reject | ""
  std::string reason;          // rejection reason id, or the withdrawal's/conversion's note
  std::string reviewed_on;
  int64_t merged_into = 0;
  std::string handling;        // lead | split | "" before assignment
  int64_t round = 0;           // handling round: 1, then +1 after each 不满意
  bool key = false;            // 重点提案 / 重点督办建议
  std::string replied_on;      // first date every required reply was in ("" until then)
  std::string rating;          // latest rating: satisfied | basically_satisfied | dissatisfied | ""
  std::string closed_on;
};

// A handling unit (承办单位): a ministry, a provincial government, a people's organisation.
struct HandlingUnitRecord {
  int64_t id = 0;
  std::string body;
  std::string name_zh;
  std::string name_en;
};

// One unit's part in handling a proposal in one round.
struct AssignmentRecord {
  int64_t proposal_id = 0;
  int64_t unit_id = 0;
  std::string role;          // lead (主办) | co (会办) | split (分办)
  int64_t round = 1;
  std::string assigned_on;
  std::string due_on;        // reply due (co: the opinion to the lead)
  std::string state;         // assigned | returned | opinion_given | replied
  std::string reply_class;   // A | B | C | D
  std::string reply_text;    // the reply letter, or a co-handler's opinion
  std::string replied_on;
  std::string returned_reason;
  std::string by;            // username of the last act
};

// A proposer's rating of the replies in one round.
struct FeedbackRecord {
  int64_t proposal_id = 0;
  int64_t round = 0;
  std::string rater;    // username
  std::string rating;   // satisfied | basically_satisfied | dissatisfied
  std::string note;
  std::string on;
};

// A supervision activity on a key proposal: consultation, inspection, visit.
struct SupervisionRecord {
  int64_t id = 0;
  int64_t proposal_id = 0;
  std::string kind;  // consultation | inspection | visit | other
  std::string note;
  std::string on;
  std::string by;
};

// A reply deadline extended (延期): when, by whom, and the new due date of the round's lead or
// split units. Kept so the record shows every extension, not only the latest due date.
struct ExtensionRecord {
  int64_t id = 0;
  int64_t proposal_id = 0;
  int64_t round = 0;
  int64_t months = 0;  // after assignment
  std::string due_on;
  std::string on;
  std::string by;
};

// A message to a proposer (member or account) or a handling unit about one proposal.
struct NotificationRecord {
  int64_t id = 0;
  std::string body;
  std::string recipient;  // "member:<id>", "account:<username>" or "unit:<id>"
  int64_t proposal_id = 0;
  std::string kind;       // the event type that caused it
  std::string text_zh;
  std::string text_en;
  int64_t at = 0;
};

// Which proposals a list, search, export or statistics query covers. Empty fields do not filter.
struct ProposalFilter {
  std::string body;
  int64_t session_id = 0;
  std::string state;
  std::string area;
  std::string outcome;
  std::string proposer_kind;
  int64_t unit_id = 0;          // assigned (in any round, not returned) to this unit
  std::string party;            // "member:<id>" or "account:<username>": a proposer's own
  std::string submitted_from;   // YYYY-MM-DD inclusive
  std::string submitted_to;
  bool key_only = false;
  std::string query;            // full text (search::fts_query syntax); "" = none
  int64_t limit = 50;
  int64_t offset = 0;
};

struct ProposalHit {
  ProposalRecord proposal;
  std::string title_highlight;  // 【】-marked title ("" without a query)
  std::string snippet;          // 【】-marked excerpt of the text
  double score = 0;             // bm25 (lower is better) or 0
};

// The figures an annual proposal work report publishes, for the proposals a filter selects.
struct ProposalStats {
  int64_t received = 0, pending_review = 0, registered = 0, merged = 0, converted = 0,
          withdrawn = 0, not_registered = 0;
  int64_t by_members = 0, by_collectives = 0, online = 0, plenary = 0, intersession = 0;
  std::map<std::string, int64_t> registered_by_area;
  int64_t answered = 0;  // registered with every reply in by `as_of`
  int64_t rated = 0, satisfied = 0, basically_satisfied = 0, dissatisfied = 0;
  struct Unit {
    int64_t unit_id = 0;
    std::string name_zh;
    int64_t assigned = 0, replied = 0, overdue = 0;
  };
  std::vector<Unit> units;
};

// An assignment whose reply (or opinion) is past due and not in.
struct OverdueItem {
  AssignmentRecord assignment;
  std::string title;
  std::string unit_name;
};

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
  std::string state;
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

// One round of voting: who may vote (frozen when it opens), ballots issued and returned per box,
// the count entered by the scrutineers, and the result once the chief scrutineer signs it off.
struct ElectionRoundRecord {
  int64_t election_id = 0;
  int64_t number = 0;
  int64_t sitting_id = 0;
  std::string kind;          // first | runoff | reelection
  int64_t seats = 0;
  std::string candidate_ids; // canonical JSON [ids]
  int64_t members = 0;       // eligible members on the day (the threshold's base)
  std::string members_hash;  // SHA-256 of the eligible member ids, published with the round
  std::string boxes;         // canonical JSON {box: {issued, returned}}
  std::string entry;         // canonical JSON: {"totals": {...}} or {"ballots": [...]}, "" until entered
  std::string state;         // open | counted
  std::string result;        // canonical JSON of the count (elections/count.h), "" until counted
  std::string signed_by;     // canonical JSON [usernames]: scrutineers who signed the count
  std::string manifest;      // electronic mode: the manifest text published on the board, else ""
};

// One entry of an election's public bulletin board (docs/ELECTION-PROTOCOL.md section 9).
struct ElectionBoardRecord {
  int64_t election_id = 0;
  int64_t index = 0;
  std::string kind;
  int64_t round = 0;      // the round it belongs to, 0 for the key generation
  std::string payload;    // exact JSON text
  std::string hash;       // hex
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

// A signed-in browser or client (not part of the assembly record, so not in the ledger).
struct LoginSession {
  std::string token_hash;  // SHA-256 of the cookie value
  std::string username;
  std::string csrf_token;
  int64_t created_at = 0;
  int64_t expires_at = 0;
};

}  // namespace plenum::store
