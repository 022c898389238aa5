// The electronic mode of an election (docs/ELECTION-PROTOCOL.md): the trustees' key generation,
// the credentials, a manifest per round, ballots checked and published as they arrive, the
// homomorphic tally and the trustees' decryption. Every step appends to the election's public
// bulletin board in the same transaction as its ledger event, so the board is a projection that
// replay rebuilds exactly.
//
// The server never sees a private credential, a trustee's key share or a ballot's randomness:
// trustees and the credential authority post only public material (relayed by the presiding or
// secretariat role), and every post is checked before it is accepted.

#include <algorithm>
#include <map>
#include <memory>
#include <mutex>
#include <set>

#include "accounts/tables.h"
#include "assembly/assembly.h"
#include "assembly/tables.h"
#include "base/args.h"
#include "base/text.h"
#include "crypto/ballot.h"
#include "crypto/board.h"
#include "crypto/trustee.h"
#include "elections/internal.h"
#include "elections/tables.h"

namespace plenum::elections::electronic {
namespace {

using ledger::ActionContext;
using ledger::Event;

constexpr int64_t kMaxTrustees = 20;
constexpr int64_t kMaxCredentials = 100000;

Json electronic_of(const ElectionRecord& e) {
  return e.electronic.empty() ? Json::object() : Json::parse(e.electronic);
}

Status require_electronic(const ElectionRecord& e) {
  if (e.mode != "electronic")
    return make_error(ErrorCode::kConflict, "本次选举使用纸质选票", "this election is held on paper ballots",
                      "args.election_id");
  return Status::ok();
}

// "c3" → 3: the manifest numbers candidates by the integer part of their id.
int64_t candidate_number(const std::string& id) { return parse_int(std::string_view(id).substr(1)).value_or(0); }

std::optional<ElectionRoundRecord> current_round(store::Reader& tx, const ElectionRecord& e) {
  for (const auto& r : tables::election_rounds(tx, e.id))
    if (r.number == e.round) return r;
  return std::nullopt;
}

// Parsing a manifest with thousands of credentials for every ballot would dominate the cast, so
// parsed manifests are kept, by text for the writer and by fingerprint for the submitting
// threads (a round's manifest never changes).
struct ManifestCache {
  std::mutex mutex;
  std::map<std::string, std::shared_ptr<const crypto::Manifest>> by_text, by_fingerprint;
};
ManifestCache& manifests() {
  static ManifestCache cache;
  return cache;
}

std::shared_ptr<const crypto::Manifest> manifest_of(const std::string& text) {
  auto& cache = manifests();
  std::lock_guard lock(cache.mutex);
  auto it = cache.by_text.find(text);
  if (it != cache.by_text.end()) return it->second;
  auto parsed = crypto::parse_manifest(text);
  if (!parsed) throw store::StoreFailure("stored manifest does not parse: " + parsed.error().message_en);
  if (cache.by_text.size() > 64) cache.by_text.clear(), cache.by_fingerprint.clear();
  auto m = std::make_shared<const crypto::Manifest>(std::move(*parsed));
  cache.by_text.emplace(text, m);
  cache.by_fingerprint.emplace(m->fingerprint, m);
  return m;
}

std::shared_ptr<const crypto::Manifest> manifest_by_fingerprint(const std::string& fingerprint) {
  auto& cache = manifests();
  std::lock_guard lock(cache.mutex);
  auto it = cache.by_fingerprint.find(fingerprint);
  return it == cache.by_fingerprint.end() ? nullptr : it->second;
}

// Receipts of ballots whose signature and proofs the submitting thread has checked. The receipt
// hashes every byte of the ballot, so the writer may trust the check for a ballot with that
// receipt and spend its single thread only on what needs the database.
class VerifiedBallots {
 public:
  void add(const std::string& receipt) {
    std::lock_guard lock(mutex_);
    if (receipts_.size() > 200000) receipts_.clear();  // a later cast re-verifies in the writer
    receipts_.insert(receipt);
  }
  bool contains(const std::string& receipt) {
    std::lock_guard lock(mutex_);
    return receipts_.count(receipt) > 0;
  }

