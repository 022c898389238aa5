// The verifiable elections' cryptography (docs/ELECTION-PROTOCOL.md): ristretto255 known-answer
// vectors, ElGamal, ballot proofs and every attack of issue 6, the trustees' threshold key and
// decryption, and verify_board on a whole synthetic election and on each tampering of it.
#include <sodium.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <sstream>

#include "crypto/ballot.h"
#include "crypto/board.h"
#include "crypto/group.h"
#include "crypto/trustee.h"
#include "elections/verification.h"

namespace plenum::crypto {
namespace {

std::string hx(const Bytes32& b) { return to_hex(std::string_view(reinterpret_cast<const char*>(b.data()), 32)); }
Element el(const std::string& hex, bool allow_identity = false) {
  auto e = decode_element(hex, "test", allow_identity);
  EXPECT_TRUE(e.is_ok()) << hex;
  return e.is_ok() ? *e : Element{};
}
std::string field_of(const Status& s) { return s.is_ok() ? "(ok)" : s.error().field; }
std::string message_of(const Status& s) { return s.is_ok() ? "(ok)" : s.error().message_en; }

// Signs a ballot again after the test changed it, so only the check under test can fail.
void resign(Ballot& b, const Credential& c) {
  b.credential = c.public_key;
  unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
  crypto_sign_seed_keypair(pk, sk, c.seed.data());
  std::string bb = ballot_bytes(b);
  b.signature.assign(crypto_sign_BYTES, '\0');
  crypto_sign_detached(reinterpret_cast<unsigned char*>(b.signature.data()), nullptr,
                       reinterpret_cast<const unsigned char*>(bb.data()), bb.size(), sk);
}

// ---- RFC 9496 appendix A ----------------------------------------------------------------------

// A.1: encodings of 0·G … 15·G.
const char* const kMultiples[16] = {
    "0000000000000000000000000000000000000000000000000000000000000000",
    "e2f2ae0a6abc4e71a884a961c500515f58e30b6aa582dd8db6a65945e08d2d76",
    "6a493210f7499cd17fecb510ae0cea23a110e8d5b901f8acadd3095c73a3b919",
    "94741f5d5d52755ece4f23f044ee27d5d1ea1e2bd196b462166b16152a9d0259",
    "da80862773358b466ffadfe0b3293ab3d9fd53c5ea6c955358f568322daf6a57",
    "e882b131016b52c1d3337080187cf768423efccbb517bb495ab812c4160ff44e",
    "f64746d3c92b13050ed8d80236a7f0007c3b3f962f5ba793d19a601ebb1df403",
    "44f53520926ec81fbd5a387845beb7df85a96a24ece18738bdcfa6a7822a176d",
    "903293d8f2287ebe10e2374dc1a53e0bc887e592699f02d077d5263cdd55601c",
    "02622ace8f7303a31cafc63f8fc48fdc16e1c8c8d234b2f0d6685282a9076031",
    "20706fd788b2720a1ed2a5dad4952b01f413bcf0e7564de8cdc816689e2db95f",
    "bce83f8ba5dd2fa572864c24ba1810f9522bc6004afe95877ac73241cafdab42",
    "e4549ee16b9aa03099ca208c67adafcafa4c3f3e4e5303de6026e3ca8ff84460",
    "aa52e000df2e16f55fb1032fc33bc42742dad6bd5a8fc0be0167436c5948501f",
    "46376b80f409b29dc2b5f6f0c52591990896e5716f41477cd30085ab7f10301e",
    "e0c418f7c8d9c4cdd7395b93ea124f3ad99021bb681dfc3302a9d99a2e53e64e",
};

// A.2: encodings a decoder MUST reject (as in libsodium's test/default/core_ristretto255.c).
const char* const kBadEncodings[] = {
    // non-canonical field encodings
    "00ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
    "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
    "f3ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
    "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
    // negative field elements
    "0100000000000000000000000000000000000000000000000000000000000000",
    "01ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
    "ed57ffd8c914fb201471d1c3d245ce3c746fcbe63a3679d51b6a516ebebe0e20",
    "c34c4e1826e5d403b78e246e88aa051c36ccf0aafebffe137d148a2bf9104562",
    "c940e5a4404157cfb1628b108db051a8d439e1a421394ec4ebccb9ec92a8ac78",
    "47cfc5497c53dc8e61c91d17fd626ffb1c49e2bca94eed052281b510b1117a24",
    "f1c6165d33367351b0da8f6e4511010c68174a03b6581212c71c0e1d026c3c72",
    "87260f7a2f12495118360f02c26a470f450dadf34a413d21042b43b9d93e1309",
    // non-square x^2
    "26948d35ca62e643e26a83177332e6b6afeb9d08e4268b650f1f5bbd8d81d371",
    "4eac077a713c57b4f4397629a4145982c661f48044dd3f96427d40b147d9742f",
    "de6a7b00deadc788eb6b6c8d20c0ae96c2f2019078fa604fee5b87d6e989ad7b",
    "bcab477be20861e01e4a0e295284146a510150d9817763caf1a6f4b422d67042",
    "2a292df7e32cababbd9de088d1d1abec9fc0440f637ed2fba145094dc14bea08",
    "f4a9e534fc0d216c44b218fa0c42d99635a0127ee2e53c712f70609649fdff22",
    "8268436f8c4126196cf64b3c7ddbda90746a378625f9813dd9b8457077256731",
    "2810e5cbc2cc4d4eece54f61c6f69758e289aa7ab440b3cbeaa21995c2f4232b",
    // negative xy value
    "3eb858e78f5a7254d8c9731174a94f76755fd3941c0ac93735c07ba14579630e",
    "a45fdc55c76448c049a1ab33f17023edfb2be3581e9c7aade8a6125215e04220",
    "d483fe813c6ba647ebbfd3ec41adca1c6130c2beeee9d9bf065c8d151c5f396e",
    "8a2e1d30050198c65a54483123960ccc38aef6848e1ec8f5f780e8523769ba32",
    "32888462f8b486c68ad7dd9610be5192bbeaf3b443951ac1a8118419d9fa097b",
    "227142501b9d4355ccba290404bde41575b037693cef1f438c47f8fbf35d1165",
    "5c37cc491da847cfeb9281d407efc41e15144c876e0170b499a96a22ed31e01e",
    "445425117cb8c90edcbc7c1cc0e74f747f2c1efa5630a967c64f287792a48a4b",
    // s = -1, which makes y = 0
    "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
};

// A.3: 64 uniform bytes → element (crypto_core_ristretto255_from_hash).
const std::pair<const char*, const char*> kFromHash[] = {
    {"5d1be09e3d0c82fc538112490e35701979d99e06ca3e2b5b54bffe8b4dc772c1"
     "4d98b696a1bbfb5ca32c436cc61c16563790306c79eaca7705668b47dffe5bb6",
     "3066f82a1a747d45120d1740f14358531a8f04bbffe6a819f86dfe50f44a0a46"},
    {"f116b34b8f17ceb56e8732a60d913dd10cce47a6d53bee9204be8b44f6678b27"
     "0102a56902e2488c46120e9276cfe54638286b9e4b3cdb470b542d46c2068d38",
     "f26e5b6f7d362d2d2a94c5d0e7602cb4773c95a2e5c31a64f133189fa76ed61b"},
    {"8422e1bbdaab52938b81fd602effb6f89110e1e57208ad12d9ad767e2e25510c"
     "27140775f9337088b982d83d7fcf0b2fa1edffe51952cbe7365e95c86eaf325c",
     "006ccd2a9e6867e6a2c5cea83d3302cc9de128dd2a9a57dd8ee7b9d7ffe02826"},
    {"ac22415129b61427bf464e17baee8db65940c233b98afce8d17c57beeb7876c2"
     "150d15af1cb1fb824bbd14955f2b57d08d388aab431a391cfc33d5bafb5dbbaf",
     "f8f0c87cf237953c5890aec3998169005dae3eca1fbb04548c635953c817f92a"},
    {"165d697a1ef3d5cf3c38565beefcf88c0f282b8e7dbd28544c483432f1cec767"
     "5debea8ebb4e5fe7d6f6e5db15f15587ac4d4d4a1de7191e0c1ca6664abcc413",
     "ae81e7dedf20a497e10c304a765c1767a42d6e06029758d2d7e8ef7cc4c41179"},
    {"a836e6c9a9ca9f1e8d486273ad56a78c70cf18f0ce10abb1c7172ddd605d7fd2"
     "979854f47ae1ccf204a33102095b4200e5befc0465accc263175485f0e17ea5c",
     "e2705652ff9f5e44d3e841bf1c251cf7dddb77d140870d1ab2ed64f1a9ce8628"},
    {"2cdc11eaeb95daf01189417cdddbf95952993aa9cb9c640eb5058d09702c7462"
     "2c9965a697a3b345ec24ee56335b556e677b30e6f90ac77d781064f866a3c982",
     "80bd07262511cdde4863f8a7434cef696750681cb9510eea557088f76d9e5065"},
};

TEST(RistrettoVectors, MultiplesOfTheGenerator) {
  init();
  EXPECT_EQ(to_hex(generator()), kMultiples[1]);
  Element sum = identity();
  for (uint64_t k = 0; k < 16; ++k) {
    EXPECT_EQ(to_hex(base_mul(scalar(k))), kMultiples[k]) << k << "·G by scalar multiplication";
    EXPECT_EQ(to_hex(sum), kMultiples[k]) << k << "·G by repeated addition";
    EXPECT_EQ(el(kMultiples[k], k == 0), sum) << "decoding " << k << "·G";
    EXPECT_EQ(to_hex(mul(generator(), scalar(k))), kMultiples[k]) << k << "·G variable base";
    sum = add(sum, generator());
  }
}

TEST(RistrettoVectors, InvalidEncodingsAreRejected) {
  init();
  for (const char* hex : kBadEncodings) {
    auto e = decode_element(hex, "alpha", /*allow_identity=*/true);
    ASSERT_FALSE(e.is_ok()) << hex << " was accepted";
    EXPECT_EQ(e.error().code, ErrorCode::kMalformed);
    EXPECT_EQ(e.error().field, "alpha");
  }
}

TEST(RistrettoVectors, HashToGroup) {
  init();
  for (const auto& [input, expected] : kFromHash) {
    auto bytes = from_hex(input, "input");
    ASSERT_TRUE(bytes.is_ok());
    ASSERT_EQ(bytes->size(), 64u);
    Element e;
    ASSERT_EQ(crypto_core_ristretto255_from_hash(e.bytes.data(), reinterpret_cast<const unsigned char*>(bytes->data())),
              0);
    EXPECT_EQ(to_hex(e), expected);
    EXPECT_EQ(el(expected), e) << "the output decodes to itself";
  }
}

TEST(Ristretto, RoundTripsAndIdentity) {
  init();
  for (int i = 0; i < 20; ++i) {
    Scalar s = random_scalar();
    auto back = decode_scalar(to_hex(s), "s");
    ASSERT_TRUE(back.is_ok());
    EXPECT_EQ(*back, s);
    Element e = base_mul(s);
    EXPECT_EQ(el(to_hex(e)), e);
    EXPECT_EQ(mul(generator(), s), e) << "variable base and fixed base agree";
    EXPECT_EQ(mul(e, invert(s)), generator());
    EXPECT_EQ(sub(add(e, generator()), generator()), e);
  }
  // libsodium refuses to output the identity; the group layer returns it instead.
  Element g = generator();
  EXPECT_TRUE(is_identity(base_mul(scalar(0))));
  EXPECT_TRUE(is_identity(mul(g, scalar(0))));
  EXPECT_TRUE(is_identity(mul(identity(), random_scalar())));
  EXPECT_TRUE(is_identity(sub(g, g)));
  EXPECT_TRUE(is_identity(mul(g, neg(scalar(0)))));
  EXPECT_EQ(add(g, mul(g, neg(scalar(1)))), identity());
  EXPECT_EQ(add(identity(), g), g);
  // The identity decodes only where the caller allows it.
  auto refused = decode_element(kMultiples[0], "beta");
  ASSERT_FALSE(refused.is_ok());
  EXPECT_NE(refused.error().message_en.find("identity"), std::string::npos);
  EXPECT_TRUE(decode_element(kMultiples[0], "D", true).is_ok());
}

TEST(Ristretto, NonCanonicalScalarsAreRejected) {
  init();
  // ℓ, ℓ + 1 and 2^256 - 1, little-endian; ℓ - 1 is the largest scalar.
  const std::string order = "edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010";
  const std::string order_plus_one = "eed3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010";
  const std::string order_minus_one = "ecd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010";
  for (const auto& hex : {order, order_plus_one, std::string(64, 'f')}) {
    auto s = decode_scalar(hex, "z");
    ASSERT_FALSE(s.is_ok()) << hex;
    EXPECT_EQ(s.error().field, "z");
    EXPECT_NE(s.error().message_en.find("canonical"), std::string::npos);
  }
  auto top = decode_scalar(order_minus_one, "z");
  ASSERT_TRUE(top.is_ok());
  EXPECT_EQ(add(*top, scalar(1)), scalar(0)) << "ℓ - 1 + 1 wraps to 0";
}

TEST(Ristretto, HexIsLowercaseAndExactLength) {
  init();
  std::string upper = kMultiples[1];
  std::transform(upper.begin(), upper.end(), upper.begin(), ::toupper);
  EXPECT_FALSE(decode_element(upper, "alpha").is_ok()) << "upper case is a second spelling";
  EXPECT_FALSE(decode_scalar("0A" + std::string(62, '0'), "c").is_ok());
  EXPECT_FALSE(decode_element(std::string(kMultiples[1]) + "00", "alpha").is_ok());
  EXPECT_FALSE(decode_scalar(std::string(62, '0'), "c").is_ok());
  EXPECT_FALSE(from_hex("abc", "x").is_ok());
  EXPECT_FALSE(from_hex("zz", "x").is_ok());
  EXPECT_EQ(to_hex(std::string("\x01\xab", 2)), "01ab");
}

TEST(Ristretto, TranscriptIsLengthPrefixed) {
  init();
  Transcript t("choice");
  t.u32(7).bytes("ab");
  std::string expected;
  for (std::string_view part : {"plenum-election/1", "ristretto255", "choice"}) {
    expected += std::string({0, 0, 0, static_cast<char>(part.size())});
    expected += part;
  }
  expected += std::string({0, 0, 0, 4, 0, 0, 0, 7});  // U32(n) = LP(4-byte big-endian n)
  expected += std::string({0, 0, 0, 2}) + "ab";
  EXPECT_EQ(t.data(), expected);
  // H(T) = SHA-512(T) mod ℓ.
  Scalar c;
  auto h = sha512(expected);
  crypto_core_ristretto255_scalar_reduce(c.bytes.data(), reinterpret_cast<const unsigned char*>(h.data()));
  EXPECT_EQ(t.challenge(), c);
}

// ---- ElGamal ----------------------------------------------------------------------------------

TEST(ElGamal, EncryptsDecryptsAndAddsHomomorphically) {
  init();
  Scalar x = random_scalar();
  Element pk = base_mul(x);
  Ciphertext sum{identity(), identity()};
  uint32_t total = 0;
  for (uint32_t m : {1u, 0u, 1u, 1u, 0u}) {
    Scalar r = random_scalar();
    Ciphertext ct{base_mul(r), add(base_mul(scalar(m)), mul(pk, r))};
    EXPECT_EQ(sub(ct.beta, mul(ct.alpha, x)), base_mul(scalar(m)));
    sum = multiply(sum, ct);
    total += m;
  }
  EXPECT_EQ(sub(sum.beta, mul(sum.alpha, x)), base_mul(scalar(total)));
}

// ---- Ballots and their proofs -----------------------------------------------------------------

// A manifest for `candidates` and `seats` under key pk with credentials `creds` (section 5).
std::string manifest_text(const Element& pk, const std::vector<Element>& vks, uint32_t threshold,
                          const std::string& setup, const std::vector<Credential>& creds,
                          const std::vector<int64_t>& candidates, uint32_t seats) {
  std::vector<Bytes32> keys;
  for (const auto& c : creds) keys.push_back(c.public_key);
  std::sort(keys.begin(), keys.end());
  Json credentials = Json::array(), verification_keys = Json::array(), cands = Json::array();
  for (const auto& k : keys) credentials.push_back(hx(k));
  for (const auto& h : vks) verification_keys.push_back(to_hex(h));
  for (auto id : candidates) cands.push_back({{"id", id}, {"name", "候选人" + std::to_string(id)}});
  Json layout = ballot_layout(candidates, seats);
  Json m = {{"protocol", "plenum-election/1"},
            {"group", "ristretto255"},
            {"election_id", 7},
            {"round", 1},
            {"title_zh", "主任委员选举"},
            {"title_en", "Election of the chair"},
            {"setup", to_hex(setup)},
            {"public_key", to_hex(pk)},
            {"trustee_threshold", threshold},
            {"verification_keys", verification_keys},
            {"credentials", credentials},
            {"electorate", {{"count", keys.size()}, {"hash", std::string(64, 'a')}}},
            {"seats", seats},
            {"ballot_kind", "election"},
            {"rule",
             {{"comparison", "more_than"},
              {"numerator", 1},
              {"denominator", 2},
              {"reelection", false},
              {"reelection_floor", nullptr}}},
            {"candidates", cands},
            {"slots", layout["slots"]},
            {"constraints", layout["constraints"]}};
  return m.dump(2);  // pretty-printed on purpose: the fingerprint is over these exact bytes
}

class BallotProof : public ::testing::Test {
 protected:
  void SetUp() override {
    init();
    x_ = random_scalar();
    pk_ = base_mul(x_);
    for (int i = 0; i < 3; ++i) creds_.push_back(new_credential());
    auto m = parse_manifest(manifest_text(pk_, {pk_}, 1, std::string(32, '\x11'), creds_, {11, 12, 13}, 2));
    ASSERT_TRUE(m.is_ok()) << m.error().message_en;
    manifest_ = std::move(*m);
  }
  Ballot cast(const std::vector<uint32_t>& marks, int who = 0, std::vector<Scalar>* randomness = nullptr) {
    auto b = make_ballot(manifest_, creds_[who], marks, randomness);
    EXPECT_TRUE(b.is_ok()) << (b.is_ok() ? "" : b.error().message_en);
    return b.is_ok() ? *b : Ballot{};
  }
  uint32_t decrypt(const Ciphertext& ct) {
    Element gm = sub(ct.beta, mul(ct.alpha, x_));
    for (uint32_t m = 0; m < 10; ++m)
      if (base_mul(scalar(m)) == gm) return m;
    return 999;
  }

