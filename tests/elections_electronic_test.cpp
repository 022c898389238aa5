// A verifiable electronic election through the ledger (docs/ELECTION-PROTOCOL.md), from the
// trustees' key generation to the announced result: three trustees with threshold two (one
// absent at the decryption), credentials from a credential authority the server never hears
// from, ballots made and proved as a device makes them, a changed vote, attacks refused by the
// server, and the board checked by the standalone verifier (library and `plenum verify-election`)
// before and after tampering.
#include <algorithm>
#include <fstream>
#include <gtest/gtest.h>

#include "crypto/ballot.h"
#include "crypto/board.h"
#include "crypto/trustee.h"
#include "elections/elections.h"
#include "elections/verification.h"
#include "ledger/ledger.h"
#include "test_support.h"

namespace plenum::testing {
namespace {

std::string hex32(const crypto::Bytes32& b) {
  return crypto::to_hex(std::string_view(reinterpret_cast<const char*>(b.data()), b.size()));
}

class ElectronicElection : public ::testing::Test {
 protected:
  void SetUp() override {
    crypto::init();
    app_ = open_app(dir_.file("e.db"));
    a_ = seed_assembly(*app_, "npc", "npc", 12);
    add_account(*app_, "chair", Json::array({{{"body", "npc"}, {"role", "presiding"}}}));
    add_account(*app_, "clerk", Json::array({{{"body", "npc"}, {"role", "secretariat"}}}));
    add_member_accounts(*app_, "npc", a_.member_ids);
    ASSERT_TRUE(act(*app_, "assembly.open_sitting", Json{{"sitting_id", a_.sitting_id}}).is_ok());
    // A round begins only at a quorate sitting (议事规则第四条).
    ASSERT_TRUE(
        act(*app_, "attendance.check_in_bulk", Json{{"sitting_id", a_.sitting_id}, {"member_ids", a_.member_ids}}));
  }
  std::string member(size_t i) { return "m" + std::to_string(a_.member_ids[i]); }
  Json ok(const std::string& action, Json args, const std::string& actor) {
    auto r = act(*app_, action, std::move(args), actor);
    EXPECT_TRUE(r.is_ok()) << action << " by " << actor << ": " << (r.is_ok() ? "" : r.error().message_en);
    return r.is_ok() ? r->result : Json();
  }
  Error fails(const std::string& action, Json args, const std::string& actor) {
    auto before = app_->store->read()->state_hash();
    auto r = act(*app_, action, std::move(args), actor);
    EXPECT_FALSE(r.is_ok()) << action << " by " << actor << " should have failed";
    EXPECT_EQ(before, app_->store->read()->state_hash());
    return r.is_ok() ? Error{} : r.error();
  }
  Json election(int64_t id) { return *elections::get_election(*app_->store->read(), id); }
  Json board(int64_t id) { return *elections::get_board(*app_->store->read(), id); }
  std::string manifest_text(int64_t id) {
    Json b = board(id);
    for (const auto& e : b["entries"])
      if (e["kind"] == "manifest") return e["payload"];
    return "";
  }
  std::vector<Json> payloads(int64_t id, const std::string& kind) {
    std::vector<Json> out;
    Json b = board(id);
    for (const auto& e : b["entries"])
      if (e["kind"] == kind) out.push_back(Json::parse(e["payload"].get<std::string>()));
    return out;
  }