 private:
  std::mutex mutex_;
  std::set<std::string> receipts_;
};
VerifiedBallots& verified_ballots() {
  static VerifiedBallots v;
  return v;
}

std::vector<Json> board_payloads(store::Reader& tx, int64_t election_id, const std::string& kind, int64_t round) {
  std::vector<Json> out;
  for (const auto& b : tables::election_board(tx, election_id, kind))
    if (b.round == round) out.push_back(Json::parse(b.payload));
  return out;
}

Result<int64_t> trustee_index(const Json& payload, int64_t trustees) {
  if (!payload.contains("trustee") || !payload["trustee"].is_number_integer())
    return invalid("args.payload.trustee", "payload.trustee 应为受托人序号", "payload.trustee must be a trustee index");
  int64_t j = payload["trustee"];
  if (j < 1 || j > trustees)
    return not_found("受托人 " + std::to_string(j), "trustee " + std::to_string(j), "args.payload.trustee");
  return j;
}

Error already_posted(int64_t j) {
  return make_error(ErrorCode::kConflict, "受托人 " + std::to_string(j) + " 已提交过这一步",
                    "trustee " + std::to_string(j) + " has already posted this step", "args.payload.trustee");
}

// ---- the tally's result

// Decrypts the tally with the first `threshold` valid partial decryptions and counts the round
// by the Election Law's rules; the result's board payload and the count.
struct Counted {
  std::string board_payload;
  RoundResult result;
};

Result<Counted> count_round(ActionContext& ctx, const ElectionRecord& e, const ElectionRoundRecord& r,
                            const crypto::Manifest& manifest, const Json& tally_payload,
                            const std::vector<Json>& partials) {
  PLENUM_ASSIGN_OR_RETURN(auto tally, crypto::parse_tally(tally_payload["slots"], manifest.slot_count));
  std::vector<uint32_t> indices;
  std::vector<std::vector<crypto::Element>> factors;
  for (const auto& p : partials) {
    if (indices.size() == manifest.trustee_threshold) break;
    auto f = crypto::check_partial_decryption(manifest, tally, p);
    if (!f) continue;  // refused when posted; kept out of the count all the same
    indices.push_back(p["trustee"].get<uint32_t>());
    factors.push_back(std::move(*f));
  }
  int64_t counted_ballots = tally_payload["ballots_counted"];
  PLENUM_ASSIGN_OR_RETURN(auto counts, crypto::combine(tally, indices, factors, counted_ballots));
  PLENUM_ASSIGN_OR_RETURN(auto round, round_rules(ctx, e, r));
  round.issued = r.members;  // every eligible member holds a credential: a ballot "issued" each
  round.returned = counted_ballots;
  Totals totals;
  totals.valid_ballots = counted_ballots;
  for (size_t i = 0; i < round.candidates.size(); ++i) {
    totals.for_votes[round.candidates[i].id] = (counts)[2 * i];
    totals.against_votes[round.candidates[i].id] = (counts)[2 * i + 1];
  }
  PLENUM_ASSIGN_OR_RETURN(auto result, count_totals(round, totals));
  Json elected = Json::array();
  for (const auto& c : result.candidates)
    if (c.elected) elected.push_back(candidate_number(c.id));
  Json trustees = Json::array();
  for (auto j : indices) trustees.push_back(j);
  Json payload{{"round", r.number},
               {"trustees", trustees},
               {"counts", counts},
               {"ballots_counted", counted_ballots},
               {"elected", elected},
               {"announcement_zh", result.announcement_zh},
               {"announcement_en", result.announcement_en}};
  return Counted{canonical(payload), std::move(result)};
}

// ---- actions

Status setup_trustees(ActionContext& ctx, const Json& args) {
  PLENUM_ASSIGN_OR_RETURN(auto e, election_arg(ctx, args));
  PLENUM_TRY(ctx.require_role(e.body, {"presiding", "secretariat"}));
  PLENUM_TRY(require_electronic(e));
  if (electronic_of(e).contains("trustees"))
    return make_error(ErrorCode::kConflict, "受托人已经确定", "the trustees are already set up", "args.election_id");
  if (e.state != ElectionState::kNominating)
    return wrong_state(e, "投票开始后不能再设立受托人", "trustees are set up before voting");
  PLENUM_ASSIGN_OR_RETURN(auto list, req_array(args, "trustees", "args"));
  int64_t n = static_cast<int64_t>((list)->size());
  if (n < 1 || n > kMaxTrustees)
    return invalid("args.trustees", "受托人应为 1 到 20 人", "there must be 1 to 20 trustees");
  PLENUM_ASSIGN_OR_RETURN(auto k, req_int(args, "threshold", "args"));
  if (k < 1 || k > n)
    return invalid("args.threshold", "门限应在 1 到受托人人数之间",
                   "the threshold must be between 1 and the number of trustees");
  Json trustees = Json::array();
  std::set<std::string> names, keys;
  for (int64_t i = 0; i < n; ++i) {
    std::string at = "args.trustees[" + std::to_string(i) + "]";
    const Json& t = (*list)[i];
    if (!t.is_object()) return invalid(at, at + " 应为对象", at + " must be an object");
    PLENUM_ASSIGN_OR_RETURN(auto name, text_arg(t, "name", 50));
    PLENUM_ASSIGN_OR_RETURN(auto key, req_string(t, "box_key", at));
    PLENUM_ASSIGN_OR_RETURN(auto raw, crypto::from_hex(key, at + ".box_key"));
    if (raw.size() != 32) return invalid(at + ".box_key", "box_key 应为 32 字节", "box_key must be 32 bytes");
    if (!names.insert(name).second || !keys.insert(key).second)
      return make_error(ErrorCode::kConflict, "受托人重复", "a trustee is listed twice", at);
    trustees.push_back(Json{{"index", i + 1}, {"name", name}, {"box_key", key}});
  }
  Json setup{{"election_id", e.id}, {"round", 0}, {"threshold", k}, {"trustees", trustees}};  // round 0: the key
  ctx.emit(e.body, "elections.trustees_set_up", Json{{"election_id", e.id}, {"payload", canonical(setup)}});
  ctx.result() = Json{{"election_id", e.id}, {"threshold", k}, {"trustees", n}};
  return Status::ok();
}

Status publish_credentials(ActionContext& ctx, const Json& args) {
  PLENUM_ASSIGN_OR_RETURN(auto e, election_arg(ctx, args));
  PLENUM_TRY(ctx.require_role(e.body, {"presiding", "secretariat"}));
  PLENUM_TRY(require_electronic(e));
  if (electronic_of(e).contains("credentials"))
    return make_error(ErrorCode::kConflict, "凭证已经公布", "the credentials are already published",
                      "args.election_id");
  if (e.round != 0)
    return wrong_state(e, "投票开始后不能再公布凭证", "credentials are published before the first round");
  PLENUM_ASSIGN_OR_RETURN(auto list, req_array(args, "credentials", "args"));
  if ((list)->empty() || static_cast<int64_t>((list)->size()) > kMaxCredentials)
    return invalid("args.credentials", "凭证应为 1 到 100000 个", "there must be 1 to 100000 credentials");
  std::string previous;
  for (size_t i = 0; i < (list)->size(); ++i) {
    std::string at = "args.credentials[" + std::to_string(i) + "]";
    const Json& c = (*list)[i];
    if (!c.is_string()) return invalid(at, at + " 应为十六进制公钥", at + " must be a hex public key");
    PLENUM_ASSIGN_OR_RETURN(auto raw, crypto::from_hex(c.get<std::string>(), at));
    if (raw.size() != 32) return invalid(at, at + " 应为 32 字节", at + " must be 32 bytes");
    // Lowercase hex of equal length sorts as the bytes do.
    if (c.get<std::string>() <= previous)
      return invalid(at, "凭证须按升序排列且不重复", "credentials must be in increasing order without duplicates");
    previous = c.get<std::string>();
  }
  ctx.emit(e.body, "elections.credentials_published", Json{{"election_id", e.id}, {"credentials", *list}});
  ctx.result() = Json{{"election_id", e.id}, {"credentials", (list)->size()}};
  return Status::ok();
}

Status post_trustee(ActionContext& ctx, const Json& args) {
  PLENUM_ASSIGN_OR_RETURN(auto e, election_arg(ctx, args));
  PLENUM_TRY(ctx.require_role(e.body, {"presiding", "secretariat"}));
  PLENUM_TRY(require_electronic(e));
  Json el = electronic_of(e);
  if (!el.contains("trustees"))
    return make_error(ErrorCode::kConflict, "尚未设立受托人", "no trustees are set up", "args.election_id");
  PLENUM_ASSIGN_OR_RETURN(auto kind, req_string(args, "kind", "args"));
  if (!args.contains("payload") || !args["payload"].is_object())
    return invalid("args.payload", "payload 应为对象", "payload must be an object");
  const Json& payload = args["payload"];
  int64_t n = static_cast<int64_t>(el["trustees"].size());
  uint32_t k = el["threshold"];
  PLENUM_ASSIGN_OR_RETURN(auto j, trustee_index(payload, n));
  std::string setup = *crypto::from_hex(el["setup"].get<std::string>(), "setup");
  auto posted = [&](const std::string& key) {
    const Json& list = el.value(key, Json::array());
    return std::find(list.begin(), list.end(), j) != list.end();
  };
  std::string text = canonical(payload);
  if (kind == "trustee-commitments") {
    if (posted("commitments")) return already_posted(j);
    PLENUM_TRY(only_keys(payload, {"trustee", "commitments", "proofs", "shares"}, "args.payload"));
    PLENUM_TRY(crypto::check_trustee_commitments(setup, k, static_cast<uint32_t>(n), payload));
    ctx.emit(e.body, "elections.trustee_posted",
             Json{{"election_id", e.id}, {"round", 0}, {"kind", kind}, {"trustee", j}, {"payload", text}});
  } else if (kind == "trustee-accepted") {
    if (posted("accepted")) return already_posted(j);
    auto commitments = board_payloads(ctx.reader(), e.id, "trustee-commitments", 0);
    if (static_cast<int64_t>(commitments.size()) < n)
      return make_error(ErrorCode::kConflict, "还有受托人没有提交承诺", "not every trustee has posted commitments",
                        "args.kind");
    PLENUM_TRY(only_keys(payload, {"trustee", "verification_key", "proof"}, "args.payload"));
    PLENUM_TRY(crypto::check_trustee_accepted(setup, commitments, payload));
    Json event{{"election_id", e.id}, {"round", 0}, {"kind", kind}, {"trustee", j}, {"payload", text}};
    auto accepted = board_payloads(ctx.reader(), e.id, "trustee-accepted", 0);
    accepted.push_back(payload);
    if (static_cast<int64_t>(accepted.size()) == n) {  // the last one: the election key is set
      PLENUM_ASSIGN_OR_RETURN(auto keys,
                              crypto::check_key_generation(setup, k, static_cast<uint32_t>(n), commitments, accepted));
      Json vks = Json::array();
      for (const auto& h : keys.verification_keys) vks.push_back(crypto::to_hex(h));
      event["public_key"] = crypto::to_hex(keys.public_key);
      event["verification_keys"] = vks;
    }
    ctx.emit(e.body, "elections.trustee_posted", event);
  } else if (kind == "partial-decryption") {
    auto r = current_round(ctx.reader(), e);
    if (!r || r->state != RoundState::kTallying)
      return wrong_state(e, "没有等待解密的计票", "no tally is waiting to be decrypted");
    PLENUM_TRY(only_keys(payload, {"trustee", "round", "factors"}, "args.payload"));
    if (payload.value("round", Json()) != r->number)
      return invalid("args.payload.round", "payload.round 应为当前轮次 " + std::to_string(r->number),
                     "payload.round must be the current round " + std::to_string(r->number));
    auto partials = board_payloads(ctx.reader(), e.id, "partial-decryption", r->number);
    for (const auto& p : partials)
      if (p["trustee"] == j) return already_posted(j);
    auto manifest = manifest_of(r->manifest);
    auto tally_payloads = board_payloads(ctx.reader(), e.id, "tally", r->number);
    const Json& tally_payload = tally_payloads.at(0);
    PLENUM_ASSIGN_OR_RETURN(auto tally, crypto::parse_tally(tally_payload["slots"], manifest->slot_count));
    PLENUM_ASSIGN_OR_RETURN(auto factors, crypto::check_partial_decryption(*manifest, tally, payload));
    ctx.emit(e.body, "elections.trustee_posted",
             Json{{"election_id", e.id}, {"round", r->number}, {"kind", kind}, {"trustee", j}, {"payload", text}});
    partials.push_back(payload);
    if (partials.size() >= k) {
      PLENUM_ASSIGN_OR_RETURN(auto counted, count_round(ctx, e, *r, *manifest, tally_payload, partials));
      Json result = result_json(counted.result);
      ctx.emit(
          e.body, "elections.round_counted",
          Json{{"election_id", e.id}, {"number", r->number}, {"result", result}, {"board", counted.board_payload}});
      ctx.result() = Json{{"election_id", e.id}, {"trustee", j}, {"result", result}};
      return Status::ok();
    }
  } else {
    return invalid("args.kind", "kind 只能是 trustee-commitments、trustee-accepted 或 partial-decryption",
                   "kind must be trustee-commitments, trustee-accepted or partial-decryption");
  }
  ctx.result() = Json{{"election_id", e.id}, {"trustee", j}, {"kind", kind}};
  return Status::ok();
}

// Whether the member sits on the round's sitting day (the electorate frozen when it opened).
bool eligible(ActionContext& ctx, const ElectionRecord& e, const ElectionRoundRecord& r, int64_t member_id) {
  auto m = assembly::tables::member(ctx.reader(), member_id);
  auto sitting = assembly::tables::sitting(ctx.reader(), r.sitting_id);
  if (!m || !sitting || m->body != e.body) return false;
  std::string day = assembly::sitting_date(*sitting);
  return m->joined_on <= day && (m->vacated_on.empty() || m->vacated_on > day);
}

Status cast(ActionContext& ctx, const Json& args) {
  PLENUM_ASSIGN_OR_RETURN(auto e, election_arg(ctx, args));
  PLENUM_TRY(require_electronic(e));
  int64_t me = ctx.actor_member_id();
  if (me == 0)
    return make_error(ErrorCode::kForbidden, "只有有选举权的成员可以投票",
                      "only a member entitled to vote may cast a ballot", "actor");
  auto r = open_round(ctx.reader(), e);
  if (!r) return wrong_state(e, "没有进行中的投票", "no round is open");
  if (!eligible(ctx, e, *r, me))
    return make_error(ErrorCode::kForbidden, "您不在本轮有选举权的成员名单中",
                      "you are not among the members entitled to vote in this round", "actor");
  if (!args.contains("ballot") || !args["ballot"].is_object())
    return invalid("args.ballot", "ballot 应为对象", "ballot must be an object");
  PLENUM_ASSIGN_OR_RETURN(auto ballot, crypto::parse_ballot(args["ballot"]));
  auto manifest = manifest_of(r->manifest);
  std::string receipt = crypto::receipt(ballot);
  if (ballot.fingerprint != manifest->fingerprint || !verified_ballots().contains(receipt))
    PLENUM_TRY(crypto::verify_ballot(*manifest, ballot));  // the round's manifest decides
  std::string credential =
      crypto::to_hex(std::string_view(reinterpret_cast<const char*>(ballot.credential.data()), 32));
  auto held = tables::election_credential(ctx.reader(), e.id, credential);
  if (!held) return not_found("凭证", "credential", "args.ballot.credential");
  if (held->member_id != 0 && held->member_id != me)
    return make_error(ErrorCode::kForbidden, "该凭证已由另一名成员使用",
                      "this credential is already used by another member", "args.ballot.credential");
  if (held->member_id == 0) {
    auto mine = tables::election_credential_of(ctx.reader(), e.id, me);
    if (mine)
      return make_error(ErrorCode::kConflict, "您已使用另一凭证投票", "you have already voted with another credential",
                        "args.ballot.credential");
  }
  for (const auto& earlier : Json::parse(held->receipts.empty() ? "[]" : held->receipts))
    if (earlier == receipt)  // replaying an earlier ballot would silently undo a later change
      return make_error(ErrorCode::kConflict, "这张选票已经投过", "this ballot has already been cast", "args.ballot");
  Json payload{{"round", r->number}, {"ballot", crypto::ballot_json(ballot)}, {"receipt", receipt}};
  ctx.emit(e.body, "elections.ballot_cast",
           Json{{"election_id", e.id},
                {"round", r->number},
                {"member_id", me},
                {"credential", credential},
                {"receipt", receipt},
                {"payload", canonical(payload)}});
  ctx.notify(e.body, "election:" + std::to_string(e.id), [id = e.id, round = r->number](store::Reader& reader) {
    return Json{{"kind", "elections.progress"},
                {"election_id", id},
                {"round", round},
                {"voted", tables::count_election_voters(reader, id, round)}};
  });
  ctx.result() = Json{{"election_id", e.id}, {"round", r->number}, {"receipt", receipt}};
  return Status::ok();
}

// On the submitting thread: the expensive checks (signature, every proof) of a ballot for a
// manifest this process has seen, in parallel across requests instead of one by one in the
// writer. A ballot that fails is refused before it is queued.
Status prepare_cast(const ledger::Preparation&, Json& args) {
  if (!args.is_object() || !args.contains("ballot") || !args["ballot"].is_object()) return Status::ok();
  PLENUM_ASSIGN_OR_RETURN(auto ballot, crypto::parse_ballot(args["ballot"]));
  auto manifest = manifest_by_fingerprint(ballot.fingerprint);
  if (!manifest) return Status::ok();  // not seen yet (e.g. after a restart): the writer checks
  PLENUM_TRY(crypto::verify_ballot(*manifest, ballot));
  verified_ballots().add(crypto::receipt(ballot));
  return Status::ok();
}

Status close_round(ActionContext& ctx, const Json& args) {
  PLENUM_ASSIGN_OR_RETURN(auto e, election_arg(ctx, args));
  PLENUM_TRY(ctx.require_role(e.body, {"presiding"}));
  PLENUM_TRY(require_electronic(e));
  auto r = open_round(ctx.reader(), e);
  if (!r) return wrong_state(e, "没有进行中的投票", "no round is open");
  auto manifest = manifest_of(r->manifest);
  // The last ballot of each credential counts, in board order.
  std::map<std::string, size_t> last;
  std::vector<crypto::Ballot> ballots;
  std::vector<std::string> receipts;
  for (const auto& b : tables::election_board(ctx.reader(), e.id, "ballot")) {
    if (b.round != r->number) continue;
    Json p = Json::parse(b.payload);
    auto ballot = crypto::parse_ballot(p["ballot"]);
    if (!ballot) throw store::StoreFailure("a stored ballot does not parse");
    std::string key(reinterpret_cast<const char*>(ballot->credential.data()), 32);
    last[key] = ballots.size();
    ballots.push_back(std::move(*ballot));
    receipts.push_back(p["receipt"]);
  }
  std::vector<size_t> counted_at;
  for (const auto& [key, at] : last) counted_at.push_back(at);
  std::sort(counted_at.begin(), counted_at.end());
  std::vector<const crypto::Ballot*> counted;
  Json counted_receipts = Json::array();
  for (size_t at : counted_at) {
    counted.push_back(&ballots[at]);
    counted_receipts.push_back(receipts[at]);
  }
  auto slots = crypto::tally(manifest->slot_count, counted);
  Json payload{{"round", r->number},
               {"ballots_counted", counted.size()},
               {"receipts", counted_receipts},
               {"slots", crypto::tally_json(slots)}};
  ctx.emit(e.body, "elections.tallied",
           Json{{"election_id", e.id}, {"number", r->number}, {"payload", canonical(payload)}});
  ctx.result() = Json{{"election_id", e.id}, {"round", r->number}, {"ballots_counted", counted.size()}};
  return Status::ok();
}

void register_projectors(ledger::Registry::Room reg) {
  reg.add_projector("elections.trustees_set_up", [](store::TableWriter& tx, const Event& ev) {
    auto e = projected_election(tx, ev);
    std::string text = ev.payload["payload"];
    append_board(tx, e.id, 0, "setup", text);
    Json setup = Json::parse(text);
    Json el{{"threshold", setup["threshold"]},
            {"trustees", setup["trustees"]},
            {"setup", tables::election_board_last(tx, e.id)->hash},
            {"commitments", Json::array()},
            {"accepted", Json::array()}};
    e.electronic = canonical(el);
    tables::put_election(tx, e);
  });
  reg.add_projector("elections.credentials_published", [](store::TableWriter& tx, const Event& ev) {
    auto e = projected_election(tx, ev);
    for (const auto& c : ev.payload["credentials"]) tables::put_election_credential(tx, {e.id, c, 0, 0, "[]"});
    Json el = electronic_of(e);
    el["credentials"] = ev.payload["credentials"].size();
    e.electronic = canonical(el);
    tables::put_election(tx, e);
  });
  reg.add_projector("elections.trustee_posted", [](store::TableWriter& tx, const Event& ev) {
    auto e = projected_election(tx, ev);
    const Json& j = ev.payload;
    append_board(tx, e.id, j["round"], j["kind"], j["payload"]);
    Json el = electronic_of(e);
    if (j["kind"] == "trustee-commitments") el["commitments"].push_back(j["trustee"]);
    if (j["kind"] == "trustee-accepted") el["accepted"].push_back(j["trustee"]);
    if (j.contains("public_key")) {
      el["public_key"] = j["public_key"];
      el["verification_keys"] = j["verification_keys"];
    }
    e.electronic = canonical(el);
    tables::put_election(tx, e);
  });
  // Who cast which board entry is the member's own: the public board leaves the member out
  // (docs/ELECTION-PROTOCOL.md), and so do the events route and the live channel for anyone
  // but that member.
  reg.add_event_view("elections.ballot_cast", [](store::Reader& reader, const std::string& viewer, const Event& ev) {
    auto account = accounts::tables::account(reader, viewer);
    if (account && account->member_id && account->member_id == ev.payload.value("member_id", int64_t{0}))
      return std::optional<Json>(ev.payload);
    Json shown = ev.payload;
    shown.erase("member_id");
    shown.erase("credential");
    return std::optional<Json>(shown);
  });
  reg.add_projector("elections.ballot_cast", [](store::TableWriter& tx, const Event& ev) {
    const Json& j = ev.payload;
    int64_t id = j["election_id"];
    append_board(tx, id, j["round"], "ballot", j["payload"]);
    auto held = tables::election_credential(tx, id, j["credential"]);
    if (!held) throw store::StoreFailure("elections.ballot_cast: unknown credential");
    Json receipts = Json::parse(held->receipts);
    receipts.push_back(j["receipt"]);
    tables::put_election_credential(tx, {id, held->credential, j["member_id"], j["round"], canonical(receipts)});
  });
  reg.add_projector("elections.tallied", [](store::TableWriter& tx, const Event& ev) {
    int64_t id = ev.payload["election_id"];
    append_board(tx, id, ev.payload["number"], "tally", ev.payload["payload"]);
    for (auto r : tables::election_rounds(tx, id))
      if (r.number == ev.payload["number"].get<int64_t>()) {
        r.state = RoundState::kTallying;
        tables::put_election_round(tx, r);
      }
  });
}

}  // namespace

void append_board(store::TableWriter& tx, int64_t election_id, int64_t round, const std::string& kind,
                  const std::string& payload) {
  auto last = tables::election_board_last(tx, election_id);
  std::string prev(32, '\0');
  int64_t index = 0;
  if (last) {
    prev = *crypto::from_hex(last->hash, "hash");
    index = last->index + 1;
  }
  std::string hash = crypto::board_hash(prev, index, kind, payload);
  tables::append_election_board(tx, {election_id, index, kind, round, payload, crypto::to_hex(hash)});
}

Result<std::string> round_manifest(ActionContext& ctx, const ElectionRecord& e, int64_t number, const std::string& kind,
                                   int64_t seats, const Json& candidate_ids, int64_t members,
                                   const std::string& members_hash) {
  Json el = electronic_of(e);
  if (!el.contains("public_key"))
    return make_error(ErrorCode::kConflict, "受托人尚未完成选举密钥的生成",
                      "the trustees have not finished generating the election key", "args.election_id");
  if (!el.contains("credentials"))
    return make_error(ErrorCode::kConflict, "尚未公布选民凭证", "no credentials have been published",
                      "args.election_id");
  if (el["credentials"].get<int64_t>() != members)
    return make_error(
        ErrorCode::kConflict,
        "凭证数（" + el["credentials"].dump() + "）与有选举权的成员数（" + std::to_string(members) + "）不符",
        "credentials were issued for " + el["credentials"].dump() + " members but " + std::to_string(members) +
            " are entitled to vote",
        "args.election_id");
  PLENUM_ASSIGN_OR_RETURN(auto rules, rules_of(ctx, e.body));
  auto body = assembly::tables::body(ctx.reader(), e.body);
  const auto& levels = (rules)->reelection_floor_levels;
  bool floor = kind == "reelection" && (rules)->reelection_floor && body &&
               std::find(levels.begin(), levels.end(), body->level) != levels.end();
  auto threshold_json = [](const rules::Threshold& t) {
    return Json{{"comparison", t.comparison == rules::Comparison::kAtLeast ? "at_least" : "more_than"},
                {"numerator", t.fraction.num},
                {"denominator", t.fraction.den}};
  };
  Json rule = threshold_json((rules)->threshold);
  rule["reelection"] = kind == "reelection";
  rule["reelection_floor"] = floor ? threshold_json(*(rules)->reelection_floor) : Json();
  Json all = Json::parse(e.candidates);
  Json candidates = Json::array();
  std::vector<int64_t> numbers;
  for (const auto& id : candidate_ids)
    for (const auto& c : all)
      if (c["id"] == id) {
        numbers.push_back(candidate_number(id));
        candidates.push_back(Json{{"id", numbers.back()}, {"name", c["name"]}});
      }
  Json credentials = Json::array();
  for (const auto& c : tables::election_credentials(ctx.reader(), e.id)) credentials.push_back(c.credential);
  Json layout = crypto::ballot_layout(numbers, static_cast<uint32_t>(seats));
  Json manifest{{"protocol", "plenum-election/1"},
                {"group", "ristretto255"},
                {"election_id", e.id},
                {"round", number},
                {"title_zh", e.title_zh},
                {"title_en", e.title_en},
                {"setup", el["setup"]},
                {"public_key", el["public_key"]},
                {"trustee_threshold", el["threshold"]},
                {"verification_keys", el["verification_keys"]},
                {"credentials", credentials},
                {"electorate", {{"count", members}, {"hash", members_hash}}},
                {"seats", seats},
                {"ballot_kind", e.ballot_kind},
                {"rule", rule},
                {"candidates", candidates},
                {"slots", layout["slots"]},
                {"constraints", layout["constraints"]}};
  std::string text = canonical(manifest);
  auto parsed = crypto::parse_manifest(text);  // the server's manifest must pass its own verifier
  if (!parsed) return parsed.error();
  return text;
}

bool is_ballot_event(const std::string& type) { return type == "elections.ballot_cast"; }

Json summary(const std::string& text) {
  Json el = Json::parse(text);
  Json trustees = Json::array();
  for (const auto& t : el.value("trustees", Json::array()))
    trustees.push_back(Json{{"index", t["index"]}, {"name", t["name"]}});
  return Json{{"threshold", el.value("threshold", Json())},
              {"trustees", trustees},
              {"public_key", el.value("public_key", Json())},
              {"credentials", el.value("credentials", Json())},
              {"commitments", el.value("commitments", Json::array())},
              {"accepted", el.value("accepted", Json::array())}};
}

Result<Json> board(store::Reader& reader, int64_t election_id, const std::string& kind, const std::string& receipt) {
  auto e = tables::election(reader, election_id);
  if (!e)
    return not_found("选举 " + std::to_string(election_id), "election " + std::to_string(election_id), "election_id");
  Json entries = Json::array();
  for (const auto& b : tables::election_board(reader, election_id, receipt.empty() ? kind : "ballot")) {
    if (!kind.empty() && b.kind != kind) continue;
    if (!receipt.empty() && (b.kind != "ballot" || Json::parse(b.payload).value("receipt", "") != receipt)) continue;
    entries.push_back(Json{{"index", b.index}, {"kind", b.kind}, {"payload", b.payload}, {"hash", b.hash}});
  }
  return Json{{"election_id", election_id}, {"entries", entries}};
}

Result<Json> member_ballot(store::Reader& reader, int64_t election_id, int64_t member_id) {
  auto e = tables::election(reader, election_id);
  if (!e)
    return not_found("选举 " + std::to_string(election_id), "election " + std::to_string(election_id), "election_id");
  Json out{{"election_id", election_id},
           {"voted", false},
           {"round", nullptr},
           {"receipt", nullptr},
           {"receipts", Json::array()}};
  auto held = tables::election_credential_of(reader, election_id, member_id);
  if (!held) return out;
  Json receipts = Json::parse(held->receipts);
  out["voted"] = true;
  out["round"] = held->last_round;
  out["receipt"] = receipts.empty() ? Json() : receipts.back();
  out["receipts"] = receipts;
  return out;
}

void register_feature(ledger::Registry& reg, ledger::Registry::Room room) {
  reg.add_action(
      "elections.setup_trustees",
      ledger::ArgSchema{
          ledger::Arg::id("election_id", 1).required(), ledger::Arg::integer("threshold", 1, 20).required(),
          ledger::Arg::array("trustees",
                             ledger::Arg::object("", ledger::ArgSchema{ledger::Arg::string("name", 50, 1).required(),
                                                                       ledger::Arg::string("box_key", 64, 64)
                                                                           .documented({{"pattern", "^[0-9a-f]{64}$"}})
                                                                           .required()}),
                             1, 20)
              .required()},
      setup_trustees);
  reg.add_action(
      "elections.publish_credentials",
      ledger::ArgSchema{ledger::Arg::id("election_id", 1).required(),
                        ledger::Arg::array("credentials", ledger::Arg::string("", 64, 64), 1, 100000).required()},
      publish_credentials);
  reg.add_action(
      "elections.post_trustee",
      ledger::ArgSchema{
          ledger::Arg::id("election_id", 1).required(),
          ledger::Arg::choice("kind", {"trustee-commitments", "trustee-accepted", "partial-decryption"}).required(),
          ledger::Arg::json("payload", "object", Json::parse(R"({"type": "object"})"))
              .required()
              .describe("the trustee's payload as docs/ELECTION-PROTOCOL.md defines it")},
      post_trustee);
  reg.add_action(
      "elections.cast",
      ledger::ArgSchema{ledger::Arg::id("election_id", 1).required(),
                        ledger::Arg::json("ballot", "object", Json::parse(R"({"type": "object"})")).required()},
      cast, prepare_cast);
  reg.add_action("elections.close_round", ledger::ArgSchema{ledger::Arg::id("election_id", 1).required()}, close_round);
  register_projectors(room);
}

}  // namespace plenum::elections::electronic