  Scalar x_;
  Element pk_;
  std::vector<Credential> creds_;
  Manifest manifest_;
};

TEST_F(BallotProof, IntervalProofAcceptsTheTrueValueAndRejectsAWrongOne) {
  Transcript prefix("constraint");
  prefix.bytes("election").u32(0);
  Scalar r = random_scalar();
  Ciphertext two{base_mul(r), add(base_mul(scalar(2)), mul(pk_, r))};
  auto proof = prove_interval(prefix, pk_, two, 0, 3, 2, r);
  ASSERT_EQ(proof.size(), 4u);
  EXPECT_TRUE(verify_interval(prefix, pk_, two, 0, 3, proof));
  EXPECT_TRUE(verify_interval(prefix, pk_, two, 1, 4, prove_interval(prefix, pk_, two, 1, 4, 2, r)));
  // The same ciphertext claimed as another range, or a 4 proved in [0, 3]: neither verifies.
  EXPECT_FALSE(verify_interval(prefix, pk_, two, 0, 1, prove_interval(prefix, pk_, two, 0, 1, 2, r)));
  Ciphertext four{base_mul(r), add(base_mul(scalar(4)), mul(pk_, r))};
  EXPECT_FALSE(verify_interval(prefix, pk_, four, 0, 3, prove_interval(prefix, pk_, four, 0, 3, 4, r)));
  // A valid proof checked against another ciphertext, another transcript or with too few items.
  EXPECT_FALSE(verify_interval(prefix, pk_, four, 0, 3, proof));
  Transcript other("constraint");
  other.bytes("election").u32(1);
  EXPECT_FALSE(verify_interval(other, pk_, two, 0, 3, proof));
  EXPECT_FALSE(verify_interval(prefix, pk_, two, 0, 2, {proof[0], proof[1], proof[2]}));
}

TEST_F(BallotProof, MadeBallotVerifiesAndRoundTrips) {
  std::vector<uint32_t> marks = {1, 0, 0, 1, 1, 0};
  std::vector<Scalar> rs;
  Ballot b = cast(marks, 1, &rs);
  EXPECT_TRUE(verify_ballot(manifest_, b).is_ok()) << message_of(verify_ballot(manifest_, b));
  ASSERT_EQ(b.slots.size(), 6u);
  ASSERT_EQ(b.constraints.size(), 4u);
  EXPECT_EQ(b.constraints[3].size(), 3u) << "\"for\" marks 0..2 for 2 seats";
  for (size_t i = 0; i < marks.size(); ++i) {
    EXPECT_EQ(decrypt(b.slots[i].ct), marks[i]);
    // "Audit this ballot": the randomness reveals the marks.
    EXPECT_EQ(b.slots[i].ct.alpha, base_mul(rs[i]));
    EXPECT_EQ(b.slots[i].ct.beta, add(base_mul(scalar(marks[i])), mul(pk_, rs[i])));
  }
  auto back = parse_ballot(Json::parse(ballot_json(b).dump()));
  ASSERT_TRUE(back.is_ok()) << back.error().message_en;
  EXPECT_EQ(ballot_bytes(*back), ballot_bytes(b));
  EXPECT_EQ(receipt(*back), receipt(b));
  EXPECT_TRUE(verify_ballot(manifest_, *back).is_ok());
  // A blank ballot is allowed (constraint min 0).
  EXPECT_TRUE(verify_ballot(manifest_, cast({0, 0, 0, 0, 0, 0})).is_ok());
  // Many at once, in parallel, same answers.
  Ballot bad = b;
  bad.signature[0] ^= 1;
  auto statuses = verify_ballots(manifest_, {&b, &bad, &b});
  ASSERT_EQ(statuses.size(), 3u);
  EXPECT_TRUE(statuses[0].is_ok());
  EXPECT_EQ(field_of(statuses[1]), "ballot.signature");
  EXPECT_TRUE(statuses[2].is_ok());
}

TEST_F(BallotProof, InvalidPointIsRejected) {
  Json j = ballot_json(cast({1, 0, 0, 0, 0, 0}));
  j["slots"][0]["alpha"] = kBadEncodings[6];
  auto b = parse_ballot(j);
  ASSERT_FALSE(b.is_ok());
  EXPECT_EQ(b.error().code, ErrorCode::kMalformed);
  EXPECT_EQ(b.error().field, "ballot.slots[0].alpha");
  EXPECT_NE(b.error().message_en.find("not a valid ristretto255 encoding"), std::string::npos);
}

TEST_F(BallotProof, IdentityAsAlphaIsRejected) {
  // With α = 1 the "ciphertext" is g^m · pk^0 = g^m in the clear; it must never be accepted.
  Ballot b = cast({1, 0, 0, 0, 0, 0});
  b.slots[0].ct = {identity(), base_mul(scalar(1))};
  resign(b, creds_[0]);
  auto parsed = parse_ballot(ballot_json(b));
  ASSERT_TRUE(parsed.is_ok()) << "shape is fine; verify_ballot refuses it";
  Status s = verify_ballot(manifest_, *parsed);
  EXPECT_EQ(field_of(s), "ballot.slots[0]");
  EXPECT_NE(message_of(s).find("identity"), std::string::npos) << message_of(s);
}

// A 0/1 proof for slot `slot` honest in every way except that its challenge hashes `t` followed
// by the commitments only: the weak Fiat-Shamir transform that lets a prover pick the statement
// after the challenge.
std::vector<ProofItem> weak_proof(Transcript t, const Element& pk, const Ciphertext& ct, uint32_t m, const Scalar& r) {
  std::vector<ProofItem> items(2);
  std::vector<std::pair<Element, Element>> commitments(2);
  uint32_t other = 1 - m;
  items[other] = {random_scalar(), random_scalar()};
  Element shifted = other == 0 ? ct.beta : sub(ct.beta, generator());
  commitments[other] = {add(base_mul(items[other].z), mul(ct.alpha, neg(items[other].c))),
                        add(mul(pk, items[other].z), mul(shifted, neg(items[other].c)))};
  Scalar w = random_scalar();
  commitments[m] = {base_mul(w), mul(pk, w)};
  t.u32(0).u32(1);
  for (const auto& [a, b] : commitments) t.element(a).element(b);
  items[m].c = sub(t.challenge(), items[other].c);
  items[m].z = add(w, mul(items[m].c, r));
  return items;
}

TEST_F(BallotProof, ChallengeOmittingTheCiphertextIsRejected) {
  std::vector<Scalar> rs;
  Ballot b = cast({1, 0, 0, 0, 0, 0}, 0, &rs);
  b.slots[0].proof = weak_proof(choice_transcript(manifest_, b.credential, 0), pk_, b.slots[0].ct, 1, rs[0]);
  resign(b, creds_[0]);
  Status s = verify_ballot(manifest_, b);
  EXPECT_EQ(field_of(s), "ballot.slots[0].proof");
  EXPECT_NE(message_of(s).find("does not verify"), std::string::npos);
}

TEST_F(BallotProof, ChallengeOmittingTheCredentialIsRejected) {
  std::vector<Scalar> rs;
  Ballot b = cast({0, 1, 0, 0, 0, 0}, 0, &rs);
  // prefix ‖ fingerprint ‖ pk ‖ slot, without the credential.
  Transcript weak("choice");
  weak.bytes(manifest_.fingerprint).element(pk_).u32(1);
  b.slots[1].proof = prove_interval(weak, pk_, b.slots[1].ct, 0, 1, 1, rs[1]);
  EXPECT_TRUE(verify_interval(weak, pk_, b.slots[1].ct, 0, 1, b.slots[1].proof))
      << "the proof is sound for the weak transcript";
  resign(b, creds_[0]);
  Status s = verify_ballot(manifest_, b);
  EXPECT_EQ(field_of(s), "ballot.slots[1].proof");
}

TEST_F(BallotProof, CopiedBallotResignedByAnotherCredentialIsRejected) {
  // Bob copies Alice's ciphertexts and proofs (to vote as she did without knowing how) and signs
  // them with his own credential: the signature is good, the proofs are bound to Alice.
  Ballot alice = cast({1, 0, 1, 0, 0, 1}, 0);
  Ballot copy = alice;
  resign(copy, creds_[1]);
  ASSERT_NE(copy.credential, alice.credential);
  Status s = verify_ballot(manifest_, copy);
  EXPECT_EQ(field_of(s), "ballot.slots[0].proof") << message_of(s);
}

TEST_F(BallotProof, SwappedProofFromAnotherBallotIsRejected) {
  Ballot one = cast({1, 0, 0, 0, 0, 0}, 0);
  Ballot two = cast({1, 0, 0, 0, 0, 0}, 0);  // same credential, same marks, other randomness
  one.slots[2].proof = two.slots[2].proof;
  resign(one, creds_[0]);
  Status s = verify_ballot(manifest_, one);
  EXPECT_EQ(field_of(s), "ballot.slots[2].proof") << message_of(s);
  // Moving a whole slot (ciphertext and proof) breaks the constraint proofs instead.
  Ballot three = cast({0, 0, 1, 0, 0, 0}, 0);
  Ballot four = cast({0, 0, 0, 1, 0, 0}, 0);
  three.slots[3] = four.slots[3];
  resign(three, creds_[0]);
  EXPECT_EQ(field_of(verify_ballot(manifest_, three)), "ballot.constraints[1].proof");
}

TEST_F(BallotProof, MoreForMarksThanSeatsCannotBeCast) {
  auto refused = make_ballot(manifest_, creds_[0], {1, 0, 1, 0, 1, 0});
  ASSERT_FALSE(refused.is_ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kMalformed);
  EXPECT_NE(refused.error().message_en.find("more \"for\" marks than seats"), std::string::npos);
  // Forged by hand: every slot honestly 0/1, the "for" constraint claimed in [0, 2] for 3.
  std::vector<Scalar> rs;
  Ballot b = cast({1, 0, 1, 0, 0, 0}, 0, &rs);
  Scalar r = random_scalar();
  b.slots[4].ct = {base_mul(r), add(generator(), mul(pk_, r))};
  b.slots[4].proof = prove_interval(choice_transcript(manifest_, b.credential, 4), pk_, b.slots[4].ct, 0, 1, 1, r);
  b.constraints[2] = prove_interval(constraint_transcript(manifest_, b.credential, 2), pk_,
                                    multiply(b.slots[4].ct, b.slots[5].ct), 0, 1, 1, add(r, rs[5]));
  Ciphertext fors = multiply(multiply(b.slots[0].ct, b.slots[2].ct), b.slots[4].ct);
  b.constraints[3] =
      prove_interval(constraint_transcript(manifest_, b.credential, 3), pk_, fors, 0, 2, 3, add(add(rs[0], rs[2]), r));
  resign(b, creds_[0]);
  Status s = verify_ballot(manifest_, b);
  EXPECT_EQ(field_of(s), "ballot.constraints[3].proof");
  EXPECT_NE(message_of(s).find("marks outside 0..2"), std::string::npos) << message_of(s);
}

TEST_F(BallotProof, ForAndAgainstTheSameCandidateIsRejected) {
  std::vector<Scalar> rs;
  Ballot b = cast({1, 0, 0, 0, 0, 0}, 0, &rs);
  Scalar r = random_scalar();
  b.slots[1].ct = {base_mul(r), add(generator(), mul(pk_, r))};
  b.slots[1].proof = prove_interval(choice_transcript(manifest_, b.credential, 1), pk_, b.slots[1].ct, 0, 1, 1, r);
  b.constraints[0] = prove_interval(constraint_transcript(manifest_, b.credential, 0), pk_,
                                    multiply(b.slots[0].ct, b.slots[1].ct), 0, 1, 2, add(rs[0], r));
  resign(b, creds_[0]);
  EXPECT_EQ(field_of(verify_ballot(manifest_, b)), "ballot.constraints[0].proof");
}

TEST_F(BallotProof, BadSignatureIsRejected) {
  Ballot b = cast({0, 0, 1, 0, 0, 0});
  b.signature[10] ^= 0x40;
  Status s = verify_ballot(manifest_, b);
  EXPECT_EQ(field_of(s), "ballot.signature");
  EXPECT_EQ(s.error().code, ErrorCode::kRuleViolation);
  // Signed by the right key over other bytes: also refused.
  Ballot c = cast({0, 0, 1, 0, 0, 0});
  c.slots[0].ct.alpha = add(c.slots[0].ct.alpha, generator());
  EXPECT_EQ(field_of(verify_ballot(manifest_, c)), "ballot.signature");
}

TEST_F(BallotProof, CredentialNotInTheManifestIsRejected) {
  Credential outsider = new_credential();
  auto b = make_ballot(manifest_, outsider, {1, 0, 0, 0, 0, 0});
  ASSERT_TRUE(b.is_ok());
  Status s = verify_ballot(manifest_, *b);
  EXPECT_EQ(field_of(s), "ballot.credential");
  EXPECT_NE(message_of(s).find("not among the manifest's credentials"), std::string::npos);
}

TEST_F(BallotProof, BallotForAnotherElectionIsRejected) {
  auto other = parse_manifest(manifest_text(pk_, {pk_}, 1, std::string(32, '\x22'), creds_, {11, 12, 13}, 2));
  ASSERT_TRUE(other.is_ok());
  auto b = make_ballot(*other, creds_[0], {1, 0, 0, 0, 0, 0});
  ASSERT_TRUE(b.is_ok());
  EXPECT_EQ(field_of(verify_ballot(manifest_, *b)), "ballot.fingerprint");
}

TEST_F(BallotProof, ManifestLayoutIsDerivedNotFree) {
  Json m = Json::parse(manifest_.text);
  m["constraints"][3]["max"] = 3;  // three "for" marks for two seats
  auto loosened = parse_manifest(m.dump());
  ASSERT_FALSE(loosened.is_ok());
  EXPECT_EQ(loosened.error().field, "manifest.constraints");
  Json unsorted = Json::parse(manifest_.text);
  std::swap(unsorted["credentials"][0], unsorted["credentials"][1]);
  auto u = parse_manifest(unsorted.dump());
  ASSERT_FALSE(u.is_ok());
  EXPECT_EQ(u.error().field, "manifest.credentials[1]");
  Json miscounted = Json::parse(manifest_.text);
  miscounted["electorate"]["count"] = 4;
  EXPECT_FALSE(parse_manifest(miscounted.dump()).is_ok());
}

// ---- Trustees and a whole election ------------------------------------------------------------

// 3 trustees, threshold 2, 20 credentials, candidates 11, 12, 13 for 2 seats, and the board
// entries up to the manifest.
struct TestElection {
  std::string setup_payload, setup_hash;
  std::vector<TrusteeSecret> trustees;
  std::vector<Json> commitments, accepted;
  PublicKeys keys;
  std::vector<Credential> creds;
  Manifest manifest;
};

TestElection make_election(uint32_t voters) {
  init();
  TestElection e;
  Json list = Json::array();
  std::vector<Bytes32> box_keys;
  for (uint32_t j = 1; j <= 3; ++j) {
    TrusteeSecret s;
    s.index = j;
    s.box = new_box_key();
    box_keys.push_back(s.box.public_key);
    list.push_back({{"index", j}, {"name", "受托人" + std::to_string(j)}, {"box_key", hx(s.box.public_key)}});
    e.trustees.push_back(s);
  }
  e.setup_payload = Json{{"election_id", 7}, {"round", 1}, {"threshold", 2}, {"trustees", list}}.dump();
  e.setup_hash = board_hash(std::string(32, '\0'), 0, "setup", e.setup_payload);
  for (auto& t : e.trustees) e.commitments.push_back(trustee_commitments(t, e.setup_hash, 2, box_keys));
  for (auto& t : e.trustees) {
    auto a = trustee_accept(t, e.setup_hash, e.commitments);
    EXPECT_TRUE(a.is_ok()) << (a.is_ok() ? "" : a.error().message_en);
    e.accepted.push_back(a.is_ok() ? *a : Json());
  }
  auto keys = check_key_generation(e.setup_hash, 2, 3, e.commitments, e.accepted);
  EXPECT_TRUE(keys.is_ok()) << (keys.is_ok() ? "" : keys.error().message_en);
  if (keys.is_ok()) e.keys = *keys;
  for (uint32_t i = 0; i < voters; ++i) e.creds.push_back(new_credential());
  auto m = parse_manifest(
      manifest_text(e.keys.public_key, e.keys.verification_keys, 2, e.setup_hash, e.creds, {11, 12, 13}, 2));
  EXPECT_TRUE(m.is_ok()) << (m.is_ok() ? "" : m.error().message_en);
  if (m.is_ok()) e.manifest = std::move(*m);
  return e;
}

// The marks of voter i (slots: 11 for, 11 against, 12 for, 12 against, 13 for, 13 against):
// 11 gets 15 for / 2 against, 12 gets 12 / 3, 13 gets 5 / 12 of 20 ballots.
std::vector<uint32_t> marks_of(uint32_t i) {
  if (i < 12) return {1, 0, 1, 0, 0, 1};
  if (i < 15) return {1, 0, 0, 1, 1, 0};
  if (i < 17) return {0, 1, 0, 0, 1, 0};
  return {0, 0, 0, 0, 0, 0};
}
const std::vector<int64_t> kCounts = {15, 2, 12, 3, 5, 12};

TEST(Trustees, KeyGenerationTallyAndDecryptionWithOneTrusteeAbsent) {
  TestElection e = make_election(20);
  // pk = g^{x} with x = Σ a_{j,0}; each h_j = g^{x_j}; any two shares interpolate x.
  ASSERT_EQ(e.keys.verification_keys.size(), 3u);
  for (size_t j = 0; j < 3; ++j) EXPECT_EQ(e.keys.verification_keys[j], base_mul(e.trustees[j].share));
  Scalar x = scalar(0);
  for (const auto& t : e.trustees) x = add(x, t.coefficients[0]);
  EXPECT_EQ(e.keys.public_key, base_mul(x));

  std::vector<Ballot> ballots;
  for (uint32_t i = 0; i < 20; ++i) {
    auto b = make_ballot(e.manifest, e.creds[i], marks_of(i));
    ASSERT_TRUE(b.is_ok());
    ballots.push_back(std::move(*b));
  }
  std::vector<const Ballot*> counted;
  for (const auto& b : ballots) counted.push_back(&b);
  for (const auto& s : verify_ballots(e.manifest, counted)) EXPECT_TRUE(s.is_ok()) << message_of(s);
  auto t = tally(e.manifest.slot_count, counted);
  auto parsed = parse_tally(tally_json(t), e.manifest.slot_count);
  ASSERT_TRUE(parsed.is_ok());

  // Trustee 2 is absent; 1 and 3 decrypt.
  std::vector<std::vector<Element>> factors;
  for (int j : {0, 2}) {
    Json pd = partial_decryption(e.trustees[j], e.manifest, *parsed);
    auto f = check_partial_decryption(e.manifest, *parsed, Json::parse(pd.dump()));
    ASSERT_TRUE(f.is_ok()) << f.error().message_en;
    factors.push_back(*f);
  }
  auto counts = combine(*parsed, {1, 3}, factors, 20);
  ASSERT_TRUE(counts.is_ok()) << counts.error().message_en;
  EXPECT_EQ(*counts, kCounts);
  // Another pair gives the same counts; one trustee alone cannot decrypt.
  auto f2 = check_partial_decryption(e.manifest, *parsed, partial_decryption(e.trustees[1], e.manifest, *parsed));
  ASSERT_TRUE(f2.is_ok());
  auto counts23 = combine(*parsed, {2, 3}, {*f2, factors[1]}, 20);
  ASSERT_TRUE(counts23.is_ok());
  EXPECT_EQ(*counts23, kCounts);
  auto alone = combine(*parsed, {1}, {factors[0]}, 20);
  EXPECT_FALSE(alone.is_ok()) << "a single share is not the key";
}

TEST(Trustees, WrongPartialDecryptionIsDetected) {
  TestElection e = make_election(3);
  std::vector<Ballot> ballots;
  for (uint32_t i = 0; i < 3; ++i) ballots.push_back(*make_ballot(e.manifest, e.creds[i], marks_of(i)));
  auto t = tally(e.manifest.slot_count, {&ballots[0], &ballots[1], &ballots[2]});
  Json pd = partial_decryption(e.trustees[1], e.manifest, t);
  // Shift one factor by g: the count of that slot would come out one lower.
  Element d = el(pd["factors"][2]["D"].get<std::string>());
  pd["factors"][2]["D"] = to_hex(add(d, generator()));
  auto f = check_partial_decryption(e.manifest, t, pd);
  ASSERT_FALSE(f.is_ok());
  EXPECT_EQ(f.error().code, ErrorCode::kRuleViolation);
  EXPECT_EQ(f.error().field, "partial-decryption[2].factors[2]");
  // A decryption with another trustee's share claimed as trustee 2's.
  TrusteeSecret impostor = e.trustees[0];
  impostor.index = 2;
  EXPECT_FALSE(check_partial_decryption(e.manifest, t, partial_decryption(impostor, e.manifest, t)).is_ok());
}

TEST(Trustees, ShareThatDoesNotMatchItsCommitmentsIsRefused) {
  TestElection e = make_election(1);
  // Trustee 1 seals a wrong share to trustee 2.
  Scalar wrong = random_scalar();
  std::string sealed(crypto_box_SEALBYTES + 32, '\0');
  crypto_box_seal(reinterpret_cast<unsigned char*>(sealed.data()), wrong.bytes.data(), 32,
                  e.trustees[1].box.public_key.data());
  std::vector<Json> bad = e.commitments;
  bad[0]["shares"][1]["sealed"] = to_hex(sealed);
  TrusteeSecret second = e.trustees[1];
  auto a = trustee_accept(second, e.setup_hash, bad);
  ASSERT_FALSE(a.is_ok());
  EXPECT_EQ(a.error().field, "trustee-commitments[1]");
  EXPECT_NE(a.error().message_en.find("does not match its commitments"), std::string::npos);
  // A verification key that is not Π C^{m^l} fails the public check.
  std::vector<Json> accepted = e.accepted;
  accepted[2]["verification_key"] = to_hex(base_mul(random_scalar()));
  auto k = check_key_generation(e.setup_hash, 2, 3, e.commitments, accepted);
  ASSERT_FALSE(k.is_ok());
  EXPECT_EQ(k.error().field, "trustee-accepted[3]");
}

// ---- verify_board -----------------------------------------------------------------------------

using Items = std::vector<std::pair<std::string, std::string>>;  // (kind, payload)

std::vector<BoardEntry> chain(const Items& items) {
  std::vector<BoardEntry> out;
  for (const auto& [kind, payload] : items) append_entry(out, kind, payload);
  return out;
}

class BoardVerify : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    e_ = new TestElection(make_election(20));
    TestElection& e = *e_;
    items_ = new Items;
    Items& items = *items_;
    items.push_back({"setup", e.setup_payload});
    for (const auto& c : e.commitments) items.push_back({"trustee-commitments", c.dump()});
    for (const auto& a : e.accepted) items.push_back({"trustee-accepted", a.dump()});
    items.push_back({"manifest", e.manifest.text});
    ballots_ = new std::vector<Ballot>;
    // Voter 17 first votes for 12 and 13, then casts a blank ballot: the last one counts.
    ballots_->push_back(*make_ballot(e.manifest, e.creds[17], {0, 0, 1, 0, 1, 0}));
    for (uint32_t i = 0; i < 20; ++i) ballots_->push_back(*make_ballot(e.manifest, e.creds[i], marks_of(i)));
    for (const auto& b : *ballots_) items.push_back({"ballot", ballot_entry(b)});
    std::vector<const Ballot*> counted;
    Json receipts = Json::array();
    for (size_t i = 1; i < ballots_->size(); ++i) {
      counted.push_back(&(*ballots_)[i]);
      receipts.push_back(receipt((*ballots_)[i]));
    }
    tally_ = new std::vector<Ciphertext>(tally(e.manifest.slot_count, counted));
    items.push_back(
        {"tally",
         Json{{"round", 1}, {"ballots_counted", 20}, {"receipts", receipts}, {"slots", tally_json(*tally_)}}.dump()});
    items.push_back({"partial-decryption", partial_decryption(e.trustees[0], e.manifest, *tally_).dump()});
    items.push_back({"partial-decryption", partial_decryption(e.trustees[2], e.manifest, *tally_).dump()});
    items.push_back({"result", result_payload(kCounts, {11, 12})});
  }
  static void TearDownTestSuite() {
    delete e_;
    delete items_;
    delete ballots_;
    delete tally_;
  }
  static std::string ballot_entry(const Ballot& b) {
    return Json{{"round", 1}, {"ballot", ballot_json(b)}, {"receipt", receipt(b)}}.dump();
  }
  static std::string result_payload(const std::vector<int64_t>& counts, const std::vector<int64_t>& elected) {
    return Json{{"round", 1},
                {"trustees", {1, 3}},
                {"counts", counts},
                {"ballots_counted", 20},
                {"elected", elected},
                {"announcement_zh", "候选人11、候选人12当选。"},
                {"announcement_en", "Elected: 11, 12."}}
        .dump();
  }
  static size_t find(const Items& items, const std::string& kind, int nth = 0) {
    for (size_t i = 0; i < items.size(); ++i)
      if (items[i].first == kind && nth-- == 0) return i;
    ADD_FAILURE() << "no " << kind;
    return 0;
  }
  // Verifies `items` (rechained, so only the intended check can fail) and expects `code` at
  // entry `entry`.
  static void expect_failure(const Items& items, const std::string& code, int64_t entry) {
    auto v = elections::verify_board(chain(items));
    EXPECT_FALSE(v.ok);
    EXPECT_EQ(v.code, code) << v.reason;
    EXPECT_EQ(v.entry, entry) << v.reason;
    EXPECT_FALSE(v.reason.empty());
  }