  TempDir dir_;
  std::unique_ptr<app::App> app_;
  Assembly a_;
};

TEST_F(ElectronicElection, ThreeTrusteesOneAbsentFromKeyGenerationToVerifiedResult) {
  int64_t e = ok("elections.create",
                 Json{{"session_id", a_.session_id},
                      {"title_zh", "选举副主任委员"},
                      {"seats", 2},
                      {"ballot_kind", "election"},
                      {"mode", "electronic"}},
                 "chair")["election_id"];
  EXPECT_EQ(fails("elections.create",
                  Json{{"session_id", a_.session_id},
                       {"title_zh", "x"},
                       {"seats", 1},
                       {"ballot_kind", "election"},
                       {"mode", "online"}},
                  "chair")
                .field,
            "args.mode");
  for (const char* name : {"甲", "乙", "丙"})
    ok("elections.nominate", Json{{"election_id", e}, {"name", name}, {"organ", "presidium"}}, "chair");

  // The trustees: each keeps its secret; the server sees box keys, commitments and proofs only.
  std::vector<crypto::TrusteeSecret> trustees(3);
  std::vector<crypto::Bytes32> box_keys;
  Json listed = Json::array();
  for (uint32_t i = 0; i < 3; ++i) {
    trustees[i].index = i + 1;
    trustees[i].box = crypto::new_box_key();
    box_keys.push_back(trustees[i].box.public_key);
    listed.push_back(Json{{"name", "受托人" + std::to_string(i + 1)}, {"box_key", hex32(trustees[i].box.public_key)}});
  }
  EXPECT_EQ(fails("elections.setup_trustees", Json{{"election_id", e}, {"threshold", 4}, {"trustees", listed}}, "chair")
                .field,
            "args.threshold");
  EXPECT_EQ(
      fails("elections.setup_trustees", Json{{"election_id", e}, {"threshold", 2}, {"trustees", listed}}, member(0))
          .code,
      ErrorCode::kForbidden);
  ok("elections.setup_trustees", Json{{"election_id", e}, {"threshold", 2}, {"trustees", listed}}, "clerk");
  std::string setup = *crypto::from_hex(board(e)["entries"][0]["hash"].get<std::string>(), "hash");

  std::vector<Json> commitments;
  for (auto& t : trustees) commitments.push_back(crypto::trustee_commitments(t, setup, 2, box_keys));
  ok("elections.post_trustee", Json{{"election_id", e}, {"kind", "trustee-commitments"}, {"payload", commitments[0]}},
     "clerk");
  EXPECT_EQ(fails("elections.post_trustee",
                  Json{{"election_id", e}, {"kind", "trustee-commitments"}, {"payload", commitments[0]}}, "clerk")
                .code,
            ErrorCode::kConflict);
  {  // a commitment whose proof does not check is refused when posted
    Json bad = commitments[1];
    std::swap(bad["proofs"][0], bad["proofs"][1]);
    fails("elections.post_trustee", Json{{"election_id", e}, {"kind", "trustee-commitments"}, {"payload", bad}},
          "clerk");
  }
  ok("elections.post_trustee", Json{{"election_id", e}, {"kind", "trustee-commitments"}, {"payload", commitments[1]}},
     "clerk");
  ok("elections.post_trustee", Json{{"election_id", e}, {"kind", "trustee-commitments"}, {"payload", commitments[2]}},
     "clerk");
  for (auto& t : trustees) {
    auto accepted = crypto::trustee_accept(t, setup, payloads(e, "trustee-commitments"));
    ASSERT_TRUE(accepted.is_ok()) << accepted.error().message_en;
    ok("elections.post_trustee", Json{{"election_id", e}, {"kind", "trustee-accepted"}, {"payload", *accepted}},
       "chair");
  }
  EXPECT_TRUE(election(e)["electronic"]["public_key"].is_string());

  // The credential authority: one credential per member; the server gets the sorted public keys.
  std::vector<crypto::Credential> credentials;
  Json publics = Json::array();
  for (size_t i = 0; i < a_.member_ids.size(); ++i) credentials.push_back(crypto::new_credential());
  std::vector<std::string> sorted;
  for (const auto& c : credentials) sorted.push_back(hex32(c.public_key));
  std::sort(sorted.begin(), sorted.end());
  Json reversed = std::vector<std::string>(sorted.rbegin(), sorted.rend());
  EXPECT_EQ(fails("elections.publish_credentials", Json{{"election_id", e}, {"credentials", reversed}}, "clerk").code,
            ErrorCode::kMalformed);
  ok("elections.publish_credentials", Json{{"election_id", e}, {"credentials", sorted}}, "clerk");

  Json opened = ok("elections.open_round", Json{{"election_id", e}, {"sitting_id", a_.sitting_id}}, "chair");
  EXPECT_EQ(opened["members"], 12);
  auto manifest = crypto::parse_manifest(manifest_text(e));
  ASSERT_TRUE(manifest.is_ok()) << manifest.error().message_en;
  ASSERT_EQ(manifest->slot_count, 6u);  // for/against × 甲乙丙

  // Slots: 0 for 甲, 1 against 甲, 2 for 乙, 3 against 乙, 4 for 丙, 5 against 丙.
  auto cast = [&](size_t who, std::vector<uint32_t> marks, const crypto::Credential* with = nullptr) {
    auto b = crypto::make_ballot(*manifest, with ? *with : credentials[who], marks);
    EXPECT_TRUE(b.is_ok());
    return std::make_pair(crypto::ballot_json(*b), crypto::receipt(*b));
  };
  std::vector<std::string> receipts;
  for (size_t i = 0; i < 8; ++i) {  // 甲 and 乙
    auto [ballot, receipt] = cast(i, {1, 0, 1, 0, 0, 0});
    EXPECT_EQ(ok("elections.cast", Json{{"election_id", e}, {"ballot", ballot}}, member(i))["receipt"], receipt);
    receipts.push_back(receipt);
  }
  for (size_t i = 8; i < 10; ++i)  // 甲, against 乙, 丙
    ok("elections.cast", Json{{"election_id", e}, {"ballot", cast(i, {1, 0, 0, 1, 1, 0}).first}}, member(i));
  ok("elections.cast", Json{{"election_id", e}, {"ballot", cast(10, {0, 0, 0, 0, 0, 0}).first}}, member(10));  // blank
  auto [first_choice, first_receipt] = cast(11, {0, 0, 0, 0, 1, 0});
  ok("elections.cast", Json{{"election_id", e}, {"ballot", first_choice}}, member(11));
  auto [changed_choice, changed_receipt] = cast(11, {1, 0, 1, 0, 0, 0});
  ok("elections.cast", Json{{"election_id", e}, {"ballot", changed_choice}}, member(11));  // changed

  // Attacks the server refuses, each changing nothing.
  EXPECT_EQ(fails("elections.cast", Json{{"election_id", e}, {"ballot", first_choice}}, member(11)).code,
            ErrorCode::kConflict);  // replaying the earlier ballot would undo the change
  EXPECT_EQ(fails("elections.cast",
                  Json{{"election_id", e}, {"ballot", cast(0, {1, 0, 0, 0, 0, 0}, &credentials[1]).first}}, member(0))
                .code,
            ErrorCode::kForbidden);  // someone else's credential
  {
    Json tampered = cast(0, {1, 0, 0, 0, 0, 0}).first;
    tampered["slots"][0]["alpha"] = tampered["slots"][1]["alpha"];
    fails("elections.cast", Json{{"election_id", e}, {"ballot", tampered}}, member(0));
    Json swapped = cast(0, {1, 0, 0, 0, 0, 0}).first;
    swapped["slots"][0]["proof"] = cast(1, {1, 0, 0, 0, 0, 0}).first["slots"][0]["proof"];
    fails("elections.cast", Json{{"election_id", e}, {"ballot", swapped}}, member(0));
  }
  {  // a copy of member 0's ballot signed again with another credential
    auto copy = crypto::parse_ballot(cast(0, {1, 0, 1, 0, 0, 0}).first);
    ASSERT_TRUE(copy.is_ok());
    auto resigned = crypto::make_ballot(*manifest, credentials[5], {1, 0, 1, 0, 0, 0});
    ASSERT_TRUE(resigned.is_ok());
    copy->credential = resigned->credential;
    copy->signature = resigned->signature;
    fails("elections.cast", Json{{"election_id", e}, {"ballot", crypto::ballot_json(*copy)}}, member(5));
  }
  EXPECT_EQ(
      fails("elections.cast", Json{{"election_id", e}, {"ballot", cast(0, {1, 0, 1, 0, 0, 0}).first}}, "chair").code,
      ErrorCode::kForbidden);  // not a member
  EXPECT_EQ(election(e)["rounds"][0]["voted"], 12);

  EXPECT_EQ(fails("elections.close_round", Json{{"election_id", e}}, member(0)).code, ErrorCode::kForbidden);
  EXPECT_EQ(ok("elections.close_round", Json{{"election_id", e}}, "chair")["ballots_counted"], 12);
  EXPECT_EQ(
      fails("elections.cast", Json{{"election_id", e}, {"ballot", cast(3, {1, 0, 1, 0, 0, 0}).first}}, member(3)).code,
      ErrorCode::kConflict);

  // Trustees 1 and 3 decrypt; trustee 2 is absent.
  auto tally = crypto::parse_tally(payloads(e, "tally").at(0)["slots"], manifest->slot_count);
  ASSERT_TRUE(tally.is_ok());
  Json partial1 = crypto::partial_decryption(trustees[0], *manifest, *tally);
  partial1["round"] = 1;
  ok("elections.post_trustee", Json{{"election_id", e}, {"kind", "partial-decryption"}, {"payload", partial1}},
     "clerk");
  Json partial3 = crypto::partial_decryption(trustees[2], *manifest, *tally);
  partial3["round"] = 1;
  {  // a wrong partial decryption: trustee 3's key share, claimed by trustee 2
    Json wrong = partial3;
    wrong["trustee"] = 2;
    fails("elections.post_trustee", Json{{"election_id", e}, {"kind", "partial-decryption"}, {"payload", wrong}},
          "clerk");
  }
  Json counted = ok("elections.post_trustee",
                    Json{{"election_id", e}, {"kind", "partial-decryption"}, {"payload", partial3}}, "clerk")["result"];
  // 甲 11 for; 乙 9 for, 2 against; 丙 2 for (member 11's first ballot no longer counts).
  ASSERT_EQ(counted["candidates"].size(), 3u);
  EXPECT_EQ(counted["candidates"][0]["for"], 11);
  EXPECT_EQ(counted["candidates"][1]["for"], 9);
  EXPECT_EQ(counted["candidates"][1]["against"], 2);
  EXPECT_EQ(counted["candidates"][2]["for"], 2);
  EXPECT_EQ(counted["elected"], Json({"甲", "乙"}));
  EXPECT_NE(counted["announcement_zh"].get<std::string>().find("选举有效"), std::string::npos);
  EXPECT_EQ(election(e)["state"], "closed");

  {  // Over HTTP, without signing in: the election, its fingerprint, and the board, whole or filtered.
    TestServer server(*app_);
    HttpClient anyone(server.port());
    std::string base = "/api/v1/elections/" + std::to_string(e);
    HttpReply got = anyone.get(base);
    ASSERT_EQ(got.status, 200) << got.body;
    EXPECT_EQ(got.json()["rounds"][0]["fingerprint"], crypto::to_hex(manifest->fingerprint));
    EXPECT_EQ(anyone.get(base + "/board").json()["entries"].size(), board(e)["entries"].size());
    Json manifests = anyone.get(base + "/board?kind=manifest").json()["entries"];
    ASSERT_EQ(manifests.size(), 1u);
    EXPECT_EQ(manifests[0]["payload"], manifest->text);
    Json mine = anyone.get(base + "/board?receipt=" + receipts[0]).json()["entries"];
    ASSERT_EQ(mine.size(), 1u);
    EXPECT_EQ(Json::parse(mine[0]["payload"].get<std::string>())["receipt"], receipts[0]);
    EXPECT_EQ(anyone.get(base + "/board?receipt=" + std::string(64, 'f')).json()["entries"].size(), 0u);
    EXPECT_EQ(anyone.get("/api/v1/elections/999/board").status, 404);
    // The board a page at a time (ledger/listing.h), by its index: the pages are the whole board.
    Json whole = anyone.get(base + "/board").json()["entries"], walked = Json::array();
    for (std::string next = base + "/board?limit=2"; !next.empty();) {
      HttpReply page = anyone.get(next);
      ASSERT_EQ(page.status, 200) << page.body;
      EXPECT_EQ(page.headers["x-total-count"], std::to_string(whole.size()));
      Json body = page.json();
      for (const auto& entry : body["entries"]) walked.push_back(entry);
      std::string link = page.headers["link"];
      next = link.empty() ? "" : link.substr(1, link.find('>') - 1);
    }
    EXPECT_EQ(walked, whole);

    // A member's own ballot, for their device after a reload: both receipts, the last counts.
    std::string own = "/api/v1/me/elections/" + std::to_string(e) + "/ballot";
    EXPECT_EQ(anyone.get(own).status, 401);
    HttpClient voter(server.port());
    ASSERT_EQ(voter.login(member(11)).status, 200);
    HttpReply ballot = voter.get(own);
    ASSERT_EQ(ballot.status, 200) << ballot.body;
    EXPECT_EQ(ballot.json()["voted"], true);
    EXPECT_EQ(ballot.json()["round"], 1);
    EXPECT_EQ(ballot.json()["receipts"], Json({first_receipt, changed_receipt}));
    EXPECT_EQ(ballot.json()["receipt"], changed_receipt);
    EXPECT_EQ(voter.get("/api/v1/me/elections/999/ballot").status, 404);
    HttpClient chair(server.port());
    ASSERT_EQ(chair.login("chair").status, 200);
    EXPECT_EQ(chair.get(own).status, 403);  // not a member's account
  }

  // The board alone verifies, and every receipt is on it.
  Json exported = board(e);
  std::string dump = exported.dump();
  for (const auto& r : receipts) EXPECT_NE(dump.find(r), std::string::npos);
  auto entries = crypto::parse_board(exported);
  ASSERT_TRUE(entries.is_ok());
  auto verified = elections::verify_board(*entries);
  ASSERT_TRUE(verified.ok) << verified.code << " at " << verified.entry << ": " << verified.reason;
  EXPECT_EQ(verified.ballots_checked, 13);  // every ballot on the board, the superseded one too
  ASSERT_EQ(verified.rounds.size(), 1u);
  EXPECT_EQ(verified.rounds[0].ballots_counted, 12);
  EXPECT_EQ(verified.rounds[0].elected, (std::vector<int64_t>{1, 2}));

  std::string good = dir_.file("board.json"), bad = dir_.file("tampered.json");
  std::ofstream(good) << dump;
  auto [rc, out] = run_plenum("verify-election --board " + good);
  EXPECT_EQ(rc, 0) << out;
  EXPECT_NE(out.find("verification OK"), std::string::npos) << out;
  // A tampered entry: the first ballot's receipt changed on the board.
  Json tampered = exported;
  for (auto& entry : tampered["entries"])
    if (entry["kind"] == "ballot") {
      Json p = Json::parse(entry["payload"].get<std::string>());
      p["receipt"] = std::string(64, '0');
      entry["payload"] = canonical(p);
      break;
    }
  std::ofstream(bad) << tampered.dump();
  auto [rc2, out2] = run_plenum("verify-election --board " + bad);
  EXPECT_EQ(rc2, 1) << out2;
  EXPECT_NE(out2.find("board-hash"), std::string::npos) << out2;

  // The board is a projection of the ledger: replay rebuilds it exactly.
  auto fresh = open_app(dir_.file("replayed.db"));
  auto report = ledger::replay(*app_->store, *fresh->store, app_->registry);
  EXPECT_TRUE(report.ok) << report.problem;
}

TEST_F(ElectronicElection, ARoundCannotOpenWithoutTheKeyOrWithCredentialsForTheWrongNumberOfMembers) {
  int64_t e = ok("elections.create",
                 Json{{"session_id", a_.session_id},
                      {"title_zh", "选举秘书长"},
                      {"seats", 1},
                      {"ballot_kind", "confirmation"},
                      {"mode", "electronic"}},
                 "chair")["election_id"];
  ok("elections.nominate", Json{{"election_id", e}, {"name", "甲"}, {"organ", "presidium"}}, "chair");
  EXPECT_EQ(fails("elections.open_round", Json{{"election_id", e}, {"sitting_id", a_.sitting_id}}, "chair").code,
            ErrorCode::kConflict);  // no key yet
  crypto::TrusteeSecret t;
  t.index = 1;
  t.box = crypto::new_box_key();
  ok("elections.setup_trustees",
     Json{{"election_id", e},
          {"threshold", 1},
          {"trustees", {{{"name", "受托人"}, {"box_key", hex32(t.box.public_key)}}}}},
     "clerk");
  std::string setup = *crypto::from_hex(board(e)["entries"][0]["hash"].get<std::string>(), "hash");
  ok("elections.post_trustee",
     Json{{"election_id", e},
          {"kind", "trustee-commitments"},
          {"payload", crypto::trustee_commitments(t, setup, 1, {t.box.public_key})}},
     "clerk");
  auto accepted = crypto::trustee_accept(t, setup, payloads(e, "trustee-commitments"));
  ASSERT_TRUE(accepted.is_ok());
  ok("elections.post_trustee", Json{{"election_id", e}, {"kind", "trustee-accepted"}, {"payload", *accepted}}, "clerk");
  std::vector<std::string> eleven;
  for (int i = 0; i < 11; ++i) eleven.push_back(hex32(crypto::new_credential().public_key));
  std::sort(eleven.begin(), eleven.end());
  ok("elections.publish_credentials", Json{{"election_id", e}, {"credentials", eleven}}, "clerk");
  Error wrong = fails("elections.open_round", Json{{"election_id", e}, {"sitting_id", a_.sitting_id}}, "chair");
  EXPECT_EQ(wrong.code, ErrorCode::kConflict);
  EXPECT_NE(wrong.message_en.find("11"), std::string::npos) << wrong.message_en;
  // Paper-mode actions do not apply, nor electronic ones to a paper election.
  int64_t paper =
      ok("elections.create",
         Json{{"session_id", a_.session_id}, {"title_zh", "纸质"}, {"seats", 1}, {"ballot_kind", "election"}},
         "chair")["election_id"];
  EXPECT_EQ(fails("elections.setup_trustees",
                  Json{{"election_id", paper},
                       {"threshold", 1},
                       {"trustees", {{{"name", "x"}, {"box_key", hex32(t.box.public_key)}}}}},
                  "chair")
                .code,
            ErrorCode::kConflict);
}

// The trustees' and credential authority's programs (`plenum trustee`, `plenum
// election-credentials`) on files, the server seeing only what they print.
TEST_F(ElectronicElection, TrusteeAndCredentialCommandLines) {
  int64_t e = ok("elections.create",
                 Json{{"session_id", a_.session_id},
                      {"title_zh", "选举秘书长"},
                      {"seats", 1},
                      {"ballot_kind", "confirmation"},
                      {"mode", "electronic"}},
                 "chair")["election_id"];
  ok("elections.nominate", Json{{"election_id", e}, {"name", "甲"}, {"organ", "presidium"}}, "chair");
  auto run = [](const std::string& args) {
    auto [rc, out] = run_plenum(args);
    EXPECT_EQ(rc, 0) << args << "\n" << out;
    return out;
  };
  auto last_line = [](const std::string& out) {
    std::string s = out.substr(0, out.find_last_not_of('\n') + 1);
    return s.substr(s.find_last_of('\n') == std::string::npos ? 0 : s.find_last_of('\n') + 1);
  };
  std::string secret1 = dir_.file("t1.json"), secret2 = dir_.file("t2.json"), board_file = dir_.file("board.json");
  std::string key1 = last_line(run("trustee init --index 1 --secret " + secret1));
  std::string key2 = last_line(run("trustee init --index 2 --secret " + secret2));
  EXPECT_NE(run_plenum("trustee init --index 1 --secret " + secret1).first, 0);  // never overwritten
  ok("elections.setup_trustees",
     Json{{"election_id", e},
          {"threshold", 2},
          {"trustees", {{{"name", "甲受托人"}, {"box_key", key1}}, {{"name", "乙受托人"}, {"box_key", key2}}}}},
     "clerk");
  auto save_board = [&] { std::ofstream(board_file, std::ios::trunc) << board(e).dump(); };
  auto post = [&](const std::string& kind, const std::string& secret, const std::string& step) {
    save_board();
    auto payload = parse_json(last_line(run("trustee " + step + " --secret " + secret + " --board " + board_file)));
    EXPECT_TRUE(payload.is_ok());
    return ok("elections.post_trustee", Json{{"election_id", e}, {"kind", kind}, {"payload", *payload}}, "clerk");
  };
  post("trustee-commitments", secret1, "commit");
  post("trustee-commitments", secret2, "commit");
  post("trustee-accepted", secret1, "accept");
  post("trustee-accepted", secret2, "accept");

  std::string priv = dir_.file("credentials.csv"), pub = dir_.file("credentials.json");
  run("election-credentials --count 12 --private " + priv + " --public " + pub);
  std::ifstream pub_in(pub);
  Json published = Json::parse(pub_in);
  ok("elections.publish_credentials", Json{{"election_id", e}, {"credentials", published["credentials"]}}, "clerk");
  ok("elections.open_round", Json{{"election_id", e}, {"sitting_id", a_.sitting_id}}, "chair");
  auto manifest = crypto::parse_manifest(manifest_text(e));
  ASSERT_TRUE(manifest.is_ok());
  std::ifstream priv_in(priv);
  std::string line;
  std::getline(priv_in, line);  // header
  for (size_t i = 0; i < 3 && std::getline(priv_in, line); ++i) {
    auto credential = crypto::credential_from_seed(line.substr(line.find(',') + 1), "seed");
    ASSERT_TRUE(credential.is_ok());
    auto ballot = crypto::make_ballot(*manifest, *credential, {i < 2 ? 1u : 0u, i < 2 ? 0u : 1u});
    ASSERT_TRUE(ballot.is_ok());
    ok("elections.cast", Json{{"election_id", e}, {"ballot", crypto::ballot_json(*ballot)}}, member(i));
  }
  ok("elections.close_round", Json{{"election_id", e}}, "chair");
  post("partial-decryption", secret1, "decrypt");
  Json result = post("partial-decryption", secret2, "decrypt")["result"];
  EXPECT_EQ(result["candidates"][0]["for"], 2);
  EXPECT_EQ(result["candidates"][0]["against"], 1);
  EXPECT_EQ(result["elected"], Json::array());  // 2 of 12 is not more than half of all members
  save_board();
  EXPECT_NE(run("verify-election --board " + board_file).find("verification OK"), std::string::npos);
}

}  // namespace
}  // namespace plenum::testing