  static TestElection* e_;
  static Items* items_;
  static std::vector<Ballot>* ballots_;
  static std::vector<Ciphertext>* tally_;
};
TestElection* BoardVerify::e_ = nullptr;
Items* BoardVerify::items_ = nullptr;
std::vector<Ballot>* BoardVerify::ballots_ = nullptr;
std::vector<Ciphertext>* BoardVerify::tally_ = nullptr;

TEST_F(BoardVerify, WholeElectionPasses) {
  auto entries = chain(*items_);
  auto v = elections::verify_board(entries);
  ASSERT_TRUE(v.ok) << v.code << " at " << v.entry << ": " << v.reason;
  EXPECT_EQ(v.ballots_checked, 21);
  ASSERT_EQ(v.rounds.size(), 1u);
  const auto& r = v.rounds[0];
  EXPECT_EQ(r.round, 1);
  EXPECT_EQ(r.ballots_counted, 20);
  EXPECT_EQ(r.electorate, 20);
  ASSERT_EQ(r.counts.size(), 3u);
  EXPECT_EQ(r.counts[0].candidate_id, 11);
  EXPECT_EQ(r.counts[0].for_votes, 15);
  EXPECT_EQ(r.counts[0].against_votes, 2);
  EXPECT_EQ(r.counts[0].abstentions, 3);
  EXPECT_EQ(r.counts[1].for_votes, 12) << "voter 17's first ballot (for 12) was replaced";
  EXPECT_EQ(r.counts[2].for_votes, 5);
  EXPECT_EQ(r.elected, (std::vector<int64_t>{11, 12}));
  // Through the JSON the server publishes.
  Json board = {{"election_id", 7}, {"entries", Json::array()}};
  for (const auto& e : entries) board["entries"].push_back(board_entry_json(e));
  auto parsed = parse_board(Json::parse(board.dump()));
  ASSERT_TRUE(parsed.is_ok());
  EXPECT_TRUE(elections::verify_board(*parsed).ok);
  // A board still collecting ballots verifies too (no tally yet, no result).
  Items open(items_->begin(), items_->begin() + static_cast<long>(find(*items_, "tally")));
  auto v2 = elections::verify_board(chain(open));
  EXPECT_TRUE(v2.ok) << v2.reason;
  EXPECT_TRUE(v2.rounds.empty());
}

TEST_F(BoardVerify, TamperedEntryBreaksTheHashChain) {
  auto entries = chain(*items_);
  size_t b = find(*items_, "ballot", 3);
  entries[b].payload[entries[b].payload.size() - 2] ^= 1;
  auto v = elections::verify_board(entries);
  EXPECT_EQ(v.code, "board-hash");
  EXPECT_EQ(v.entry, static_cast<int64_t>(b));
  // Removing an entry, or swapping two, also fails at the first moved one.
  auto removed = chain(*items_);
  removed.erase(removed.begin() + static_cast<long>(b));
  EXPECT_EQ(elections::verify_board(removed).code, "board-hash");
  auto swapped = chain(*items_);
  std::swap(swapped[b], swapped[b + 1]);
  auto vs = elections::verify_board(swapped);
  EXPECT_EQ(vs.code, "board-hash");
  EXPECT_EQ(vs.entry, static_cast<int64_t>(b));
}

TEST_F(BoardVerify, MalformedPayloadFails) {
  Items items = *items_;
  size_t b = find(items, "ballot", 2);
  Json j = Json::parse(items[b].second);
  j["ballot"]["slots"][1]["beta"] = kBadEncodings[12];
  items[b].second = j.dump();
  expect_failure(items, "malformed", static_cast<int64_t>(b));
  Items junk = *items_;
  junk[find(junk, "tally")].second = "{not json";
  expect_failure(junk, "malformed", static_cast<int64_t>(find(junk, "tally")));
  Items order = *items_;
  std::swap(order[find(order, "tally")], order[find(order, "ballot", 5)]);
  // The tally now sits where ballot 5 was; the ballot after it is out of order.
  expect_failure(order, "malformed", static_cast<int64_t>(find(*items_, "ballot", 6)));
  // A ballot that names another round.
  Items round2 = *items_;
  size_t b7 = find(round2, "ballot", 7);
  Json r2 = Json::parse(round2[b7].second);
  r2["round"] = 2;
  round2[b7].second = r2.dump();
  expect_failure(round2, "malformed", static_cast<int64_t>(b7));
  // A result with no partial decryption before it.
  Items early = *items_;
  size_t r = find(early, "result");
  early.erase(early.begin() + static_cast<long>(find(early, "tally")), early.begin() + static_cast<long>(r));
  expect_failure(early, "malformed", static_cast<int64_t>(find(early, "result")));
}

TEST_F(BoardVerify, TrusteeKeyMismatchFails) {
  Items items = *items_;
  size_t a = find(items, "trustee-accepted", 1);
  Json j = Json::parse(items[a].second);
  j["verification_key"] = to_hex(base_mul(random_scalar()));
  items[a].second = j.dump();
  expect_failure(items, "trustee-proof", static_cast<int64_t>(a));
  Items missing = *items_;
  missing.erase(missing.begin() + static_cast<long>(find(missing, "trustee-commitments", 2)));
  expect_failure(missing, "trustee-proof", -1);
}

TEST_F(BoardVerify, ManifestWithAnotherKeyFails) {
  // A server that substitutes its own key could decrypt every ballot alone.
  Items items = *items_;
  size_t m = find(items, "manifest");
  Json j = Json::parse(items[m].second);
  j["public_key"] = to_hex(base_mul(random_scalar()));
  items[m].second = j.dump();
  expect_failure(items, "manifest", static_cast<int64_t>(m));
}

TEST_F(BoardVerify, EachBadBallotFails) {
  const TestElection& e = *e_;
  size_t first = find(*items_, "ballot", 4);
  auto with = [&](const Ballot& b) {
    Items items = *items_;
    items[first].second = ballot_entry(b);
    return items;
  };
  Ballot sig = (*ballots_)[4];
  sig.signature[3] ^= 1;
  expect_failure(with(sig), "ballot", static_cast<int64_t>(first));
  Ballot outsider = *make_ballot(e.manifest, new_credential(), {1, 0, 0, 0, 0, 0});
  expect_failure(with(outsider), "ballot", static_cast<int64_t>(first));
  Ballot copied = (*ballots_)[4];
  resign(copied, e.creds[0]);
  expect_failure(with(copied), "ballot", static_cast<int64_t>(first));
  Ballot identity_alpha = (*ballots_)[4];
  identity_alpha.slots[5].ct.alpha = identity();
  resign(identity_alpha, e.creds[3]);
  expect_failure(with(identity_alpha), "ballot", static_cast<int64_t>(first));
  // A wrong receipt with a good ballot.
  Items receipt_items = *items_;
  Json j = Json::parse(receipt_items[first].second);
  j["receipt"] = to_hex(std::string(32, '\x01'));
  receipt_items[first].second = j.dump();
  expect_failure(receipt_items, "ballot", static_cast<int64_t>(first));
}

TEST_F(BoardVerify, ReplayedBallotCountsOncePerCredential) {
  // The same signed ballot posted twice (the server refuses it; the verifier must not depend on
  // that): both copies verify, the credential's last ballot is the copy, and the tally of 20
  // still holds.
  Items items = *items_;
  size_t b = find(items, "ballot", 5);
  items.insert(items.begin() + static_cast<long>(b) + 1, items[b]);
  auto v = elections::verify_board(chain(items));
  ASSERT_TRUE(v.ok) << v.code << ": " << v.reason;
  EXPECT_EQ(v.ballots_checked, 22);
  EXPECT_EQ(v.rounds.at(0).ballots_counted, 20);
  EXPECT_EQ(v.rounds.at(0).counts.at(0).for_votes, 15);
  // A tally that counts the replay twice fails, even with its slots the honest product.
  size_t t = find(items, "tally");
  std::vector<const Ballot*> twice;
  Json receipts = Json::array();
  for (size_t i = 1; i < ballots_->size(); ++i) {
    twice.push_back(&(*ballots_)[i]);
    receipts.push_back(receipt((*ballots_)[i]));
    if (i == 5) {  // ballots_[5] is the replayed entry ("ballot" number 5 on the board)
      twice.push_back(&(*ballots_)[i]);
      receipts.push_back(receipt((*ballots_)[i]));
    }
  }
  items[t].second = Json{{"round", 1},
                         {"ballots_counted", 21},
                         {"receipts", receipts},
                         {"slots", tally_json(tally(e_->manifest.slot_count, twice))}}
                        .dump();
  expect_failure(items, "tally", static_cast<int64_t>(t));
}

TEST_F(BoardVerify, TallyCountingTheReplacedBallotFails) {
  Items items = *items_;
  size_t t = find(items, "tally");
  std::vector<const Ballot*> all;
  Json receipts = Json::array();
  for (const auto& b : *ballots_) {
    all.push_back(&b);
    receipts.push_back(receipt(b));
  }
  items[t].second = Json{{"round", 1},
                         {"ballots_counted", 21},
                         {"receipts", receipts},
                         {"slots", tally_json(tally(e_->manifest.slot_count, all))}}
                        .dump();
  expect_failure(items, "tally", static_cast<int64_t>(t));
  // The right receipts with slots that are not their product.
  Items wrong = *items_;
  Json j = Json::parse(wrong[t].second);
  j["slots"][0]["B"] = to_hex(add(tally_->at(0).beta, generator()));
  wrong[t].second = j.dump();
  expect_failure(wrong, "tally", static_cast<int64_t>(t));
}

TEST_F(BoardVerify, WrongPartialDecryptionFails) {
  Items items = *items_;
  size_t p = find(items, "partial-decryption", 1);
  Json j = Json::parse(items[p].second);
  Element d = el(j["factors"][0]["D"].get<std::string>());
  j["factors"][0]["D"] = to_hex(add(d, generator()));
  items[p].second = j.dump();
  expect_failure(items, "decryption", static_cast<int64_t>(p));
  // Only one partial decryption for threshold 2.
  Items one = *items_;
  one.erase(one.begin() + static_cast<long>(p));
  expect_failure(one, "decryption", static_cast<int64_t>(find(one, "result")));
}

TEST_F(BoardVerify, WrongResultFails) {
  size_t r = find(*items_, "result");
  Items counts = *items_;
  auto shifted = kCounts;
  shifted[4] += 1;
  counts[r].second = result_payload(shifted, {11, 12});
  expect_failure(counts, "result", static_cast<int64_t>(r));
  // Counts right, elected list not what the law gives (13 has 5 of 20: not more than half).
  Items elected = *items_;
  elected[r].second = result_payload(kCounts, {11, 13});
  expect_failure(elected, "result", static_cast<int64_t>(r));
  Items one = *items_;
  one[r].second = result_payload(kCounts, {11});
  expect_failure(one, "result", static_cast<int64_t>(r));
}

// ---- Interoperability vectors (section 11) ----------------------------------------------------

std::string data_path(const std::string& name) {
  return std::string(PLENUM_SOURCE_DIR) + "/tests/data/election/" + name;
}

// Verifies every ballot of a vector file and decrypts it with the test secret to its marks.
void check_vectors(const Json& v) {
  auto manifest = parse_manifest(v.at("manifest").get<std::string>());
  ASSERT_TRUE(manifest.is_ok()) << manifest.error().message_en;
  auto x = decode_scalar(v.at("test_secret").get<std::string>(), "test_secret");
  ASSERT_TRUE(x.is_ok());
  ASSERT_EQ(base_mul(*x), manifest->public_key);
  ASSERT_FALSE(v.at("ballots").empty());
  for (size_t i = 0; i < v.at("ballots").size(); ++i) {
    const Json& entry = v["ballots"][i];
    auto b = parse_ballot(entry.at("ballot"));
    ASSERT_TRUE(b.is_ok()) << "ballot " << i << ": " << b.error().message_en;
    Status s = verify_ballot(*manifest, *b);
    EXPECT_TRUE(s.is_ok()) << "ballot " << i << ": " << field_of(s) << " " << message_of(s);
    const Json& marks = entry.at("marks");
    ASSERT_EQ(marks.size(), b->slots.size());
    for (size_t k = 0; k < marks.size(); ++k) {
      Element gm = sub(b->slots[k].ct.beta, mul(b->slots[k].ct.alpha, *x));
      EXPECT_EQ(gm, base_mul(scalar(marks[k].get<uint32_t>()))) << "ballot " << i << " slot " << k;
    }
    if (entry.contains("receipt")) {
      EXPECT_EQ(entry["receipt"], receipt(*b));
    }
    if (entry.contains("randomness")) {
      for (size_t k = 0; k < marks.size(); ++k) {
        EXPECT_EQ(to_hex(b->slots[k].ct.alpha),
                  to_hex(base_mul(*decode_scalar(entry["randomness"][k].get<std::string>(), "r"))));
      }
    }
  }
}

Json read_json(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return Json::parse(ss.str());
}

// PLENUM_WRITE_VECTORS=1 regenerates tests/data/election/cpp-vectors.json (then commit it).
TEST(BallotProofVectors, WriteCppVectorsWhenAsked) {
  const char* flag = std::getenv("PLENUM_WRITE_VECTORS");
  if (!flag || std::string(flag) != "1") GTEST_SKIP() << "set PLENUM_WRITE_VECTORS=1 to rewrite";
  init();
  Scalar x = random_scalar();
  Element pk = base_mul(x);
  std::vector<Credential> creds;
  Json seeds = Json::array();
  for (int i = 0; i < 3; ++i) {
    creds.push_back(new_credential());
    seeds.push_back(hx(creds.back().seed));
  }
  std::string text = manifest_text(pk, {pk}, 1, sha256("cpp-vectors setup"), creds, {11, 12, 13}, 2);
  auto m = parse_manifest(text);
  ASSERT_TRUE(m.is_ok());
  const std::vector<std::vector<uint32_t>> all_marks = {
      {1, 0, 1, 0, 0, 1}, {0, 0, 0, 0, 0, 0}, {0, 1, 0, 1, 0, 1}, {1, 0, 0, 0, 1, 0}};
  Json ballots = Json::array();
  for (size_t i = 0; i < all_marks.size(); ++i) {
    std::vector<Scalar> rs;
    auto b = make_ballot(*m, creds[i % 3], all_marks[i], &rs);
    ASSERT_TRUE(b.is_ok());
    Json r = Json::array();
    for (const auto& s : rs) r.push_back(to_hex(s));
    ballots.push_back({{"marks", all_marks[i]},
                       {"credential_seed", hx(creds[i % 3].seed)},
                       {"randomness", r},
                       {"receipt", receipt(*b)},
                       {"ballot", ballot_json(*b)}});
  }
  Json out = {{"manifest", text}, {"test_secret", to_hex(x)}, {"credential_seeds", seeds}, {"ballots", ballots}};
  std::filesystem::create_directories(data_path(""));
  std::ofstream(data_path("cpp-vectors.json")) << out.dump(2) << "\n";
}

TEST(BallotProofVectors, CppVectorsVerify) {
  init();
  ASSERT_TRUE(std::filesystem::exists(data_path("cpp-vectors.json")));
  check_vectors(read_json(data_path("cpp-vectors.json")));
}

TEST(BallotProofVectors, BrowserVectorsVerify) {
  init();
  if (!std::filesystem::exists(data_path("browser-vectors.json")))
    GTEST_SKIP() << "tests/data/election/browser-vectors.json is not there yet (web/src/crypto writes it)";
  check_vectors(read_json(data_path("browser-vectors.json")));
}

}  // namespace
}  // namespace plenum::crypto
